"""The site around the course and the library: a home page for each language (the Finnish one
the default site's root), the standard pages (megatrends, about, accessibility, and the
privacy notice in every language), the glossary,
the home page's featured cards and the footer links in site settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.models import Page, Site

from cms.demo import source
from cms.demo.base import SITE_LANGUAGES, stable_id, translation_key
from cms.demo.body import stream_body
from cms.demo.source import CONTENT_DIR, rich_text
from cms.models import GlossaryPage, GlossaryTerm, HomePage, SiteLinks, StandardPage

if TYPE_CHECKING:
    from cms.demo.assets import Assets
    from cms.demo.base import LoadRun
    from courses.models import LessonPage

PAGES_DIR = CONTENT_DIR / "pages"
# Site pages under each home, in menu order; the rest are linked from the footer.
SITE_PAGES = (("megatrends", True), ("about", False), ("accessibility", False))


class SiteLoader:
    def __init__(self, run: LoadRun, assets: Assets):
        self.run = run
        self.assets = assets
        self._new_homes: set[int] = set()
        self._homes: dict[str, HomePage] = {}
        self._pages: dict[str, dict[str, Page]] = {}

    def homes(self) -> dict[str, HomePage]:
        """The home page of every site language, made first: everything else lives under one."""
        root = Page.get_first_root_node()
        homes = {}
        for language in SITE_LANGUAGES:
            if self.run.existing("home", language) is None:
                text = source.read_text_document(PAGES_DIR / f"home.{language}.md")
                home = self.run.ensure(
                    root,
                    "home",
                    language,
                    lambda text=text, language=language: HomePage(
                        title=text.meta["title"],
                        slug=f"home-{language}",
                        intro=rich_text(text.meta.get("intro", "")),
                        body=stream_body(self.assets, text.blocks, language, f"home/{language}"),
                    ),
                )
                self._new_homes.add(home.pk)
            homes[language] = self.run.existing("home", language)
        self._homes = homes
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=homes["fi"], is_default_site=True)
        elif not isinstance(site.root_page.specific, HomePage):
            welcome = site.root_page
            site.root_page = homes["fi"]
            site.save()
            # Wagtail's installation page is replaced once; anything else is left alone.
            if type(welcome.specific) is Page and welcome.get_children_count() == 0:
                welcome.delete()
        return homes

    def load(
        self,
        home: HomePage,
        language: str,
        sections: dict,
        lessons: dict[str, LessonPage],
        featured: dict[str, Page],
    ) -> None:
        """The glossary and standard pages under `home`. A home made in this run also gets
        its cards, pointing to `featured` and those pages; an existing home keeps its own."""
        glossary = self._glossary(home, language, lessons, sections["glossary"])
        self._pages[language] = self._site_pages(home, language)
        if home.pk in self._new_homes:
            featured = {
                **featured,
                "glossary": glossary,
                "megatrends": self._pages[language]["megatrends"],
            }
            self._feature(home, featured, sections["home_cards"])

    def site_links(self) -> None:
        """Footer links to the Finnish pages, set once; each link follows the visitor's
        language by itself."""
        pages = self._pages["fi"]
        # The privacy notice in every site language (the other pages are in fi and en).
        notices = {
            language: self._standard_page(home, "privacy", language, in_menu=False)
            for language, home in self._homes.items()
        }
        site = Site.objects.get(is_default_site=True)
        links = SiteLinks.for_site(site)
        if links.about_page_id is None and links.accessibility_statement_id is None:
            links.about_page = pages["about"]
            links.accessibility_statement = pages["accessibility"]
            links.feedback_email = links.feedback_email or "saavutettavuus@ennakointi.example.fi"
            links.save()
        if links.privacy_notice_id is None:
            links.privacy_notice = notices["fi"]
            links.save()

    def _feature(self, home: HomePage, pages: dict[str, Page], cards: list[dict]) -> None:
        home.featured = [
            {
                "type": "card",
                "value": {
                    "page": pages[card["page"]].pk,
                    "title": card["title"],
                    "text": card["text"],
                },
                "id": stable_id(f"home/{home.locale.language_code}/{card['page']}"),
            }
            for card in cards
        ]
        home.save_revision().publish()

    def _site_pages(self, home: HomePage, language: str) -> dict[str, Page]:
        return {
            name: self._standard_page(home, name, language, in_menu=in_menu)
            for name, in_menu in SITE_PAGES
        }

    def _standard_page(self, home: HomePage, name: str, language: str, in_menu: bool) -> Page:
        text = source.read_text_document(PAGES_DIR / f"{name}.{language}.md")
        return self.run.ensure(
            home,
            f"page/{name}",
            language,
            lambda: StandardPage(
                title=text.meta["title"],
                slug=text.meta["slug"],
                intro=rich_text(text.meta.get("intro", "")),
                search_description=text.meta.get("description", ""),
                show_in_menus=in_menu,
                body=stream_body(self.assets, text.blocks, language, f"page/{name}"),
            ),
        )

    def _glossary(
        self, home: HomePage, language: str, lessons: dict[str, LessonPage], page_text: dict
    ) -> Page:
        terms = source.read_yaml(CONTENT_DIR / f"glossary.{language}.yaml")
        page = self.run.ensure(
            home,
            "glossary",
            language,
            lambda: GlossaryPage(
                title=page_text["title"],
                slug=page_text["slug"],
                intro=rich_text(page_text.get("intro", "")),
                search_description=page_text.get("description", ""),
                show_in_menus=True,
            ),
        )
        locale = self.run.locales[language]
        for term in terms:
            key = translation_key(f"glossary/{term['key']}")
            if GlossaryTerm.objects.filter(translation_key=key, locale=locale).exists():
                continue
            GlossaryTerm.objects.create(
                translation_key=key,
                locale=locale,
                term=term["term"],
                anchor=term["key"],
                definition=rich_text(term["definition"]),
                introduced_in=lessons[term["lesson"]],
            )
            self.run.made(f"glossary term ({language}): {term['term']}")
        return page
