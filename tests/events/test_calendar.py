"""Calendar feeds (issue 15, item 2): valid iCalendar, read by an independent parser
(vobject), with the right local times across the change to summer time, one UID for an
event's life, a SEQUENCE that rises with each change, and cancellations kept in the feed."""

from __future__ import annotations

import datetime

import pytest
import vobject
from django.test import Client

from events.calendar import CalendarEvent, ics
from tests.events.factories import EventIndexPageFactory, EventPageFactory, helsinki

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def parse(data: bytes):
    return vobject.readOne(data.decode())


def test_times_across_the_change_to_summer_time():
    """Finland moves its clocks forward on the last Sunday of March (2027-03-28)."""
    stamp = datetime.datetime(2027, 1, 1, tzinfo=UTC)
    events = [
        CalendarEvent(
            "a@x",
            0,
            "Ennen",
            "",
            helsinki(2027, 3, 27, 9),
            helsinki(2027, 3, 27, 12),
            "Kotka",
            "",
            False,
            stamp,
        ),
        CalendarEvent(
            "b@x",
            0,
            "Jälkeen",
            "",
            helsinki(2027, 3, 29, 9),
            helsinki(2027, 3, 29, 12),
            "Kotka",
            "",
            False,
            stamp,
        ),
    ]
    calendar = parse(ics(events, "Testi"))
    before, after = calendar.vevent_list
    assert before.dtstart.value.hour == after.dtstart.value.hour == 9
    assert before.dtstart.value.astimezone(UTC).hour == 7  # EET, UTC+2
    assert after.dtstart.value.astimezone(UTC).hour == 6  # EEST, UTC+3
    assert calendar.vtimezone.tzid.value == "Europe/Helsinki"


def test_a_long_non_latin_title_and_special_characters_survive():
    title = "Työpaja; ”tulevaisuus”, 未来 \\ " + "ä" * 200
    event = CalendarEvent(
        "c@x",
        3,
        title,
        "rivi 1\nrivi 2",
        helsinki(2027, 5, 1, 9),
        helsinki(2027, 5, 1, 10),
        "",
        "",
        True,
        datetime.datetime(2027, 1, 1, tzinfo=UTC),
    )
    parsed = parse(ics([event], "X")).vevent
    assert parsed.summary.value == title
    assert parsed.description.value == "rivi 1\nrivi 2"
    assert parsed.sequence.value == "3"
    assert parsed.status.value == "CANCELLED"


class TestFeeds:
    def test_one_event_and_the_feeds(self, client: Client):
        index = EventIndexPageFactory()
        workshop = EventPageFactory(parent=index)
        webinar = EventPageFactory(parent=index, kind="webinar", capacity=None)
        one = client.get(workshop.url + "ical/")
        assert one.status_code == 200
        assert one["Content-Type"].startswith("text/calendar")
        assert "attachment" in one["Content-Disposition"]
        assert parse(one.content).vevent.summary.value == workshop.title
        every = parse(client.get(index.url + "ical/").content)
        assert {e.summary.value for e in every.vevent_list} == {workshop.title, webinar.title}
        kind = parse(client.get(index.url + "ical/webinar/").content)
        assert [e.summary.value for e in kind.vevent_list] == [webinar.title]
        assert client.get(index.url + "ical/nonsense/").status_code == 404

    def test_a_change_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_stays(
        self, client: Client
    ):
        workshop = EventPageFactory()
        workshop.save_revision().publish()
        first = parse(client.get(workshop.url + "ical/").content).vevent
        workshop.refresh_from_db()
        workshop.start += datetime.timedelta(hours=1)
        workshop.end += datetime.timedelta(hours=1)
        workshop.save_revision().publish()
        moved = parse(client.get(workshop.url + "ical/").content).vevent
        assert moved.uid.value == first.uid.value
        assert int(moved.sequence.value) == int(first.sequence.value) + 1
        workshop.refresh_from_db()
        workshop.status = "cancelled"
        workshop.save_revision().publish()
        cancelled = parse(client.get(workshop.url + "ical/").content).vevent
        assert cancelled.uid.value == first.uid.value
        assert cancelled.status.value == "CANCELLED"
        assert int(cancelled.sequence.value) == int(first.sequence.value) + 2
        # A publish that changes nothing a calendar shows leaves the sequence alone.
        workshop.refresh_from_db()
        workshop.summary = "Uusi kuvaus."
        workshop.save_revision().publish()
        again = parse(client.get(workshop.url + "ical/").content).vevent
        assert again.sequence.value == cancelled.sequence.value
