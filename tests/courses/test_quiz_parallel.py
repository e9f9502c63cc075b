"""Twenty submissions of a one-attempt quiz at the same moment (a learner's double clicks
over several tabs, or a script) end with exactly one attempt, graded once.

The database's unique constraints are what make this hold, so the test runs with real
transactions and one connection per thread; CI runs it on PostgreSQL. On SQLite, writers
queue up, and a thread told "database is locked" tries again.
"""

import pytest
from django.http import QueryDict

from courses.learners import AccountLearner
from courses.models import QuizAttempt
from courses.quizzes.attempts import start_attempt, submit_attempt
from tests.conftest import quiz_answers
from tests.courses.parallel import in_parallel
from tests.factories import QuizPageFactory, UserFactory

THREADS = 20


def query_dict(data: dict) -> QueryDict:
    post = QueryDict(mutable=True)
    for name, value in data.items():
        post.setlist(name, value if isinstance(value, list) else [value])
    return post


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_give_exactly_one_attempt(wagtail_roots, build_course):
    built = build_course(lessons=1, modules=1)
    quiz = QuizPageFactory(parent=built.modules[0], max_attempts=1)
    user = UserFactory()

    def take() -> str:
        attempt = start_attempt(quiz, {"user": user})
        post = query_dict(quiz_answers(attempt))
        submission = submit_attempt(attempt, post, AccountLearner(user))
        assert submission.attempt.is_submitted
        return "graded" if submission.graded_now else "already graded"

    outcomes = in_parallel(take, THREADS)

    attempts = list(QuizAttempt.objects.filter(quiz=quiz))
    assert len(attempts) == 1
    [attempt] = attempts
    assert (attempt.user_id, attempt.number) == (user.id, 1)
    assert attempt.is_submitted
    assert attempt.score == 100
    assert outcomes.count("graded") == 1, outcomes
    assert set(outcomes) <= {"graded", "already graded", "refused"}, outcomes
