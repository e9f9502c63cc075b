"""Retention: what the site keeps about visitors goes when its time is up (issue 14)."""

from __future__ import annotations

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task
def clear_expired_sessions() -> None:
    """Removes the sessions past their expiry, signed-in and anonymous alike (an anonymous
    learner's progress lives in one for SESSION_COOKIE_AGE): Django never removes them by
    itself, so without this the session table only grows."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
