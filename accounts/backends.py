"""Django's ModelBackend, with each account's permissions cached between requests.

Every page a signed-in learner opens asks whether they may open the Wagtail admin (the
user bar): two queries a page with Django's backend. The answer is cached per account
under the content generation (core/content_cache.py), which any change of groups,
permissions or an account's memberships starts anew (the receivers below; such changes
are rare, and the content caches fill again in a moment), and keyed by the account's
superuser flag, so a revoked permission is revoked on the next request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import content_cache


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            read = super().get_all_permissions
            user_obj._perm_cache = content_cache.get_or_set(
                lambda: frozenset(read(user_obj)),
                "permissions",
                user_obj.pk,
                int(user_obj.is_superuser),
            )
        return user_obj._perm_cache


def permissions_changed(**kwargs) -> None:
    content_cache.bump()


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
