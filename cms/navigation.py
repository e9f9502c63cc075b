"""The header menu and footer links, read once per site and language and then cached:
every page shows them, and they change only when an editor publishes or moves a page."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import SiteLinks

CACHE_SECONDS = 600
GENERATION_KEY = "site-navigation:generation"


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, None)
    return generation


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
    links = SiteLinks.for_site(site)
    footer = [links.about_page, links.accessibility_statement]
    return {
        "menu": [_link(page, request) for page in menu],
        "footer": [_link(page.localized, request) for page in footer if page and page.live],
    }


def site_navigation(request) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {"menu": [], "footer": []}
    language = translation.get_language()
    navigation = cache.get(f"site-navigation:{_generation()}:{site.id}:{language}")
    if navigation is None:
        navigation = _read(site, request)
        # Reading may create the site's empty SiteLinks, which starts a new generation.
        cache.set(
            f"site-navigation:{_generation()}:{site.id}:{language}", navigation, CACHE_SECONDS
        )
    return navigation


def clear_site_navigation(**kwargs) -> None:
    cache.delete(GENERATION_KEY)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(clear_site_navigation, dispatch_uid=f"site-navigation-{signal!r}")


@receiver(post_delete, sender=Page, dispatch_uid="site-navigation-page-delete")
@receiver(post_save, sender=Site, dispatch_uid="site-navigation-site-save")
@receiver(post_save, sender=SiteLinks, dispatch_uid="site-navigation-links-save")
def _clear_on_change(**kwargs) -> None:
    clear_site_navigation()
