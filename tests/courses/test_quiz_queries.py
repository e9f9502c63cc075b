"""Exact query budgets for a quiz (issue 13: quiz page ≤ 8, submission ≤ 15): the page
with an open attempt, and a submission. The count is the same for a quiz of 3 questions
and of 12: the questions come from the attempt's own copy, nothing is read once per
question.

The cache is pinned to local memory and warmed by a first request, as in test_queries.py.
Savepoints are counted: they are the transactions a submission opens.
"""

import pytest
from django.core.cache import cache

from courses.models import QuizAttempt
from tests.conftest import quiz_answers, start_quiz, submit_quiz
from tests.factories import QuizPageFactory, graded_questions

QUIZ_SIZES = pytest.mark.parametrize("questions", [3, 12])

# Routing, view restrictions, the quiz's course, the outline and the header's language
# links come from the content cache, warmed by the first request (see test_queries.py).
ATTEMPTS = 1
# 1. courses_quizattempt: the learner's attempts at this quiz, open one included
LEARNER = 2
# 1. django_session: the session
# 2. accounts_user: the logged-in user (permissions for the user bar are cached)
COURSE = 0  # the quiz's course: cached with the quiz (courses/outline_cache.py)
OUTLINE = 0  # cached: see tests/courses/test_queries.py
SUBMIT_LOOKUP = 1
# The live, public, graded quiz comes from the content cache, filled when the attempt
# started (courses/outline_cache.py, `live_public`); the attempt's quiz is that one.
# 1. courses_quizattempt: the named attempt, among this learner's attempts at this quiz
GRADE = 3
# 1. SAVEPOINT
# 2. UPDATE courses_quizattempt: the grade, only if the attempt is still open
# ... (course completion check, below)
# 3. RELEASE SAVEPOINT
REFRESH = 1
# 1. courses_quizattempt: the graded attempt read back


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quiz-query-budgets",
        }
    }
    # Sessions in the database, as without Redis (with Redis they are `cached_db`, read
    # from the cache: one query fewer where a session is read).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def quiz(local_cache, build_course, request):
    """A quiz in the second of three modules of a three-lesson course; its questions cycle
    through the five graded types."""
    size = request.node.callspec.params["questions"]
    built = build_course(lessons=3, modules=3)
    questions = [graded_questions(f"q{n}-")[n % 5] for n in range(size)]
    return QuizPageFactory(parent=built.modules[1], questions=questions)


def open_attempt(client, quiz) -> QuizAttempt:
    assert start_quiz(client, quiz).status_code == 302
    client.get(quiz.url)  # warms the cache
    return QuizAttempt.objects.get()


@QUIZ_SIZES
def test_quiz_page_anonymous(client, quiz, questions, django_assert_num_queries):
    open_attempt(client, quiz)
    expected = 1 + ATTEMPTS  # django_session: the visitor's learning data and attempt token
    with django_assert_num_queries(expected):
        response = client.get(quiz.url)
    assert response.status_code == 200
    assert len(response.context["questions"]) == questions
    assert expected == 2


@QUIZ_SIZES
def test_quiz_page_logged_in(client, learner, quiz, questions, django_assert_num_queries):
    client.force_login(learner)
    open_attempt(client, quiz)
    expected = (
        LEARNER
        + 1  # courses_enrolment: get_or_create on visit (found; last page unchanged)
        + ATTEMPTS
    )
    with django_assert_num_queries(expected):
        response = client.get(quiz.url)
    assert response.status_code == 200
    assert len(response.context["questions"]) == questions
    assert expected == 4


@QUIZ_SIZES
def test_submission_anonymous(client, quiz, questions, django_assert_num_queries):
    attempt = open_attempt(client, quiz)
    data = quiz_answers(attempt)
    expected = (
        SUBMIT_LOOKUP
        + 1  # django_session: the visitor's attempt token
        + GRADE
        + COURSE
        + OUTLINE  # passed: is every required item of the course done now?
        + 1  # courses_quizattempt: the quizzes this visitor has passed
        + REFRESH
        + 3  # SAVEPOINT, UPDATE django_session, RELEASE SAVEPOINT: the session saved
    )
    with django_assert_num_queries(expected):
        response = submit_quiz(client, quiz, data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed
    assert expected == 10


@QUIZ_SIZES
def test_submission_logged_in(client, learner, quiz, questions, django_assert_num_queries):
    client.force_login(learner)
    attempt = open_attempt(client, quiz)
    data = quiz_answers(attempt)
    expected = (
        SUBMIT_LOOKUP
        + LEARNER
        + GRADE
        + COURSE
        + OUTLINE  # passed: is every required item of the course done now?
        + 1  # courses_lessoncompletion: the learner's completed lessons (none: not complete)
        + 1  # courses_quizattempt: the quizzes this learner has passed
        + REFRESH
    )
    with django_assert_num_queries(expected):
        response = submit_quiz(client, quiz, data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed
    assert expected == 9
