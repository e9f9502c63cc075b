"""Django's ModelBackend, with each account's permissions cached between requests.

Every page a signed-in learner opens asks whether they may open the Wagtail admin (the
user bar): two queries a page with Django's backend. The answer is cached per account
under a permissions generation that any change of groups, permissions or an account's
memberships starts anew (the receivers below), and keyed by the account's superuser flag,
so a revoked permission is revoked on the next request.
"""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "permissions:generation"
CACHE_SECONDS = 60 * 60


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY) or generation
    return generation


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            key = f"permissions:{_generation()}:{user_obj.pk}:{int(user_obj.is_superuser)}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, CACHE_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def permissions_changed(**kwargs) -> None:
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def connect() -> None:
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            permissions_changed, sender=through, dispatch_uid=f"permissions-{through._meta.label}"
        )
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(
                permissions_changed,
                sender=model,
                dispatch_uid=f"permissions-{model._meta.label}-{id(signal)}",
            )
