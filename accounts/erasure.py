"""Deleting an account: every holding of the privacy registry erased, from one path.

The learner deletes their own account from the profile, staff delete one in the admin, the
retention task removes sign-ups never confirmed: all three call `request` and the task calls
`erase`. `request` is the moment the account stops working (inactive, signed out
everywhere) and the one deletion per account the database allows; `erase` applies each
holding's rule (accounts/privacy.py), lets the certificates take the holder's choice, keeps
the admin's log without the name, deletes the account and then its files.
"""

from __future__ import annotations

import logging
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.models import AccountDeletion, User
from accounts.privacy import Choice, StoredFile, choices_needed, holdings

logger = logging.getLogger(__name__)

ACCOUNT = "accounts.user"


class DeletionUnderway(Exception):
    """The account is being deleted already."""


def request(user: User, choice: Choice, *, by: User | None = None) -> AccountDeletion:
    """Starts deleting the account: it can no longer log in, and its sessions end now; the
    erasure itself follows (accounts.tasks.erase_account). Raises DeletionUnderway when a
    deletion of the account has been asked for already."""
    try:
        with transaction.atomic():
            deletion = AccountDeletion.objects.create(
                user=user, certificates=choice, requested_by=by if by != user else None
            )
            # Inactive, the account is signed out of every session at their next request
            # (the authentication backends refuse it); the sessions go with the erasure.
            User.objects.filter(pk=user.pk).update(is_active=False)
    except IntegrityError as error:
        raise DeletionUnderway from error
    return deletion


def erase(deletion_id: int, *, notify: bool = True) -> bool:
    """Erases the account of the deletion; False when it is gone already (a task that ran
    twice). One transaction: it is all erased or nothing is. With `notify`, the address
    gets a last email saying so (not for a sign-up never confirmed: the address may not be
    the person's)."""
    with transaction.atomic():
        deletion = (
            AccountDeletion.objects.select_for_update(of=("self",))
            .select_related("user", "requested_by")
            .filter(pk=deletion_id)
            .first()
        )
        if deletion is None:
            return False
        user, choice = deletion.user, Choice(deletion.certificates)
        had_certificates = choices_needed(user)
        files: list[StoredFile] = []
        for holding in holdings():
            if holding.label not in (ACCOUNT, "accounts.accountdeletion"):
                files += holding.erase(user, choice)
        _keep_the_log_without_the_name(user, deletion)
        goodbye = {
            "email": user.email,
            "language": user.preferred_language,
            "choice": choice if had_certificates else None,
        }
        pk = user.pk
        deletion.delete()
        user.delete()
        transaction.on_commit(partial(_delete_files, files))
        if notify:
            transaction.on_commit(partial(_say_goodbye, **goodbye))
    logger.info("Account %s erased", pk)
    return True


def _keep_the_log_without_the_name(user: User, deletion: AccountDeletion) -> None:
    """The admin's log keeps what was done to the account and by it, never who it was: the
    entries about the account lose their label and details (the registry has already
    detached the entries the account made), and the deletion itself is logged."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    )
    entries.update(label=f"#{user.pk}", data={})
    log(
        instance=user,
        action="wagtail.delete",
        user=deletion.requested_by,
        title=f"#{user.pk}",
        data={"certificates": deletion.certificates},
    )


def _delete_files(files: list[StoredFile]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # one unreachable file must not keep the others
            logger.exception("Could not delete %s after an account was erased", name)


def _say_goodbye(email: str, language: str, choice: Choice | None) -> None:
    """The last email to the address: the account is gone, and what became of the
    certificates."""
    with translation.override(language):
        send_mail(
            _("Your account has been deleted"),
            render_to_string("accounts/email/deleted.txt", {"choice": choice}),
            None,
            [email],
        )
