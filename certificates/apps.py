from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates of completion. Empty until the certificates issue builds it."""

    name = "certificates"
    verbose_name = _("Certificates")
