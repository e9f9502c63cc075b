"""The privacy registry: every model that holds personal data, in one place per app.

In the manner of Moodle's privacy API, each app declares which of its models hold what
about a person, how a row is found from the person's account, what goes into the person's
data export and what erasing the account does to the row (`register`, called from the
app's `privacy` module when it is ready). The export and the deletion of an account work
from this registry alone, and `tests/accounts/test_privacy_registry.py` walks every model
of every installed app and fails when one that points at an account or has a personal
field is missing from it.

This module registers what Django, allauth and Wagtail keep (the account itself, its email
addresses and second factors, sessions, the admin's log, revisions, comments, uploads);
`courses.privacy` and `certificates.privacy` register their own models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.files.storage import Storage
from django.db.models import FileField, Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from django.db.models import Model, QuerySet
    from django.utils.functional import Promise


class Choice(StrEnum):
    """What the holder of certificates chooses for them when the account goes."""

    KEEP = "keep"  # the public record stays: printed name, course, date and hash, no account
    WITHDRAW = "withdraw"  # the verification page says "withdrawn by the holder", name erased


# A file a row keeps: the storage it lives in and its name there.
StoredFile = tuple[Storage, str]


class Erase(StrEnum):
    """What erasing an account does to a row that points at it."""

    DELETE = "delete"  # the row goes, with its files
    DETACH = "detach"  # the row stays without the person: the reference is emptied
    HOLDERS_CHOICE = "holders-choice"  # certificates: kept verifiable, or withdrawn


@dataclass(frozen=True)
class Holding:
    """One model's personal data.

    `owners` maps each lookup from a row to the account (`"user"`, `"requested_by"`; `"pk"`
    for the account itself) to what erasing the account does to the rows found through it.
    `export` names the fields that go into the export (never secrets: password hashes,
    second-factor keys, session keys). `find`, for a model that does not point at the
    account with a foreign key (sessions), returns the account's rows instead.
    """

    label: str
    owners: Mapping[str, Erase]
    export: tuple[str, ...]
    about: Promise
    find: Callable[[Model], QuerySet] | None = field(default=None, compare=False)
    # For HOLDERS_CHOICE: erases the account's rows the way the holder chose, returns the
    # files to delete; and tells whether the account has anything the choice applies to.
    erase_rows: Callable[[QuerySet, Choice], list[StoredFile]] | None = field(
        default=None, compare=False
    )
    asks: Callable[[QuerySet], bool] | None = field(default=None, compare=False)

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.label)

    def rows(self, user: Model) -> QuerySet:
        """The rows of this model that are the account's, through any of its owners."""
        if self.find is not None:
            return self.find(user)
        where = Q()
        for lookup in self.owners:
            where |= Q(**{lookup: user.pk if lookup == "pk" else user})
        return self.model._default_manager.filter(where)

    def erase(self, user: Model, choice: Choice) -> list[StoredFile]:
        """Applies the erase rules to the account's rows (the account itself is left to
        accounts/erasure.py); returns the files the deleted rows kept."""
        if self.erase_rows is not None:
            return self.erase_rows(self.rows(user), choice)
        if self.find is not None:
            rows = self.find(user)
            files = files_of(rows)
            rows.delete()
            return files
        files: list[StoredFile] = []
        for lookup, rule in self.owners.items():
            if lookup == "pk":
                continue
            rows = self.model._default_manager.filter(**{lookup: user})
            if rule == Erase.DELETE:
                files += files_of(rows)
                rows.delete()
            else:
                rows.update(**{lookup: None})
        return files


def files_of(rows: QuerySet) -> list[StoredFile]:
    """The stored files of the rows' file and image fields."""
    files: list[StoredFile] = []
    for model_field in rows.model._meta.concrete_fields:
        if isinstance(model_field, FileField):
            names = rows.exclude(**{model_field.name: ""}).values_list(model_field.name, flat=True)
            files += [(model_field.storage, name) for name in names if name]
    return files


REGISTRY: dict[str, Holding] = {}


def register(
    label: str,
    *,
    owners: Mapping[str, Erase],
    export: tuple[str, ...],
    about: Promise,
    find: Callable[[Model], QuerySet] | None = None,
    erase_rows: Callable[[QuerySet, Choice], list[StoredFile]] | None = None,
    asks: Callable[[QuerySet], bool] | None = None,
) -> Holding:
    """Declares a model's personal data (`label` as "app_label.ModelName", any case)."""
    key = label.lower()
    if key in REGISTRY:
        raise ValueError(f"{label} is already in the privacy registry")
    if (Erase.HOLDERS_CHOICE in owners.values()) != (erase_rows is not None):
        raise ValueError(f"{label}: the holder's choice needs erase_rows, and only it")
    holding = Holding(key, dict(owners), tuple(export), about, find, erase_rows, asks)
    REGISTRY[key] = holding
    return holding


def holdings() -> list[Holding]:
    return sorted(REGISTRY.values(), key=lambda holding: holding.label)


