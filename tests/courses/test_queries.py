"""Exact query budgets for the two pages learners open most. The count is the same for a
course of 3 lessons and of 30: nothing is read once per lesson.

The cache is pinned to local memory and warmed by a first request, so the count is the
pages' own SQL, the same whichever cache the environment configures (the database cache
would add its own SELECTs, Redis none).
"""

import pytest
from django.core.cache import cache

from tests.conftest import complete

COURSE_SIZES = pytest.mark.parametrize("lessons", [3, 30])

# What every page of the course tree reads before its own work, in order.
ROUTING = 7
# 1. wagtailcore_site: the Site for the request's host
# 2. wagtailcore_locale: the active locale (fi), for the site root's translation
# 3. cms_homepage: the site root as its specific page
# 4-5. wagtailcore_page + courses_courseindexpage: route the "kurssit" slug, then specific
# 6-7. wagtailcore_page + courses_coursepage: route the course slug, then specific
VIEW_RESTRICTIONS = 2
# 1. wagtailcore_page: the served page's ancestors
# 2. wagtailcore_pageviewrestriction: restrictions on any of them
OUTLINE = 0
# The course's outline comes from the cache (courses/outline_cache.py), warmed by the first
# request; uncached it is 4 queries: the course's live translations (+ locale), then their
# live modules, lessons and graded quizzes, each all at once.
HEADER = 3
# 1. wagtailcore_locale: the active locale again, for the localised home link
# 2. wagtailcore_page: live translations of this page, for the language switcher
# 3. wagtailcore_page: live translations of the home page, for the language switcher
LEARNER = 2
# 1. django_session: the session
# 2. accounts_user: the logged-in user
LESSON_LINKS = 3
# 1. cms_glossaryterm: the glossary terms that first appear in this lesson
# 2. wagtailcore_pageviewrestriction: restrictions on lectures, for related lectures
# 3. wagtailcore_page (+ cms_lecturemodulelink): live lectures linked to the lesson's module
# The header menu and footer links come from the cache (cms.navigation).
USERBAR = 2
# 1-2. auth_permission via user and group permissions: may the user open the Wagtail admin?


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "query-budgets",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def built(local_cache, build_course, request):
    return build_course(lessons=request.node.callspec.params["lessons"], modules=3)


@COURSE_SIZES
def test_course_page_anonymous(client, built, lessons, django_assert_num_queries):
    client.get(built.course.url)
    expected = ROUTING + VIEW_RESTRICTIONS + OUTLINE + HEADER
    # No session query: a first-time visitor has no session cookie.
    with django_assert_num_queries(expected):
        response = client.get(built.course.url)
    assert response.status_code == 200
    assert expected == 12


@COURSE_SIZES
def test_lesson_page_anonymous(client, built, lessons, django_assert_num_queries):
    lesson = built.lessons[1]
    client.get(lesson.url)  # a reader who only reads gets no session
    assert not client.cookies.get("sessionid")
    expected = (
        ROUTING
        + 4  # wagtailcore_page + courses_modulepage, wagtailcore_page + courses_lessonpage
        + VIEW_RESTRICTIONS
        + 1  # courses_coursepage: the lesson's course (ancestor query)
        + OUTLINE
        + HEADER
        + LESSON_LINKS
    )
    with django_assert_num_queries(expected):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert expected == 20


@COURSE_SIZES
def test_lesson_page_anonymous_with_progress(client, built, lessons, django_assert_num_queries):
    complete(client, built.lessons[0])
    lesson = built.lessons[1]
    client.get(lesson.url)  # remembered as the last page (a minute passes before the next)
    expected = (
        ROUTING
        + 4  # wagtailcore_page + courses_modulepage, wagtailcore_page + courses_lessonpage
        + VIEW_RESTRICTIONS
        + 1  # courses_coursepage: the lesson's course (ancestor query)
        + 1  # django_session: the visitor's learning data
        + OUTLINE
        + 1  # wagtailcore_page: translation keys of the visitor's done and last pages
        + HEADER
        + LESSON_LINKS
    )
    with django_assert_num_queries(expected):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert response.context["progress"].required_done == 1
    assert expected == 22


@COURSE_SIZES
def test_course_page_logged_in(client, built, learner, lessons, django_assert_num_queries):
    client.force_login(learner)
    complete(client, built.lessons[0])
    client.get(built.course.url)
    expected = (
        ROUTING
        + VIEW_RESTRICTIONS
        + OUTLINE
        + LEARNER
        + 1  # courses_enrolment: the learner's enrolment in this course
        + 1  # courses_lessoncompletion: the learner's completions among the course's lessons
        + 1  # courses_quizattempt: the learner's passed quizzes, by translation key
        + USERBAR
        + HEADER
    )
    with django_assert_num_queries(expected):
        response = client.get(built.course.url)
    assert response.status_code == 200
    assert response.context["progress"].required_done == 1
    assert expected == 19


@COURSE_SIZES
def test_lesson_page_logged_in(client, built, learner, lessons, django_assert_num_queries):
    client.force_login(learner)
    lesson = built.lessons[1]
    complete(client, built.lessons[0])
    client.get(lesson.url)  # the first visit also writes the enrolment's last page
    expected = (
        ROUTING
        + 4  # wagtailcore_page + courses_modulepage, wagtailcore_page + courses_lessonpage
        + VIEW_RESTRICTIONS
        + 1  # courses_coursepage: the lesson's course (ancestor query)
        + LEARNER
        + 1  # courses_enrolment: get_or_create on visit (found; last page unchanged)
        + 1  # courses_reflection: the learner's answers on this lesson
        + OUTLINE
        + 1  # courses_enrolment: read again for the progress
        + 1  # courses_lessoncompletion: the learner's completions among the course's lessons
        + 1  # courses_quizattempt: the learner's passed quizzes, by translation key
        + USERBAR
        + HEADER
        + LESSON_LINKS
    )
    with django_assert_num_queries(expected):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert expected == 29


@COURSE_SIZES
def test_lesson_completion_post(client, built, learner, lessons, django_assert_num_queries):
    """Marking a lesson complete reads the course outline and the enrolment once each."""
    client.force_login(learner)
    client.get(built.lessons[0].url)  # enrolled by the first visit
    expected = (
        LEARNER
        + 2  # wagtailcore_pageviewrestriction, then courses_lessonpage: the live public lesson
        + 1  # courses_coursepage: the lesson's course (ancestor query)
        + OUTLINE  # once: the completion rule and the "next lesson" redirect share it
        + 2  # SAVEPOINT, RELEASE: marking complete is one atomic step
        + 4  # courses_lessoncompletion get_or_create: SELECT, SAVEPOINT, INSERT, RELEASE
        + 1  # courses_enrolment: get_or_create, found (not yet complete)
        + 1  # courses_enrolment: UPDATE, the completed lesson is where the learner is
        + 1  # courses_lessoncompletion: the learner's completions among the course's lessons
        + 1  # courses_quizattempt: the learner's passed quizzes, by translation key
    )
    with django_assert_num_queries(expected):
        response = complete(client, built.lessons[0])
    assert response.status_code == 302
    assert response["Location"] == built.lessons[1].url


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
