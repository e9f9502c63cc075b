"""The account's background work: data exports, deletions, and retention (issue 14)."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts import erasure, exporting
from accounts.models import AccountDeletion, DataExport, User
from accounts.privacy import Choice

logger = logging.getLogger(__name__)
DELETION_GRACE_MINUTES = 10


@shared_task
def clear_expired_sessions() -> None:
    """Removes the sessions past their expiry, signed-in and anonymous alike (an anonymous
    learner's progress lives in one for SESSION_COOKIE_AGE): Django never removes them by
    itself, so without this the session table only grows."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_data_export(export_id: str) -> None:
    exporting.build_and_offer(export_id)


def request_export(user: User, *, by: User | None = None) -> DataExport:
    """Queues an export of the account's data (exporting.ExportUnderway when one is queued)."""
    export = exporting.request(user, by=by)
    transaction.on_commit(partial(build_data_export.delay, str(export.pk)))
    return export


@shared_task(acks_late=True, reject_on_worker_lost=True)
def erase_account(deletion_id: int, notify: bool = True) -> bool:
    return erasure.erase(deletion_id, notify=notify)


def delete_account(user: User, choice: Choice, *, by: User | None = None) -> AccountDeletion:
    """Starts deleting the account now and erases it in the background
    (erasure.DeletionUnderway when a deletion was asked for already)."""
    deletion = erasure.request(user, choice, by=by)
    transaction.on_commit(partial(erase_account.delay, deletion.pk))
    return deletion


@shared_task
def remove_expired_exports() -> int:
    """Deletes the export files past their download window (and the exports whose worker
    died, so that they can be asked for again)."""
    return exporting.remove_expired()


@shared_task
def finish_deletions() -> int:
    """Erases the accounts whose deletion has waited for longer than a few minutes: its
    task was lost (a broker restart); the account has been unusable since it was asked."""
    due = AccountDeletion.objects.filter(
        created_at__lt=timezone.now() - timedelta(minutes=DELETION_GRACE_MINUTES)
    ).values_list("pk", flat=True)
    return sum(erasure.erase(pk) for pk in list(due))


@shared_task
def remove_unconfirmed_signups() -> int:
    """Deletes the accounts whose email address was never confirmed within
    UNCONFIRMED_SIGNUP_DAYS days of signing up (they could never log in)."""
    count = 0
    for user in User.objects.filter(
        is_staff=False,
        is_superuser=False,
        last_login=None,
        deletion=None,
        date_joined__lt=timezone.now() - timedelta(days=settings.UNCONFIRMED_SIGNUP_DAYS),
    ).exclude(emailaddress__verified=True):
        try:
            deletion = erasure.request(user, Choice.WITHDRAW)
        except erasure.DeletionUnderway:
            continue
        erasure.erase(deletion.pk, notify=False)
        count += 1
    return count
