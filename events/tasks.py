"""Event emails that are not answers to a click: reminders and changes."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from events import signup
from events.models import REMINDER_AHEAD, EventPage, Registration


@shared_task
def send_reminders() -> int:
    """The day before: every confirmed place at an event starting within a day, once."""
    now = timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at=None,
        event__start__gt=now,
        event__start__lte=now + REMINDER_AHEAD,
        event__status="scheduled",
        event__live=True,
    ).select_related("event")
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at=None).update(
            reminded_at=now
        )
        if claimed:
            signup.send(registration, "reminder", attach=True)
            sent += 1
    return sent


@shared_task
def tell_about_change(event_id: int) -> int:
    """Everyone with a place or in line hears of a new time or place, or the cancellation,
    with the updated .ics (the same UID, a higher SEQUENCE)."""
    event = EventPage.objects.get(pk=event_id)
    kind = "event_cancelled" if event.is_cancelled else "changed"
    registrations = Registration.objects.filter(
        event_key=event.translation_key,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
    ).select_related("event")
    for registration in registrations:
        signup.send(
            registration,
            kind,
            attach=registration.status == Registration.Status.CONFIRMED,
        )
    return len(registrations)
