"""The foresight year in one language, from `content/events/events.yaml`: the events index,
the region's organisations (snippets), and a year of sample events, dated from the day the
content is loaded; a past workshop points to its materials in the lecture library."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from cms.demo import source
from cms.demo.base import translation_key
from cms.demo.source import CONTENT_DIR, rich_text
from cms.models import GuestLecturePage
from events.models import EventIndexPage, EventPage, Organisation

if TYPE_CHECKING:
    from wagtail.models import Page

    from cms.demo.base import LoadRun
    from cms.models import HomePage
    from courses.models import LessonPage

EVENTS_FILE = CONTENT_DIR / "events" / "events.yaml"
HELSINKI = ZoneInfo("Europe/Helsinki")


class EventsLoader:
    def __init__(self, run: LoadRun):
        self.run = run

    def load(
        self, home: HomePage, language: str, index_text: dict, lessons: dict[str, LessonPage]
    ) -> Page:
        index = self.run.ensure(
            home,
            "events",
            language,
            lambda: EventIndexPage(
                title=index_text["title"],
                slug=index_text["slug"],
                intro=rich_text(index_text["intro"]),
                search_description=index_text.get("description", ""),
                show_in_menus=True,
            ),
        )
        data = source.read_yaml(EVENTS_FILE)
        organisations = self._organisations(data["organisations"], language)
        today = timezone.localdate()
        for entry in data["events"]:
            before = self.run.existing(f"event/{entry['key']}", language)
            event = self.run.ensure(
                index,
                f"event/{entry['key']}",
                language,
                lambda entry=entry: self._event(entry, language, organisations, today, lessons),
            )
            if before is None and entry.get("lecture"):
                self._link_materials(event, entry["lecture"], language)
        return index

    def _organisations(self, entries: list[dict], language: str) -> dict[str, Organisation]:
        locale = self.run.locales[language]
        found = {}
        for entry in entries:
            key = translation_key(f"organisation/{entry['key']}")
            organisation = Organisation.objects.filter(translation_key=key, locale=locale).first()
            if organisation is None:
                organisation = Organisation.objects.create(
                    translation_key=key,
                    locale=locale,
                    name=entry["name"][language],
                    short_name=entry.get("short_name", ""),
                    website=entry.get("website", ""),
                )
                self.run.made(f"organisation ({language}): {organisation.name}")
            found[entry["key"]] = organisation
        return found

    def _event(
        self,
        entry: dict,
        language: str,
        organisations: dict[str, Organisation],
        today: datetime.date,
        lessons: dict[str, LessonPage],
    ) -> EventPage:
        start = _start(entry, today)
        end = start + datetime.timedelta(hours=float(entry["hours"]))
        deadline = None
        if entry.get("deadline_days"):
            deadline = start - datetime.timedelta(days=entry["deadline_days"])
        page = EventPage(
            title=entry["title"][language],
            slug=slugify(entry["key"]),
            kind=entry["kind"],
            start=start,
            end=end,
            place=entry.get("place", {}).get(language, ""),
            online_url=entry.get("online", ""),
            organiser=organisations.get(entry.get("organiser")),
            audience=entry.get("audience", {}).get(language, ""),
            event_language=entry.get("language", "fi"),
            summary=entry["summary"][language],
            capacity=entry.get("capacity"),
            signup_deadline=deadline,
        )
        page.lessons = [lessons[key] for key in entry.get("lessons", []) if key in lessons]
        return page

    def _link_materials(self, event: EventPage, lecture_name: str, language: str) -> None:
        lecture = self.run.existing(f"lecture/{lecture_name}", language)
        if isinstance(lecture, GuestLecturePage) and lecture.event_page_id is None:
            lecture.event_page = event
            lecture.save_revision().publish()


def _start(entry: dict, today: datetime.date) -> datetime.datetime:
    hour, minute = (int(part) for part in entry["time"].split(":"))
    if "date" in entry:
        day = entry["date"]
        day = day if isinstance(day, datetime.date) else datetime.date.fromisoformat(day)
    else:
        day = today + datetime.timedelta(weeks=entry["weeks"])
        day += datetime.timedelta(days=(entry.get("weekday", 1) - 1 - day.weekday()) % 7)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)
