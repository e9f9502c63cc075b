"""The header menu and footer links, read once per site and language and then cached
under the content generation (core/content_cache.py): every page shows them, and they
change only when an editor changes content."""

from __future__ import annotations

from django.utils import translation
from wagtail.models import Page, Site

from cms.models import SiteLinks
from core import content_cache


def _link(page: Page, request) -> dict:
    return {
        "id": page.id,
        "title": page.title,
        "url": page.get_url(request),
        "path": page.path,
    }


def _read(site: Site, request) -> dict:
    home = site.root_page.localized
    menu = home.get_children().live().public().in_menu()
    # Not SiteLinks.for_site, which creates a site's missing settings: a read never writes.
    links = (
        SiteLinks.objects.filter(site=site)
        .select_related("about_page", "accessibility_statement", "privacy_notice")
        .first()
    )
    pages = (
        (links.about_page, links.accessibility_statement, links.privacy_notice)
        if links
        else (None, None, None)
    )
    # about, accessibility statement, privacy notice: each in the visitor's language
    footer = [_link(page.localized, request) if page and page.live else None for page in pages]
    return {
        "menu": [_link(page, request) for page in menu],
        "footer": [link for link in footer if link],
        "privacy": footer[2],
    }


def site_navigation(request) -> dict:
    site = content_cache.site_for(request)
    if site is None:
        return {"menu": [], "footer": [], "privacy": None}
    return content_cache.get_or_set(
        lambda: _read(site, request), "navigation", site.id, translation.get_language()
    )
