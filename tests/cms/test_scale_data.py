"""`manage.py scale_data` makes learners whose records tell one consistent story: what the
dashboard, the course progress and the quiz reports show for them follows from their rows,
and a second run adds nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.timezone import localdate

from certificates.models import Certificate
from cms.demo.scale import scaled_learners
from courses.learners import AccountLearner
from courses.models import Enrolment, LessonCompletion, QuizAttempt
from courses.progress import account_done, required_items_done
from courses.quizzes import item_analysis, item_counts
from tests.conftest import dashboard_url
from tests.factories import QuizPageFactory

LEARNERS = 30


def scale(learners: int) -> str:
    out = StringIO()
    call_command("scale_data", learners=learners, stdout=out)
    return out.getvalue()


@pytest.fixture
def scaled_course(build_course):
    """Two modules of two lessons, each ending in a quiz with one question of every graded
    type (at most three attempts at the first), then 30 scaled learners."""
    built = build_course(lessons=4, modules=2)
    quizzes = [
        QuizPageFactory(parent=built.modules[0], max_attempts=3),
        QuizPageFactory(parent=built.modules[1]),
    ]
    scale(LEARNERS)
    return built, quizzes


@pytest.mark.django_db
class TestScaledLearners:
    """30 learners are made against a small course: each is enrolled once, has done the
    course's items in order, and is complete (with a certificate) exactly when every
    required item is done."""

    def test_accounts_are_learners_who_cannot_log_in_with_a_password(self, scaled_course):
        learners = list(scaled_learners())
        assert len(learners) == LEARNERS
        assert not any(learner.has_usable_password() for learner in learners)
        assert all(learner.full_name and not learner.is_staff for learner in learners)
        assert Enrolment.objects.filter(user__in=learners).count() == LEARNERS

    def test_progress_completion_and_certificates_agree(self, scaled_course):
        built, _quizzes = scaled_course
        outline = built.course.outline()
        complete = 0
        for user in scaled_learners():
            enrolment = Enrolment.objects.get(user=user)
            done = account_done(user, outline)
            progress = AccountLearner(user).progress(outline)
            certificates = Certificate.objects.filter(user=user, is_current=True)
            lessons = LessonCompletion.objects.filter(user=user).count()
            assert lessons == sum(
                1 for item in outline.items if not item.is_quiz and item.key in done
            )
            if enrolment.completed_at is not None:
                complete += 1
                assert required_items_done(outline, done)
                assert progress.percent == 100
                assert enrolment.completed_at == max(done.values())
                assert certificates.count() == 1
                assert certificates.get().completed_on == localdate(enrolment.completed_at)
            else:
                assert not required_items_done(outline, done)
                assert progress.percent < 100
                assert not certificates.exists()
            # Items are done in the outline's order: what is done is a beginning of it.
            states = [item.key in done for item in outline.items]
            assert states == sorted(states, reverse=True)
        # About three in five finish; with 30 learners, some do and some do not.
        assert 0 < complete < LEARNERS
        assert Certificate.objects.count() == complete

    def test_attempts_are_numbered_within_limits_and_passed_last(self, scaled_course):
        _built, quizzes = scaled_course
        attempts = QuizAttempt.objects.filter(user__in=scaled_learners()).order_by("number")
        by_learner: dict = {}
        for attempt in attempts:
            by_learner.setdefault((attempt.user_id, attempt.quiz_id), []).append(attempt)
        assert by_learner
        for (_user, quiz_id), taken in by_learner.items():
            assert [a.number for a in taken] == list(range(1, len(taken) + 1))
            assert sum(1 for a in taken if a.passed) <= 1
            assert all(a.passed is not None for a in taken if a.is_submitted)
            assert all(not a.is_submitted for a in taken[-1:] if a.answers is None)
            if quiz_id == quizzes[0].id:
                assert len(taken) <= 3
            assert not any(a.passed for a in taken[:-1])

    def test_the_dashboard_shows_a_scaled_learners_progress(self, scaled_course, client):
        built, _quizzes = scaled_course
        user = scaled_learners().filter(enrolments__completed_at=None).first()
        client.force_login(user)
        response = client.get(dashboard_url())
        assert response.status_code == 200
        [(course, progress)] = response.context["rows"]
        assert course.id == built.course.id
        outline = built.course.outline()
        done = account_done(user, outline)
        assert progress.required_done == len(done)
        assert progress.percent == len(done) * 100 // len(outline.required_keys)

    def test_item_analysis_counts_every_submitted_attempt(self, scaled_course):
        _built, quizzes = scaled_course
        quiz = quizzes[0]
        submitted = QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=False)
        order = [block.id for block in quiz.questions]
        summary, questions = item_counts.count_items(quiz).figures(order)
        # The same figures as reading every attempt with its own copy of its questions.
        expected_summary, expected = item_analysis.analyse(submitted, order)
        assert summary.attempts == expected_summary.attempts == submitted.count() > 0
        assert (summary.passed, summary.mean_score) == (
            expected_summary.passed,
            expected_summary.mean_score,
        )
        assert [
            (q.question_id, q.text, q.answered, q.correct, q.chosen, q.choices) for q in questions
        ] == [(q.question_id, q.text, q.answered, q.correct, q.chosen, q.choices) for q in expected]
        # Learners chose more than the right answers: some got questions wrong.
        assert sum(q.correct for q in questions) < sum(q.answered for q in questions)

    def test_running_again_adds_only_the_missing_learners(self, scaled_course):
        def counts():
            return Counter(
                learners=scaled_learners().count(),
                completions=LessonCompletion.objects.count(),
                attempts=QuizAttempt.objects.count(),
                certificates=Certificate.objects.count(),
            )

        before = counts()
        assert "nothing to do" in scale(LEARNERS)
        assert counts() == before
        scale(LEARNERS + 5)
        assert scaled_learners().count() == LEARNERS + 5
        assert Enrolment.objects.count() == LEARNERS + 5
