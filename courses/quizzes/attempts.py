"""Starting and submitting quiz attempts: the rules, with the database holding the limits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from courses.quizzes import engine
from courses.quizzes.records import ProfileResultCount, QuizAttempt

if TYPE_CHECKING:
    from django.http import QueryDict

    from courses.learners import Learner
    from courses.models import QuizPage


class AttemptLimitReached(Exception):
    pass


def attempts_of(quiz: QuizPage, owner: dict):
    """The learner's attempts at the quiz, in whichever language they were taken."""
    if not any(owner.values()):
        return QuizAttempt.objects.none()
    return QuizAttempt.objects.filter(quiz_key=quiz.translation_key, **owner).order_by("number")


def start_attempt(quiz: QuizPage, owner: dict) -> QuizAttempt:
    """Returns the learner's open attempt, or starts one with freshly drawn questions.

    Unique constraints on (learner, quiz, number) and on one open attempt per learner make
    parallel starts end with one attempt, and numbers past the limit are never handed out.
    The open attempt and the next number are read in one query, so a parallel start that
    wins in between is found open rather than counted as one attempt too many.
    """
    for _try in range(3):
        existing = list(attempts_of(quiz, owner).values_list("pk", "number", "submitted_at"))
        open_ids = [pk for pk, _number, submitted in existing if submitted is None]
        if open_ids:
            return QuizAttempt.objects.get(pk=open_ids[0])
        number = max((number for _pk, number, _s in existing), default=0) + 1
        if quiz.max_attempts and number > quiz.max_attempts:
            raise AttemptLimitReached
        drawn = engine.draw(
            quiz.questions,
            pool_size=quiz.pool_size,
            shuffle_questions=quiz.shuffle_questions,
            shuffle_choices=quiz.shuffle_choices,
        )
        drawn_ids = {spec["id"] for spec in drawn}
        try:
            with transaction.atomic():
                return QuizAttempt.objects.create(
                    quiz=quiz,
                    number=number,
                    revision=quiz.live_revision,
                    pass_mark=quiz.pass_mark,
                    partial_credit=quiz.partial_credit,
                    drawn=drawn,
                    question_data=[
                        raw for raw in quiz.questions.raw_data if raw["id"] in drawn_ids
                    ],
                    **owner,
                )
        except IntegrityError:
            continue  # a parallel request started one first: use it
    raise AttemptLimitReached


@dataclass
class Submission:
    attempt: QuizAttempt
    parsed: engine.ParsedAnswers
    graded_now: bool = False


def submit_attempt(attempt: QuizAttempt, post: QueryDict, learner: Learner) -> Submission:
    """Grades an open attempt once. Invalid answers change nothing; a second submission of
    the same attempt gets the first one's result."""
    parsed = engine.parse_answers(post, attempt.drawn, attempt.question_values)
    if attempt.is_submitted or not parsed.is_valid:
        return Submission(attempt, parsed)
    quiz = attempt.quiz
    grade = engine.grade(
        attempt.question_values,
        attempt.drawn,
        parsed.answers,
        pass_mark=attempt.pass_mark,
        partial_credit=attempt.partial_credit,
    )
    with transaction.atomic():
        updated = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at=None).update(
            answers=parsed.answers,
            results=[
                {"id": r.question_id, "kind": r.kind, "credit": r.credit, "correct": r.correct}
                for r in grade.results
            ],
            score=Decimal(str(grade.score)),
            passed=grade.passed,
            submitted_at=timezone.now(),
        )
        if updated and grade.passed and quiz.counts_for_progress and quiz.course is not None:
            learner.record_course_completion(quiz.course.outline())
    attempt.refresh_from_db()
    return Submission(attempt, parsed, graded_now=bool(updated))


def count_profile_result(quiz: QuizPage, result: str) -> None:
    """Adds one taker to a self-test's aggregate counts; nothing personal is kept."""
    with transaction.atomic():
        updated = ProfileResultCount.objects.filter(quiz=quiz, result=result).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    ProfileResultCount.objects.create(quiz=quiz, result=result, count=1)
            except IntegrityError:
                ProfileResultCount.objects.filter(quiz=quiz, result=result).update(
                    count=F("count") + 1
                )
