"""What every page of the site shares."""

from __future__ import annotations

from wagtail.models import Page, PageViewRestriction

from core import content_cache


def _restricted_prefixes() -> tuple[str, ...]:
    """Tree paths under which a page may have view restrictions: the pages with
    restrictions, and aliases (which take their source page's)."""
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return (*restricted, *aliases)


class CachedRestrictionsMixin:
    """Wagtail asks the database for a page's and its ancestors' view restrictions on
    every view (two queries). Few pages have any: the paths that may are cached under the
    content generation, and the rest answer "none" without a query."""

    def get_view_restrictions(self):
        if self.path:
            prefixes = content_cache.get_or_set(_restricted_prefixes, "restricted-paths")
            if not any(self.path.startswith(prefix) for prefix in prefixes):
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def active_locale_id() -> int | None:
    """The id of the Wagtail locale of the active language (cached: locales rarely change)."""
    from django.utils import translation
    from wagtail.models import Locale

    def read():
        try:
            return Locale.get_active().id
        except Locale.DoesNotExist:
            return False

    return content_cache.get_or_set(read, "locale", translation.get_language()) or None
