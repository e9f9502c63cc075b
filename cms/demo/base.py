"""What the demo loaders share: keys made from the stable names in `content/`, and one run
that creates a page only when no page has its key yet and counts what it creates."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from wagtail.models import Locale, Page

if TYPE_CHECKING:
    from collections.abc import Callable

NAMESPACE = uuid.UUID("6f1f4c38-7e0b-4d59-9a43-1d3c1f3a5e21")
SITE_LANGUAGES = ("fi", "sv", "en")


def translation_key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def stable_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


class LoadRun:
    """One run of the loader. Pages are found by translation key, not by slug or title,
    so a page an editor renamed or moved is still found and left as it is."""

    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.created = 0
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in SITE_LANGUAGES
        }

    def made(self, what: str) -> None:
        self.created += 1
        self.log(what)

    def existing(self, name: str, language: str) -> Page | None:
        page = Page.objects.filter(
            translation_key=translation_key(name), locale=self.locales[language]
        ).first()
        return page.specific if page is not None else None

    def ensure(self, parent: Page, name: str, language: str, make: Callable[[], Page]) -> Page:
        """The page keyed `name` in `language`; `make` is called only when there is none."""
        existing = self.existing(name, language)
        if existing is not None:
            return existing
        page = make()
        page.translation_key = translation_key(name)
        page.locale = self.locales[language]
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.made(f"page ({language}): {page.title}")
        return page
