"""Exact query budgets for the pages learners open most (issue 13: anonymous lesson ≤ 4,
signed-in lesson ≤ 8, course and module ≤ 8, dashboard ≤ 8, lesson completion ≤ 12). The
count is the same for a course of 3 lessons and of 30: nothing is read once per lesson.

The cache is pinned to local memory and warmed by a first request, so the count is the
pages' own SQL, the same whichever cache the environment configures (the database cache
would add its own SELECTs, Redis none).
"""

import pytest
from django.core.cache import cache

from tests.conftest import complete

COURSE_SIZES = pytest.mark.parametrize("lessons", [3, 30])

# What a page of the course tree reads before its own work: nothing. The site, the route
# from the address to the page (with the page's course), view restrictions, the outline,
# the header's language links and the navigation all come from the content cache
# (core/content_cache.py, cms/page_cache.py), warmed by the first request; uncached, the
# route alone is two queries a slug. tests/cms/test_content_cache.py shows that a publish
# is on the next request.
LEARNER = 2
# 1. django_session: the session
# 2. accounts_user: the logged-in user (permissions for the user bar are cached:
#    accounts/backends.py)
PROGRESS = 2
# 1. courses_lessoncompletion: the learner's completions among the course's lessons
# 2. courses_quizattempt: the learner's passed quizzes, by translation key
ENROLMENT = 1
# 1. courses_enrolment (+ its last page): found on the visit, used for the progress too


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "query-budgets",
        }
    }
    # Sessions in the database, as without Redis (with Redis they are `cached_db`, read
    # from the cache: one query fewer where a session is read).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def built(local_cache, build_course, request):
    return build_course(lessons=request.node.callspec.params["lessons"], modules=3)


@COURSE_SIZES
def test_course_page_anonymous(client, built, lessons, django_assert_num_queries):
    """A visitor without a session gets the page from the page cache: no query at all."""
    client.get(built.course.url)
    with django_assert_num_queries(0):
        response = client.get(built.course.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


@COURSE_SIZES
def test_lesson_page_anonymous(client, built, lessons, django_assert_num_queries):
    lesson = built.lessons[1]
    client.get(lesson.url)  # a reader who only reads gets no session
    assert not client.cookies.get("sessionid")
    with django_assert_num_queries(0):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert not client.cookies.get("sessionid")


@COURSE_SIZES
def test_lesson_page_anonymous_with_progress(client, built, lessons, django_assert_num_queries):
    """A visitor with progress in their session gets the page rendered for them."""
    complete(client, built.lessons[0])
    lesson = built.lessons[1]
    client.get(lesson.url)  # remembered as the last page (a minute passes before the next)
    expected = (
        1  # django_session: the visitor's learning data
        + 1  # wagtailcore_page: translation keys of the visitor's done and last pages
    )
    with django_assert_num_queries(expected):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert response.context["progress"].required_done == 1
    assert expected == 2


@COURSE_SIZES
def test_course_page_logged_in(client, built, learner, lessons, django_assert_num_queries):
    client.force_login(learner)
    complete(client, built.lessons[0])
    client.get(built.course.url)
    expected = LEARNER + ENROLMENT + PROGRESS
    with django_assert_num_queries(expected):
        response = client.get(built.course.url)
    assert response.status_code == 200
    assert response.context["progress"].required_done == 1
    assert expected == 5


@COURSE_SIZES
def test_module_page_logged_in(client, built, learner, lessons, django_assert_num_queries):
    client.force_login(learner)
    complete(client, built.lessons[0])
    module = built.modules[0]
    client.get(module.url)
    expected = LEARNER + ENROLMENT + PROGRESS
    with django_assert_num_queries(expected):
        response = client.get(module.url)
    assert response.status_code == 200
    assert expected == 5


@COURSE_SIZES
def test_lesson_page_logged_in(client, built, learner, lessons, django_assert_num_queries):
    client.force_login(learner)
    lesson = built.lessons[1]
    complete(client, built.lessons[0])
    client.get(lesson.url)  # the first visit also writes the enrolment's last page
    expected = (
        LEARNER
        + ENROLMENT  # get_or_create on visit (found; last page unchanged within the minute)
        + 1  # courses_reflection: the learner's answers to this lesson's reflection prompts
        + PROGRESS
    )
    with django_assert_num_queries(expected):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert expected == 6


@COURSE_SIZES
def test_dashboard(client, built, learner, lessons, django_assert_num_queries):
    from tests.conftest import dashboard_url

    client.force_login(learner)
    complete(client, built.lessons[0])
    client.get(dashboard_url())
    expected = (
        LEARNER
        + 1  # courses_enrolment (+ last pages): the learner's courses, most recent first
        + PROGRESS  # (the live courses and their outlines are in the content cache)
        + 1  # certificates_certificate: the learner's certificates
    )
    with django_assert_num_queries(expected):
        response = client.get(dashboard_url())
    assert response.status_code == 200
    assert expected == 6


@COURSE_SIZES
def test_lesson_completion_post(client, built, learner, lessons, django_assert_num_queries):
    """Marking a lesson complete reads the course outline and the enrolment once each;
    the lesson, its course and the outline come from the content cache once another
    learner has marked the lesson (the crowd a newsletter sends)."""
    from django.test import Client

    from tests.factories import UserFactory

    other = Client()
    other.force_login(UserFactory())
    complete(other, built.lessons[0])
    client.force_login(learner)
    client.get(built.lessons[0].url)  # enrolled by the first visit
    expected = (
        LEARNER
        # (the live public lesson, its course and the outline are in the content cache)
        + 2  # SAVEPOINT, RELEASE: marking complete is one atomic step
        + 1  # INSERT courses_lessoncompletion ... ON CONFLICT DO NOTHING: done once
        + 1  # courses_enrolment: get_or_create, found (not yet complete)
        + 1  # courses_enrolment: UPDATE, the completed lesson is where the learner is
        + PROGRESS  # is the course complete now?
    )
    with django_assert_num_queries(expected):
        response = complete(client, built.lessons[0])
    assert response.status_code == 302
    assert response["Location"] == built.lessons[1].url
    assert expected == 9


@pytest.mark.parametrize("lessons", [3])
def test_the_outline_never_loads_bodies(built, lessons):
    """A lesson view reads every item of the course for the outline: titles and flags,
    never the StreamField bodies (a long course would read them all on every view)."""
    from tests.factories import QuizPageFactory

    QuizPageFactory(parent=built.modules[-1])
    outline = built.course.outline()
    assert outline.items
    for item in outline.items:
        deferred = item.page.get_deferred_fields()
        assert {"body"} <= deferred or {"questions", "intro"} & deferred, item.page
