"""The certificates' personal data in the privacy registry (accounts/privacy.py)."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import Erase, register
from certificates import issuing

register(
    "certificates.Certificate",
    owners={"user": Erase.HOLDERS_CHOICE},
    export=(
        "code",
        "name",
        "course_title",
        "language",
        "completed_on",
        "status",
        "revoked_at",
        "revoke_reason",
        "pdf",
        "pdf_sha256",
    ),
    about=_(
        "Your certificates: the name printed on each, the course, the date and the PDF. "
        "Their verification pages show your name to anyone who has the code."
    ),
    erase_rows=issuing.erase_for_holder,
    asks=issuing.holder_has_issued,
)
register(
    "certificates.RegenerationJob",
    owners={"started_by": Erase.DETACH},
    export=("course", "status", "created_at"),
    about=_("Certificate regenerations you started as staff."),
)
