"""Events as iCalendar data (events/calendar.py draws the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.html import strip_tags

from events.calendar import CalendarEvent

if TYPE_CHECKING:
    from events.models import EventPage


def uid(event: EventPage) -> str:
    """Stable for the event's life, one per language version (each is its own entry)."""
    language = event.locale.language_code if event.locale_id else "fi"
    return f"{event.translation_key}-{language}@{settings.EVENT_UID_DOMAIN}"


def calendar_event(event: EventPage) -> CalendarEvent:
    location = event.place
    if event.online_url:
        location = f"{location} – {event.online_url}" if location else event.online_url
    url = event.get_full_url() or ""
    description = event.summary
    if url:
        description = f"{description}\n\n{url}"
    return CalendarEvent(
        uid=uid(event),
        sequence=event.sequence,
        title=event.title,
        description=strip_tags(description),
        start=event.start,
        end=event.end,
        location=location,
        url=url,
        cancelled=event.is_cancelled,
        stamp=event.last_published_at or event.latest_revision_created_at or event.start,
        organiser=str(event.organiser) if event.organiser_id else "",
    )
