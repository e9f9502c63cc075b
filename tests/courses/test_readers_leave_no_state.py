"""A reader leaves no state on the server (issue 13, item 4), and a read writes nothing but
the learner's own "last visited", at most once a minute per learner and course.

A crawler or a visitor who only reads gets no session row and no session cookie; the session
starts when they act (complete a lesson, save a reflection, start a quiz). Where a reader
left off is kept in their own browser (static/js/resume.js, driven in the browser tests).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from courses.learners.session import SESSION_KEY
from courses.models import Enrolment
from tests.conftest import complete, save_reflection, start_quiz


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() under the test's control: clock.advance(seconds)."""

    class Clock:
        now = timezone.now()

        def advance(self, seconds: float) -> None:
            self.now += timedelta(seconds=seconds)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def test_reading_every_page_of_a_course_creates_no_session(client, course):
    pages = [course.course, *course.modules, *course.lessons]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies, page.url
    assert Session.objects.count() == 0


def test_the_reader_still_sees_the_course_from_the_start(client, course):
    client.get(course.lessons[2].url)
    progress = client.get(course.course.url).context["progress"]
    assert not progress.started and progress.required_done == 0


@pytest.mark.parametrize(
    "act",
    [
        pytest.param(
            lambda client, course, quiz: complete(client, course.lessons[0]), id="complete"
        ),
        pytest.param(
            lambda client, course, quiz: save_reflection(client, course.lessons[0], "Ajatus."),
            id="reflect",
        ),
        pytest.param(lambda client, course, quiz: start_quiz(client, quiz), id="answer"),
    ],
)
def test_acting_starts_the_session(client, course, quiz, act):
    act(client, course, quiz)
    assert Session.objects.count() == 1
    assert SESSION_KEY in client.session


def test_a_visitor_who_acted_is_remembered_at_most_once_a_minute(client, course, clock):
    complete(client, course.lessons[0])  # the completed lesson is where they are
    session = Session.objects.get()
    saved = session.expire_date, session.session_data

    clock.advance(10)
    client.get(course.lessons[1].url)
    session.refresh_from_db()
    assert (session.expire_date, session.session_data) == saved  # within the minute: no write
    assert client.session[SESSION_KEY]["courses"]
    entry = next(iter(client.session[SESSION_KEY]["courses"].values()))
    assert entry["last"] == course.lessons[0].id

    clock.advance(60)
    client.get(course.lessons[2].url)
    entry = next(iter(client.session[SESSION_KEY]["courses"].values()))
    assert entry["last"] == course.lessons[2].id


def test_a_learner_s_last_page_is_written_at_most_once_a_minute(
    learner_client, learner, course, clock, django_assert_num_queries
):
    learner_client.get(course.lessons[0].url)
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.last_page_id == course.lessons[0].id

    clock.advance(30)
    learner_client.get(course.lessons[1].url)
    enrolment.refresh_from_db()
    assert enrolment.last_page_id == course.lessons[0].id

    clock.advance(31)
    learner_client.get(course.lessons[2].url)
    enrolment.refresh_from_db()
    assert enrolment.last_page_id == course.lessons[2].id
    assert enrolment.last_visited_at == clock.now


def test_completing_a_lesson_always_records_where_the_learner_is(
    learner_client, learner, course, clock
):
    learner_client.get(course.lessons[0].url)
    clock.advance(5)
    complete(learner_client, course.lessons[1])
    assert Enrolment.objects.get(user=learner).last_page_id == course.lessons[1].id
