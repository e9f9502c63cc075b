"""The events' personal data in the privacy registry (accounts/privacy.py)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.privacy import Erase, register
from events.models import Registration


def _registrations_of(user):
    """The account's sign-ups, and those made with its address before it had an account."""
    return Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))


register(
    "events.Registration",
    owners={"user": Erase.DELETE},
    export=(
        "event",
        "name",
        "email",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "attended",
    ),
    about=_("The events you signed up for, your place or place in line, and your attendance."),
    find=_registrations_of,
)
