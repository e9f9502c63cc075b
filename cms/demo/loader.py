"""Loads the site's content from `content/`. It creates what is missing and never touches
what exists, so running it twice changes nothing and an editor's later edits are kept.

Pages, snippets and quiz blocks are found by keys derived from stable names in the content
files, not by slug or title, so an editor may rename or move them freely. The work is done by
the site, course and library loaders; this module runs them in order in one transaction, so a
content error saves nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from cms.demo import source
from cms.demo.assets import Assets
from cms.demo.base import LoadRun
from cms.demo.course_loader import CourseLoader
from cms.demo.events_loader import EventsLoader
from cms.demo.library_loader import LibraryLoader
from cms.demo.site_loader import SiteLoader
from cms.demo.source import CONTENT_DIR, LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Callable


class DemoLoader:
    def __init__(self, log: Callable[[str], None] = lambda message: None):
        self.log = log

    @transaction.atomic
    def run(self) -> int:
        """Loads everything and returns how many items it created."""
        run = LoadRun(self.log)
        assets = Assets(run)
        site = SiteLoader(run, assets)
        courses = CourseLoader(run, assets)
        library = LibraryLoader(run, assets)
        events = EventsLoader(run)
        homes = site.homes()
        # One language at a time, in this order: a home's children keep the order they are
        # made in, and that order is the menu's.
        for language in LANGUAGES:
            home = homes[language]
            sections = source.read_yaml(CONTENT_DIR / "pages" / f"sections.{language}.yaml")
            course = courses.load(home, language, sections["courses"])
            lectures = library.load(home, language, course.modules, sections["lectures"])
            events.load(home, language, sections["events"], course.lessons)
            featured = {
                "course": course.page,
                "futurist-test": course.futurist_test,
                "lectures": lectures,
            }
            site.load(home, language, sections, course.lessons, featured)
        site.site_links()
        return run.created
