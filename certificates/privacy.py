"""The certificates' personal data in the privacy registry (accounts/privacy.py)."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import Erase, register

register(
    "certificates.Certificate",
    owners={"user": Erase.HOLDERS_CHOICE},
    export=("code", "name", "course_title", "language", "completed_on", "status", "pdf"),
    about=_(
        "Your certificates: the name printed on each, the course, the date and the PDF. "
        "Their verification pages show your name to anyone who has the code."
    ),
)
register(
    "certificates.RegenerationJob",
    owners={"started_by": Erase.DETACH},
    export=("course", "status", "created_at"),
    about=_("Certificate regenerations you started as staff."),
)
