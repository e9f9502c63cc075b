"""What a certificate's PDF prints, gathered from a certificate and its template into the
renderer's plain data, in the certificate's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from certificates.rendering import CertificateData
from core.links import absolute

if TYPE_CHECKING:
    from certificates.models import Certificate


def verification_url(code: str) -> str:
    return absolute(reverse("verify", args=[code]))


def certificate_data(certificate: Certificate) -> CertificateData:
    template = certificate.template
    with translation.override(certificate.language):
        return CertificateData(
            name=certificate.name,
            course_title=certificate.course_title,
            completion_date=formats.date_format(certificate.completed_on, "DATE_FORMAT"),
            course_length=certificate.course_length,
            code=certificate.code,
            verify_url=verification_url(certificate.code),
            language=certificate.language,
            heading=template.heading if template else _("Certificate"),
            statement=template.statement if template else _("has completed the course"),
            issuer=template.issuer if template else settings.CERTIFICATE_DEFAULT_ISSUER,
            signatory_name=template.signatory_name if template else "",
            signatory_title=template.signatory_title if template else "",
            accent_colour=template.accent_colour if template else "#0b5563",
            logo=_image_bytes(template.logo) if template else None,
            signature=_image_bytes(template.signature) if template else None,
            labels={
                "date": _("Completed"),
                "length": _("Length"),
                "code": _("Certificate code"),
                "verify": _("Check that it is genuine:"),
            },
        )


def _image_bytes(image) -> bytes | None:
    if image is None:
        return None
    with image.open_file() as handle:
        return handle.read()
