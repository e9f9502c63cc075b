import mimetypes

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self) -> None:
        # Browsers need the right type to use captions files and videos served as documents.
        mimetypes.add_type("text/vtt", ".vtt")
        mimetypes.add_type("video/webm", ".webm")
        from cms import admin_csp, receivers

        admin_csp.install()
        receivers.connect()
