"""Bad input changes nothing and never answers 500: unknown or unpublished lessons are 404,
state changes need POST with CSRF, double clicks count once, tampered session data is
ignored, and an oversized answer is refused with a message naming the limit."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from courses.learners.session import SESSION_KEY
from courses.models import Enrolment, LessonCompletion, Reflection
from tests.conftest import complete, dashboard_url, progress_url
from tests.factories import PASSWORD, LessonPageFactory


def nothing_recorded(client) -> bool:
    data = client.session.get(SESSION_KEY) or {}
    return not data.get("done") and not data.get("reflections")


class TestUnknownOrUnpublishedLesson:
    def test_unknown_lesson_is_404(self, client, course):
        response = client.post(progress_url(987654), {"action": "complete"})
        assert response.status_code == 404
        assert nothing_recorded(client)

    def test_unpublished_lesson_is_404(self, learner_client, learner, course):
        draft = LessonPageFactory(parent=course.modules[0], live=False, first_published_at=None)
        assert complete(learner_client, draft).status_code == 404
        assert not LessonCompletion.objects.filter(user=learner).exists()

    def test_lesson_of_an_unpublished_course_is_404(self, client, course):
        course.course.unpublish()
        assert complete(client, course.lessons[0]).status_code == 404
        assert nothing_recorded(client)


def test_progress_url_answers_405_to_get(client, course):
    response = client.get(progress_url(course.lessons[0]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


class TestCsrf:
    """Every state change is a POST carrying the CSRF token the lesson page gave."""

    def test_post_without_token_is_403_and_changes_nothing(self, course):
        client = Client(enforce_csrf_checks=True)
        client.get(course.lessons[0].url)
        assert complete(client, course.lessons[0]).status_code == 403
        assert nothing_recorded(client)

    def test_logged_in_post_without_token_is_403(self, course, learner):
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        assert complete(client, course.lessons[0]).status_code == 403
        assert not LessonCompletion.objects.exists()

    def test_post_with_the_page_token_is_accepted(self, course):
        client = Client(enforce_csrf_checks=True)
        page = client.get(course.lessons[0].url)
        token = page.context["csrf_token"]
        response = complete(client, course.lessons[0], csrfmiddlewaretoken=str(token))
        assert response.status_code == 302
        assert list(client.session[SESSION_KEY]["done"]) == [str(course.lessons[0].id)]


def test_completing_twice_records_one_completion(learner_client, learner, course):
    lesson = course.lessons[0]
    assert complete(learner_client, lesson).status_code == 302
    assert complete(learner_client, lesson).status_code == 302
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_anonymous_double_click_keeps_the_first_completion_time(client, course):
    lesson = course.lessons[0]
    complete(client, lesson)
    first = client.session[SESSION_KEY]["done"][str(lesson.id)]
    complete(client, lesson)
    assert client.session[SESSION_KEY]["done"] == {str(lesson.id): first}


@pytest.mark.parametrize("action", ["save", "complete"])
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "learner"])
def test_oversized_reflection_is_refused_with_the_limit_named(
    client, learner, course, action, logged_in
):
    if logged_in:
        client.force_login(learner)
    lesson = course.lessons[0]
    field = f"reflection-{course.reflection_id(0)}"
    limit = settings.REFLECTION_MAX_LENGTH

    response = client.post(progress_url(lesson), {"action": action, field: "x" * (limit + 1)})

    assert response.status_code == 400
    [error] = response.context["reflection_form"].errors[field]
    assert str(limit) in error
    html = response.content.decode()
    assert escape(error) in html
    assert 'class="error-summary"' in html
    assert not Reflection.objects.exists()
    assert not LessonCompletion.objects.exists()
    assert nothing_recorded(client)


def test_reflection_at_the_limit_is_saved(learner_client, learner, course):
    field = f"reflection-{course.reflection_id(0)}"
    text = "x" * settings.REFLECTION_MAX_LENGTH
    response = learner_client.post(progress_url(course.lessons[0]), {"action": "save", field: text})
    assert response.status_code == 302
    assert Reflection.objects.get(user=learner).text == text


GOOD_TIME = (timezone.now() - timedelta(hours=1)).isoformat()

# Each builds the tampered "learning" session value from the course (ids matter).
GARBAGE = {
    "list": lambda c: [1, 2, 3],
    "string": lambda c: "garbage",
    "number": lambda c: 42,
    "wrong container types": lambda c: {"done": [1, 2], "reflections": "x", "courses": None},
    "wrong value types": lambda c: {
        "done": {str(c.lessons[1].id): None, str(c.lessons[2].id): 17},
        "reflections": {f"{c.lessons[1].id}:{c.reflection_id(1)}": {"text": 5, "at": GOOD_TIME}},
        "courses": {str(c.course.id): {"started": GOOD_TIME, "last": "7", "visited": 3}},
    },
    "non-numeric ids": lambda c: {
        "done": {"abc": GOOD_TIME, "": GOOD_TIME},
        "courses": {"abc": {"started": GOOD_TIME}},
        "reflections": {"abc:def": {"text": "x", "at": GOOD_TIME}},
    },
    "negative ids": lambda c: {
        "done": {"-5": GOOD_TIME, str(-c.lessons[1].id): GOOD_TIME},
        "courses": {
            "-1": {"started": GOOD_TIME},
            str(c.course.id): {"started": GOOD_TIME, "last": -3},
        },
        "reflections": {f"-{c.lessons[1].id}:{c.reflection_id(1)}": {"text": "x", "at": GOOD_TIME}},
    },
    "ids of missing pages": lambda c: {
        "done": {"987654": GOOD_TIME},
        "courses": {"987654": {"started": GOOD_TIME, "last": 987655}},
        "reflections": {"987654:abc": {"text": "x", "at": GOOD_TIME}},
    },
    "lesson id too large for the database": lambda c: {"done": {"9" * 25: GOOD_TIME}},
    "course id too large for the database": lambda c: {
        "courses": {"9" * 25: {"started": GOOD_TIME}}
    },
    "last page id too large for the database": lambda c: {
        "courses": {str(c.course.id): {"started": GOOD_TIME, "last": 10**25}}
    },
    "digits that are not numbers": lambda c: {"done": {"²": GOOD_TIME, "³⁴": GOOD_TIME}},
    "non-ISO timestamps": lambda c: {
        "done": {str(c.lessons[1].id): "yesterday", str(c.lessons[2].id): "1.1.2024 klo 12"},
        "courses": {str(c.course.id): {"started": "last week", "completed": "soon"}},
        "reflections": {f"{c.lessons[1].id}:{c.reflection_id(1)}": {"text": "x", "at": "now"}},
    },
    "naive timestamps": lambda c: {
        "done": {str(c.lessons[1].id): "2024-05-01T10:00:00"},
        "courses": {str(c.course.id): {"started": "2024-05-01T10:00:00"}},
    },
    "impossible dates in ISO form": lambda c: {
        "done": {str(c.lessons[1].id): "2024-02-30T10:00:00+00:00"},
        "courses": {str(c.course.id): {"started": "2024-13-01T10:00:00+00:00"}},
        "reflections": {
            f"{c.lessons[1].id}:{c.reflection_id(1)}": {"text": "x", "at": "2024-01-01T25:00Z"}
        },
    },
    "oversized reflection": lambda c: {
        "reflections": {
            f"{c.lessons[1].id}:{c.reflection_id(1)}": {
                "text": "x" * (settings.REFLECTION_MAX_LENGTH + 1),
                "at": GOOD_TIME,
            }
        }
    },
    "reflection for a prompt the lesson does not have": lambda c: {
        "reflections": {
            f"{c.lessons[1].id}:not-a-prompt": {"text": "x", "at": GOOD_TIME},
            f"{c.lessons[1].id}:{'p' * 200}": {"text": "x", "at": GOOD_TIME},
        }
    },
}


@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=GARBAGE.keys())
class TestTamperedSession:
    """A visitor whose session holds tampered learning data browses the course, completes a
    lesson and logs in. Every page works, the lesson they completed is recorded, and none
    of the garbage reaches their account."""

    def test_pages_work_and_login_ignores_the_garbage(self, client, course, learner, garbage):
        session = client.session
        session[SESSION_KEY] = garbage(course)
        session.save()
        lesson = course.lessons[0]

        assert client.get(course.course.url).status_code == 200
        assert client.get(lesson.url).status_code == 200
        assert client.get(course.modules[0].url).status_code == 200
        assert client.get(dashboard_url()).status_code == 200
        assert complete(client, lesson).status_code == 302
        assert client.get(course.course.url).context["progress"].percent == 25

        response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
        assert response.status_code == 302
        assert set(
            LessonCompletion.objects.filter(user=learner).values_list("lesson_id", flat=True)
        ) == {lesson.id}
        assert not Reflection.objects.filter(user=learner).exists()
        enrolment = Enrolment.objects.get(user=learner)
        assert (enrolment.course_id, enrolment.last_page_id) == (course.course.id, lesson.id)
        assert enrolment.completed_at is None
        assert client.get(dashboard_url()).status_code == 200
