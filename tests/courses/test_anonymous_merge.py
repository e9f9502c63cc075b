"""An anonymous visitor's learning is kept in the session and joins their account when they
sign up or log in; merging again duplicates nothing."""

import copy

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail

from accounts.models import User
from courses.learners.merge import merge_session_into_account
from courses.learners.session import SESSION_KEY
from courses.models import Enrolment, LessonCompletion, Reflection
from tests.conftest import complete, save_reflection
from tests.factories import PASSWORD


def sign_up(client, email="new.learner@example.com", full_name="Maija Meikäläinen"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "full_name": full_name},
    )


def log_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def work_anonymously(client, built, reflection="Asiakkaiden ostotavat muuttuvat."):
    """Reads the first lesson, answers its reflection, completes it, reads and completes the
    second lesson."""
    first, second = built.lessons[:2]
    page = client.get(first.url)
    assert page.status_code == 200
    assert f'name="reflection-{built.reflection_id(0)}"' in page.content.decode()
    assert save_reflection(client, first, reflection).status_code == 302
    assert reflection in client.get(first.url).content.decode()
    assert complete(client, first).status_code == 302
    assert client.get(second.url).status_code == 200
    assert complete(client, second).status_code == 302


class TestAnonymousVisitorSignsUp:
    """A visitor reads a lesson, saves a reflection and completes two lessons without an
    account, then signs up. Email verification is mandatory, so they are not logged in yet,
    but everything they did is already in their new account."""

    def test_progress_and_reflections_move_into_the_new_account(self, client, course):
        work_anonymously(client, course)
        assert client.get(course.course.url).context["progress"].percent == 50

        response = sign_up(client)
        assert response.status_code == 302
        assert not logged_in(client)
        assert len(mail.outbox) == 1

        user = User.objects.get(email="new.learner@example.com")
        assert user.full_name == "Maija Meikäläinen"
        assert set(
            LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True)
        ) == {course.lessons[0].id, course.lessons[1].id}
        reflection = Reflection.objects.get(user=user)
        assert (reflection.lesson_id, reflection.prompt_id, reflection.text) == (
            course.lessons[0].id,
            course.reflection_id(0),
            "Asiakkaiden ostotavat muuttuvat.",
        )
        enrolment = Enrolment.objects.get(user=user, course=course.course)
        assert enrolment.last_page_id == course.lessons[1].id
        assert enrolment.completed_at is None
        assert SESSION_KEY not in client.session

    def test_a_course_completed_anonymously_is_completed_in_the_account(
        self, client, build_course, completions_sent, django_capture_on_commit_callbacks
    ):
        built = build_course(lessons=2, modules=1)
        for lesson in built.lessons:
            complete(client, lesson)
        anonymous_progress = client.get(built.course.url).context["progress"]
        assert anonymous_progress.is_complete

        with django_capture_on_commit_callbacks(execute=True):
            sign_up(client)

        user = User.objects.get(email="new.learner@example.com")
        enrolment = Enrolment.objects.get(user=user, course=built.course)
        assert enrolment.completed_at == anonymous_progress.completed_at
        assert len(completions_sent) == 1
        assert completions_sent[0]["user"] == user


class TestExistingLearnerLogsIn:
    """A learner with an account works without logging in, then logs in: the work joins
    their account next to what it already held. Logging out, working anonymously on the
    same lessons and logging in again duplicates nothing."""

    def test_progress_joins_the_account_on_login(self, client, course, learner):
        client.force_login(learner)
        complete(client, course.lessons[3])  # done in the account earlier
        client.post("/accounts/logout/")

        work_anonymously(client, course)
        response = log_in(client, learner)
        assert response.status_code == 302
        assert logged_in(client)

        assert set(
            LessonCompletion.objects.filter(user=learner).values_list("lesson_id", flat=True)
        ) == {course.lessons[0].id, course.lessons[1].id, course.lessons[3].id}
        assert Reflection.objects.get(user=learner).text == "Asiakkaiden ostotavat muuttuvat."
        assert Enrolment.objects.get(user=learner).last_page_id == course.lessons[1].id
        progress = client.get(course.course.url).context["progress"]
        assert progress.percent == 75

    def test_logging_in_twice_duplicates_nothing(self, client, course, learner):
        work_anonymously(client, course, reflection="Ensimmäinen vastaus.")
        log_in(client, learner)
        client.post("/accounts/logout/")
        assert not logged_in(client)

        work_anonymously(client, course, reflection="Toinen, parempi vastaus.")
        log_in(client, learner)
        assert logged_in(client)

        assert LessonCompletion.objects.filter(user=learner).count() == 2
        assert Enrolment.objects.filter(user=learner).count() == 1
        reflection = Reflection.objects.get(user=learner)
        assert reflection.text == "Toinen, parempi vastaus."  # the newer answer wins


@pytest.fixture
def visitor_session(client, course):
    """A saved session holding an anonymous visitor's work, as a copy of its data."""
    work_anonymously(client, course)
    return copy.deepcopy(client.session[SESSION_KEY])


def session_with(data) -> SessionStore:
    session = SessionStore()
    session[SESSION_KEY] = copy.deepcopy(data)
    session.save()
    return session


def test_merging_the_same_session_twice_duplicates_nothing(visitor_session, learner):
    merge_session_into_account(session_with(visitor_session), learner)
    counts = (
        LessonCompletion.objects.filter(user=learner).count(),
        Reflection.objects.filter(user=learner).count(),
        Enrolment.objects.filter(user=learner).count(),
    )
    assert counts == (2, 1, 1)

    session = session_with(visitor_session)
    merge_session_into_account(session, learner)
    merge_session_into_account(session, learner)
    assert (
        LessonCompletion.objects.filter(user=learner).count(),
        Reflection.objects.filter(user=learner).count(),
        Enrolment.objects.filter(user=learner).count(),
    ) == counts
    assert SESSION_KEY not in session


def test_merge_keeps_a_newer_answer_already_in_the_account(visitor_session, learner):
    merge_session_into_account(session_with(visitor_session), learner)
    reflection = Reflection.objects.get(user=learner)
    reflection.text = "Kirjoitettu myöhemmin tilillä."
    reflection.updated_at = reflection.updated_at.replace(year=reflection.updated_at.year + 1)
    reflection.save()

    merge_session_into_account(session_with(visitor_session), learner)
    assert Reflection.objects.get(user=learner).text == "Kirjoitettu myöhemmin tilillä."
