"""Item analysis counted where the attempts are kept.

A quiz with a hundred thousand submitted attempts must be analysed in a moment, so the
attempts' own copies of their questions (kilobytes each) are not read one by one: each
question is described from the newest attempt that has it, and what learners answered is
counted by the database (PostgreSQL's JSON functions: one row per question, and per
distinct answer) and only read into Python elsewhere. What an answer means stays with its
question type (`chosen`), whichever way it was counted.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Avg, Count, Q

from courses.quizzes.item_analysis import Tally
from courses.quizzes.records import QuizAttempt

if TYPE_CHECKING:
    from courses.quizzes.pages import QuizPage

# One pass over the quiz's submitted attempts: per question and distinct answer, how many
# gave it, how many of them were right and the credit they earned.
COUNTS_SQL = """
SELECT result->>'id', attempt.answers -> (result->>'id'), count(*),
       count(*) FILTER (WHERE result->'correct' = 'true'::jsonb),
       sum((result->'credit')::float8)
FROM courses_quizattempt AS attempt
CROSS JOIN LATERAL jsonb_array_elements(
    CASE jsonb_typeof(attempt.results) WHEN 'array' THEN attempt.results ELSE '[]' END
) AS result
WHERE attempt.quiz_id = %s AND attempt.submitted_at IS NOT NULL
GROUP BY 1, 2
"""


def submitted(quiz: QuizPage):
    return QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=False)


def count_items(quiz: QuizPage) -> Tally:
    tally = Tally()
    # From the index on (quiz, submitted_at, passed, score) alone.
    summary = submitted(quiz).aggregate(
        attempts=Count("*"), passed=Count("passed", filter=Q(passed=True)), mean=Avg("score")
    )
    tally.attempts, tally.passed = summary["attempts"], summary["passed"]
    tally.score_total = float(summary["mean"] or 0) * tally.attempts
    if not tally.attempts:
        return tally
    if connection.vendor == "postgresql":
        _count_in_postgresql(tally, quiz)
        return tally
    rows = list(submitted(quiz).values_list("answers", "results"))
    for _answers, results in rows:
        for result in results or []:
            tally.add_result(result["id"], bool(result["correct"]), result["credit"])
    _describe_from_newest(tally, quiz)
    for answers, results in rows:
        for result in results or []:
            qid = result["id"]
            tally.add_answer(qid, (answers or {}).get(qid))
    return tally


def _count_in_postgresql(tally: Tally, quiz: QuizPage) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner takes jsonb_array_elements for a hundred rows an attempt and would
        # spend longer compiling the query (JIT) than running it.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(COUNTS_SQL, [quiz.pk])
        rows = cursor.fetchall()
    for question, _answer, times, correct, credit in rows:
        tally.add_result(question, correct, credit or 0.0, times=times)
    _describe_from_newest(tally, quiz)  # the question types, before what answers mean
    for question, answer, times, _correct, _credit in rows:
        if answer is not None:
            value = json.loads(answer) if isinstance(answer, str) else answer
            tally.add_answer(question, value, times=times)


def _describe_from_newest(tally: Tally, quiz: QuizPage) -> None:
    """Each counted question as the newest attempt that drew it had it: for a quiz without
    a question pool that is one attempt; with one, a few. Read newest first in growing
    slices, each an index scan of (quiz, submitted_at) that stops at its limit."""
    missing = set(tally.questions)
    copies = submitted(quiz).order_by("-submitted_at").values_list("question_data", flat=True)
    start, size = 0, 10
    while missing:
        page = list(copies[start : start + size])
        for question_data in page:
            for raw in question_data or []:
                if raw["id"] in missing:
                    tally.describe(raw)
                    missing.discard(raw["id"])
        if len(page) < size:
            return
        start, size = start + size, size * 4
