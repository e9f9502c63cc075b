"""What course pages show of the events (cms templates combine them): the upcoming events
linked to a lesson, and a course's next live session."""

from __future__ import annotations

from django import template
from django.utils import timezone, translation

from core import content_cache
from events.models import EventPage

register = template.Library()


def _summaries(events, request) -> list[dict]:
    return [
        {
            "url": event.get_url(request),
            "title": event.title,
            "start": event.start,
            "end": event.end,
            "kind": event.get_kind_display(),
            "cancelled": event.is_cancelled,
            "signups": event.takes_signups,
        }
        for event in events
    ]


def _upcoming(summaries: list[dict], limit: int) -> list[dict]:
    """The cached list holds the events in order; which are still to come is decided now."""
    now = timezone.now()
    return [event for event in summaries if event["end"] > now][:limit]


@register.simple_tag(takes_context=True)
def upcoming_events_for_lesson(context, lesson, limit: int = 3) -> list[dict]:
    """The events an editor linked to the lesson (kept until content changes: no query)."""
    request = context.get("request")
    if lesson is None or not lesson.id:
        return []

    def read():
        events = (
            EventPage.objects.live()
            .public()
            .filter(lessons=lesson, end__gte=timezone.now(), locale_id=lesson.locale_id)
            .order_by("start")[:20]
        )
        return _summaries(events, request)

    language = translation.get_language()
    return _upcoming(content_cache.get_or_set(read, "lesson-events", lesson.id, language), limit)


@register.simple_tag(takes_context=True)
def next_live_session(context, course) -> dict | None:
    """The next course live session linked to one of the course's lessons."""
    request = context.get("request")

    def read():
        events = (
            EventPage.objects.live()
            .public()
            .filter(
                kind="live-session",
                lessons__path__startswith=course.path,
                end__gte=timezone.now(),
                locale_id=course.locale_id,
            )
            .distinct()
            .order_by("start")[:20]
        )
        return _summaries(events, request)

    language = translation.get_language()
    upcoming = _upcoming(content_cache.get_or_set(read, "course-live", course.id, language), 1)
    return upcoming[0] if upcoming else None
