"""Retention (issue 14, item 5): expired sessions are removed by the nightly task."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["learning"] = {"done": []}
    store.set_expiry(timezone.now() + expires_in)
    store.save()
    return store.session_key


def test_expired_sessions_are_removed_and_live_ones_kept(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    old = _session(timedelta(days=-1))
    live = _session(timedelta(days=30))
    clear_expired_sessions.apply().get()  # run here, as a worker would run it
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert old != live


def test_the_task_runs_every_night():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "accounts.tasks.clear_expired_sessions"
    )
    assert entry["schedule"].hour == {3}
