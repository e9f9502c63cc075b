"""The events pages (issue 15, item 1): upcoming and past events with filters, the year
wheel and its equivalent list, the month view; events on lessons and course pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from tests.conftest import fi
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    helsinki,
)

pytestmark = pytest.mark.django_db


def soon(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return helsinki(day.year, day.month, day.day, hour)


@pytest.fixture
def calendar_page():
    index = EventIndexPageFactory()
    xamk = OrganisationFactory(name="Xamk")
    events = {
        "workshop": EventPageFactory(
            parent=index, title="Kesän verstas", start=soon(20), organiser=xamk
        ),
        "webinar": EventPageFactory(
            parent=index,
            title="Kevään verkkoseminaari",
            kind="webinar",
            start=soon(40),
            capacity=None,
            event_language="en",
        ),
        "past": EventPageFactory(parent=index, title="Mennyt", start=soon(-40)),
        "far": EventPageFactory(parent=index, title="Kaukainen", start=soon(500)),
    }
    return index, events


def coming_up(html: str) -> str:
    """The list of upcoming events (not the filters' options, not the wheel)."""
    return (
        html.split('class="card-list"')[1].split("</ul>")[0] if 'class="card-list"' in html else ""
    )


def links(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<a href="([^"]+)" class="{css_class}"', html)


class TestTheIndex:
    def test_upcoming_past_and_the_wheel_with_its_list(self, client, calendar_page):
        index, events = calendar_page
        html = client.get(index.url).content.decode()
        coming = coming_up(html)
        assert (
            "Kesän verstas" in coming
            and "Kevään verkkoseminaari" in coming
            and "Kaukainen" in coming
        )
        wheel_links = links(html, "year-wheel__event")
        # The next twelve months: the two soon events, not the past one nor the far one.
        assert sorted(wheel_links) == sorted([events["workshop"].url, events["webinar"].url])
        listed = html.split('class="year-list"')[1].split("</ol>")[0]
        for name in ("workshop", "webinar"):
            assert events[name].url in listed
        assert events["far"].url not in listed
        assert "Mennyt" in html.split("year-wheel")[-1]  # under past events
        # SVG numbers keep their decimal point in Finnish.
        assert re.search(r'cx="\d+\.\d+"', html)

    def test_a_calendar_year(self, client, calendar_page):
        index, events = calendar_page
        year = timezone.localtime(events["far"].start).year
        html = client.get(index.url, {"year": year}).content.decode()
        assert events["far"].url in links(html, "year-wheel__event")
        for bad in ("abc", "99999", "-1"):
            assert client.get(index.url, {"year": bad}).status_code == 200

    @pytest.mark.parametrize(
        ("query", "shown", "hidden"),
        [
            ({"kind": "webinar"}, "Kevään verkkoseminaari", "Kesän verstas"),
            ({"language": "en"}, "Kevään verkkoseminaari", "Kesän verstas"),
        ],
    )
    def test_filters(self, client, calendar_page, query, shown, hidden):
        index, _ = calendar_page
        coming = coming_up(client.get(index.url, query).content.decode())
        assert shown in coming and hidden not in coming

    def test_filter_by_organiser_and_month(self, client, calendar_page):
        index, events = calendar_page
        workshop = events["workshop"]
        coming = coming_up(
            client.get(index.url, {"organiser": workshop.organiser_id}).content.decode()
        )
        assert "Kesän verstas" in coming
        assert "Kevään verkkoseminaari" not in coming
        start = timezone.localtime(workshop.start)
        month = client.get(index.url, {"month": f"{start.year}-{start.month:02d}"}).content
        assert "Kesän verstas" in coming_up(month.decode())

    def test_a_filter_value_that_does_not_exist_is_said_and_shows_everything(
        self, client, calendar_page
    ):
        index, _ = calendar_page
        response = client.get(index.url, {"kind": "<script>", "organiser": "x"})
        assert response.status_code == 200
        html = response.content.decode()
        assert fi("That filter is not available; showing all events.") in html
        assert "<script>" not in html.split("year-wheel")[0].split("<main")[-1]


class TestTheMonthView:
    def test_the_events_of_the_month(self, client, calendar_page):
        index, events = calendar_page
        start = timezone.localtime(events["workshop"].start)
        html = client.get(f"{index.url}{start.year}/{start.month}/").content.decode()
        assert events["workshop"].url in html
        assert "<table" in html and "<caption" in html

    @pytest.mark.parametrize("path", ["2027/13/", "1999/1/", "2101/1/", "2027/0/"])
    def test_impossible_months_are_404(self, client, calendar_page, path):
        index, _ = calendar_page
        assert client.get(index.url + path).status_code == 404


class TestTheEventPage:
    def test_places_and_the_form_for_a_visitor(self, client, calendar_page):
        _, events = calendar_page
        html = client.get(events["workshop"].url).content.decode()
        assert 'name="email"' in html and "20" in html
        assert client.get(events["workshop"].url)["Cache-Control"] == "no-cache"

    def test_a_past_event_takes_no_sign_ups_and_a_cancelled_one_says_so(
        self, client, calendar_page
    ):
        _, events = calendar_page
        assert 'name="email"' not in client.get(events["past"].url).content.decode()
        events["workshop"].status = "cancelled"
        events["workshop"].save()
        html = client.get(events["workshop"].url).content.decode()
        assert fi("This event has been cancelled.") in html
        assert 'name="email"' not in html


def test_a_lesson_shows_its_upcoming_events_and_a_course_its_next_live_session(client, course):
    lesson = course.lessons[0]
    workshop = EventPageFactory(title="Verstas oppitunnilta", start=soon(10))
    workshop.lessons.set([lesson])
    workshop.save()
    live = EventPageFactory(title="Live-tapaaminen", kind="live-session", start=soon(5))
    live.lessons.set([lesson])
    live.save()
    past = EventPageFactory(title="Mennyt verstas", start=soon(-10))
    past.lessons.set([lesson])
    past.save()
    lesson_html = client.get(lesson.url).content.decode()
    assert "Verstas oppitunnilta" in lesson_html and workshop.url in lesson_html
    assert "Mennyt verstas" not in lesson_html
    course_html = client.get(course.course.url).content.decode()
    assert "Live-tapaaminen" in course_html and live.url in course_html
