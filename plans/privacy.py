"""The plans' personal data in the privacy registry (accounts/privacy.py)."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import Erase, register

register(
    "plans.ForesightPlan",
    owners={"user": Erase.DELETE},
    export=("course", "answers", "updated_at"),
    about=_(
        "Your foresight plans: your firm, PESTEL scan, signals, futures wheel, scenarios "
        "and actions."
    ),
)
