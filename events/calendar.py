"""iCalendar (RFC 5545) for events: a pure function from plain data to the file's bytes.

Every event keeps one UID for its life, its SEQUENCE rises when its time, place or status
changes, and a cancelled event stays in the feed with STATUS:CANCELLED: a calendar that
subscribed replaces its copy, or strikes it out. Times are in Europe/Helsinki with the
time zone's definition in the file, so a workshop after the clocks change is still at
9.00 local time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

PRODID = "-//Ennakointikurssi//Foresight events//FI"
HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    title: str
    description: str
    start: datetime
    end: datetime
    location: str
    url: str
    cancelled: bool
    stamp: datetime
    organiser: str = ""


def ics(events: Iterable[CalendarEvent], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    calendar.add_component(_helsinki())
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def _helsinki() -> icalendar.Timezone:
    """Finland's time as the EU's rules define it (summer time from the last Sunday of
    March to the last Sunday of October), as recurrence rules: valid for any year, and
    read alike by every calendar program (a list of dates is not, and ends somewhere)."""
    timezone = icalendar.Timezone()
    timezone.add("tzid", "Europe/Helsinki")
    for kind, name, start, month, offsets in (
        (icalendar.TimezoneDaylight, "EEST", datetime(1981, 3, 29, 3), 3, (2, 3)),
        (icalendar.TimezoneStandard, "EET", datetime(1981, 10, 25, 4), 10, (3, 2)),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        timezone.add_component(part)
    return timezone


def _vevent(event: CalendarEvent) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.stamp)
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start.astimezone(HELSINKI))
    vevent.add("dtend", event.end.astimezone(HELSINKI))
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", event.url)
    if event.organiser:
        vevent.add("x-organisation", event.organiser)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return vevent