def choices_needed(user: Model) -> bool:
    """Whether erasing the account asks the holder to choose (issued certificates)."""
    return any(
        holding.asks(holding.rows(user))
        for holding in REGISTRY.values()
        if holding.asks is not None
    )


def _sessions_of(user: Model) -> QuerySet:
    """The account's sessions: those whose data names it (a session keeps no foreign key)."""
    Session = apps.get_model("sessions", "Session")  # noqa: N806
    keys = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    return Session.objects.filter(pk__in=keys)


def register_platform() -> None:
    """What Django, allauth and Wagtail keep about a person."""
    delete, detach = Erase.DELETE, Erase.DETACH
    register(
        "accounts.User",
        owners={"pk": delete},
        export=("email", "full_name", "preferred_language", "date_joined", "last_login"),
        about=_("Your account: email address, name, language, when you joined and last logged in."),
    )
    register(
        "accounts.User_groups",
        owners={"user": delete},
        export=("group",),
        about=_("The staff groups your account belongs to."),
    )
    register(
        "accounts.User_user_permissions",
        owners={"user": delete},
        export=("permission",),
        about=_("Permissions given to your account directly."),
    )
    register(
        "account.EmailAddress",
        owners={"user": delete},
        export=("email", "verified", "primary"),
        about=_("Your email addresses and whether each is confirmed."),
    )
    register(
        "mfa.Authenticator",
        owners={"user": delete},
        export=("type", "created_at", "last_used_at"),
        about=_("Your second factors for logging in (never their secret keys)."),
    )
    register(
        "sessions.Session",
        owners={},
        export=("expire_date",),
        about=_("Your logged-in sessions (never their keys)."),
        find=_sessions_of,
    )
    register(
        "wagtailusers.UserProfile",
        owners={"user": delete},
        export=("preferred_language", "current_time_zone", "theme"),
        about=_("Your settings in the editors' admin."),
    )
    for label, lookup in (
        ("wagtailcore.PageLogEntry", "user"),
        ("wagtailcore.ModelLogEntry", "user"),
    ):
        register(
            label,
            owners={lookup: detach},
            export=("action", "label", "timestamp"),
            about=_("What you did in the editors' admin (the log keeps the action, not you)."),
        )
    register(
        "wagtailcore.Revision",
        owners={"user": detach},
        export=("object_str", "created_at"),
        about=_("The page and snippet versions you saved as an editor."),
    )
    register(
        "wagtailcore.Page",
        owners={"owner": detach, "locked_by": detach},
        export=("title", "first_published_at"),
        about=_("The pages you created or locked as an editor."),
    )
    register(
        "wagtailcore.Comment",
        owners={"user": delete, "resolved_by": detach},
        export=("text", "created_at", "resolved_at"),
        about=_("Your comments on pages in the editors' admin."),
    )
    register(
        "wagtailcore.CommentReply",
        owners={"user": delete},
        export=("text", "created_at"),
        about=_("Your replies to comments in the editors' admin."),
    )
    register(
        "wagtailcore.PageSubscription",
        owners={"user": delete},
        export=("page", "comment_notifications"),
        about=_("The pages whose comments you follow."),
    )
    register(
        "wagtailcore.WorkflowState",
        owners={"requested_by": detach},
        export=("status", "created_at"),
        about=_("The moderation workflows you started."),
    )
    register(
        "wagtailcore.TaskState",
        owners={"finished_by": detach},
        export=("status", "finished_at", "comment"),
        about=_("The moderation tasks you finished."),
    )
    register(
        "wagtailcore.APIToken",
        owners={"user": delete},
        export=("name", "created", "last_used_at"),
        about=_("Your API tokens (never the tokens themselves)."),
    )
    for label, about in (
        ("wagtailcore.UploadedFile", _("Files you uploaded that are still being processed.")),
        ("wagtailimages.Image", _("The images you uploaded as an editor.")),
        ("wagtaildocs.Document", _("The documents you uploaded as an editor.")),
    ):
        register(
            label,
            owners={"uploaded_by_user": detach},
            export=("title",) if label != "wagtailcore.UploadedFile" else ("file",),
            about=about,
        )
    register(
        "wagtailadmin.EditingSession",
        owners={"user": delete},
        export=("last_seen_at",),
        about=_("When you last had a page open in the editors' admin."),
    )
    register(
        "accounts.DataExport",
        owners={"user": delete, "requested_by": detach},
        export=("status", "language", "created_at", "finished_at", "expires_at"),
        about=_("The copies of your data you asked for, and when each can be downloaded."),
    )
    register(
        "accounts.AccountDeletion",
        owners={"user": delete, "requested_by": detach},
        export=("certificates", "created_at"),
        about=_("Your request to delete your account, while it is carried out."),
    )
    register(
        "wagtailadmin.FormState",
        owners={"user": delete},
        export=("last_updated_at",),
        about=_("Unsaved form data the editors' admin kept for you."),
    )
