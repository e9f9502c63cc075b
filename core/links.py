"""Addresses that leave the site: in emails and on printed PDFs."""

from django.conf import settings


def absolute(path: str) -> str:
    """The site's public address of `path` (settings.WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
