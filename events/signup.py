"""Signing up for an event: places, the waiting list, and the emails that go with them.

A place is a seat number from 1 to the event's capacity; Registration's unique constraint
on (event, seat) is what keeps an event from being overbooked, under any number of
parallel sign-ups: each tries the lowest free seat in a savepoint and, refused, the next.
When nobody may have a seat, the registration waits in line; a cancelled place goes to the
first in line at once.
"""

from __future__ import annotations

from functools import partial

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from core.links import absolute
from events.calendar import ics
from events.feeds import calendar_event
from events.models import EventPage, Registration

Status = Registration.Status


class SignupRefused(Exception):
    """A sign-up that cannot be taken, with the reason for the person."""


def sign_up(event: EventPage, *, user=None, name: str = "", email: str = "", language: str):
    """Registers the account (seated, or in line at once) or the address (waiting for the
    confirmation link). Raises SignupRefused with the reason."""
    if event.is_cancelled:
        raise SignupRefused(_("The event has been cancelled."))
    if not event.signups_open:
        raise SignupRefused(_("Sign-up for this event has closed."))
    if user is not None:
        name, email = user.full_name or user.email, user.email
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                name=name,
                email=email,
                language=language,
                status=Status.UNCONFIRMED,
            )
    except IntegrityError as error:
        raise SignupRefused(_("You have already signed up for this event.")) from error
    if user is None:
        transaction.on_commit(partial(_send, registration.pk, "confirm_address"))
        return registration
    return _take_place(registration)


def confirm_address(registration: Registration) -> Registration:
    """The visitor opened the link in the email: a place, or the waiting list."""
    if registration.status != Status.UNCONFIRMED:
        return registration
    if not registration.event.signups_open:
        raise SignupRefused(_("Sign-up for this event has closed."))
    return _take_place(registration)


def _take_place(registration: Registration) -> Registration:
    seated = _seat(registration)
    if not seated:
        Registration.objects.filter(pk=registration.pk).update(
            status=Status.WAITING, confirmed_at=timezone.now()
        )
    registration.refresh_from_db()
    transaction.on_commit(
        partial(_send, registration.pk, "confirmed" if seated else "waiting", attach=seated)
    )
    return registration


def _seat(registration: Registration) -> bool:
    """Gives the registration the lowest free seat; False when every seat is taken."""
    capacity = registration.event.capacity or 0
    taken = set(
        Registration.objects.filter(
            event_key=registration.event_key, seat__isnull=False
        ).values_list("seat", flat=True)
    )
    for seat in range(1, capacity + 1):
        if seat in taken:
            continue
        try:
            with transaction.atomic():
                updated = Registration.objects.filter(
                    pk=registration.pk, status__in=[Status.UNCONFIRMED, Status.WAITING]
                ).update(seat=seat, status=Status.CONFIRMED, confirmed_at=timezone.now())
        except IntegrityError:
            continue  # taken meanwhile by a parallel sign-up: try the next one
        return bool(updated)
    return False


def cancel(registration: Registration) -> None:
    """Cancels once; a freed place goes to the first in the waiting list."""
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return
        Registration.objects.filter(pk=current.pk).update(
            status=Status.CANCELLED, seat=None, cancelled_at=timezone.now()
        )
        if current.seat is not None:
            promote(current.event_key)
    transaction.on_commit(partial(_send, registration.pk, "cancelled"))


def promote(event_key) -> int:
    """Seats people from the waiting list, first in line first, while places are free."""
    promoted = 0
    while True:
        first = (
            Registration.objects.select_for_update(skip_locked=True)
            .filter(event_key=event_key, status=Status.WAITING)
            .select_related("event")
            .order_by("confirmed_at", "pk")
            .first()
        )
        if first is None or not _seat(first):
            return promoted
        promoted += 1
        transaction.on_commit(partial(_send, first.pk, "promoted", attach=True))


# Emails ---------------------------------------------------------------------------------

SUBJECTS = {
    "confirm_address": gettext_lazy("Confirm your sign-up: %(event)s"),
    "confirmed": gettext_lazy("You have a place: %(event)s"),
    "waiting": gettext_lazy("You are on the waiting list: %(event)s"),
    "promoted": gettext_lazy("A place came free for you: %(event)s"),
    "cancelled": gettext_lazy("Your sign-up has been cancelled: %(event)s"),
    "reminder": gettext_lazy("Tomorrow: %(event)s"),
    "changed": gettext_lazy("The event has changed: %(event)s"),
    "event_cancelled": gettext_lazy("The event has been cancelled: %(event)s"),
}


def event_in(event: EventPage, language: str) -> EventPage:
    """The event in the person's language, where it has that translation."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated.specific if translated and translated.live else event


def registration_link(registration: Registration, language: str) -> str:
    with translation.override(language):
        path = reverse("event_registration", args=[registration.token])
    return absolute(path)


def _send(registration_id: int, kind: str, attach: bool = False) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    send(registration, kind, attach=attach)


def send(registration: Registration, kind: str, *, attach: bool = False) -> None:
    """One email about the registration, in the person's language, with the event's .ics
    when it is a place (or a change to one)."""
    language = registration.language
    with translation.override(language):
        event = event_in(registration.event, language)
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "link": registration_link(registration, language),
        }
        message = EmailMessage(
            str(SUBJECTS[kind]) % {"event": event.title},
            render_to_string("events/email/registration.txt", context),
            to=[registration.email],
        )
        if attach:
            message.attach(
                "event.ics",
                ics([calendar_event(event)], event.title),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
        message.send()
