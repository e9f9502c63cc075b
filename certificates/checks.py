"""Deployment checks: what is printed on a certificate must be reachable by an employer."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver", ""}  # noqa: S104


@register(Tags.security, deploy=True)
def public_base_url(app_configs=None, **kwargs) -> list[Error]:
    """The verification URL and QR code on every certificate start with
    WAGTAILADMIN_BASE_URL: in production it must be the site's public https address."""
    url = settings.WAGTAILADMIN_BASE_URL or ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            Error(
                f"WAGTAILADMIN_BASE_URL is {url!r}: certificates would print a verification "
                "address nobody else can open.",
                hint="Set WAGTAILADMIN_BASE_URL to the site's public address, "
                "e.g. https://kurssi.example.fi.",
                id="certificates.E001",
            )
        ]
    return []
