"""A question type is one class: a new one defined here, and nothing else changed, is drawn,
shown, read, graded, reviewed and counted by the quiz engine and item analysis. (In the
code it would be one module in courses/quizzes/questions/ and one template.)"""

import random
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from wagtail import blocks

from courses.quizzes import engine, item_analysis
from courses.quizzes.questions import (
    AnswerError,
    GradedQuestionBlock,
    QuizQuestionsBlock,
    base,
    field_name,
    posted,
)


@pytest.fixture
def year_question_type():
    class YearQuestionBlock(GradedQuestionBlock):
        """Type the year something happened; right within the editor's tolerance."""

        block_name = "year"
        kind = "year"
        template_name = "courses/questions/year.html"

        year = blocks.IntegerBlock()
        tolerance = blocks.IntegerBlock(default=0)

        def parse(self, post, spec):
            values = posted(post, field_name(spec["id"]))
            if len(values) != 1 or not values[0].isdigit():
                raise AnswerError("Type a year.")
            return int(values[0])

        def grade(self, value, spec, answer, *, partial_credit):
            right = abs(answer - value["year"]) <= value["tolerance"]
            return (1.0 if right else 0.0), []

        def review(self, value, spec, answer, *, reveal):
            return {"your_year": answer, "year": value["year"] if reveal else None}

        def analysis_choices(self, raw_value):
            return {}, set()

    yield YearQuestionBlock
    base._QUESTION_TYPES.pop("year")


def _stream(question_type):
    stream_block = QuizQuestionsBlock()
    assert stream_block.child_blocks["year"].__class__ is question_type
    return stream_block.to_python(
        [
            {
                "type": "year",
                "id": "q-year",
                "value": {
                    "prompt": "<p>When did Kotka get its port?</p>",
                    "explanation": "<p>In 1879.</p>",
                    "year": 1879,
                    "tolerance": 2,
                },
            },
            {
                "type": "true_false",
                "id": "q-tf",
                "value": {
                    "prompt": "<p>Kotka is in Kymenlaakso.</p>",
                    "explanation": "<p>It is.</p>",
                    "correct_answer": "true",
                    "feedback_true": "",
                    "feedback_false": "",
                },
            },
        ]
    )


def test_a_new_question_type_works_through_the_engine(year_question_type):
    values = _stream(year_question_type)
    drawn = engine.draw(
        values, pool_size=0, shuffle_questions=False, shuffle_choices=False, rng=random.Random(1)
    )
    assert [spec["kind"] for spec in drawn] == ["year", "truefalse"]

    shown = engine.public_questions(values, drawn)
    assert shown[0]["template"] == "courses/questions/year.html"
    assert "1879" not in str(shown[0])

    bad = engine.parse_answers(QueryDict("q-q-year=soon&q-q-tf=true"), drawn, values)
    assert bad.errors == {"q-year": "Type a year."}

    parsed = engine.parse_answers(QueryDict("q-q-year=1880&q-q-tf=true"), drawn, values)
    assert parsed.is_valid and parsed.answers == {"q-year": 1880, "q-tf": "true"}
    grade = engine.grade(values, drawn, parsed.answers, pass_mark=100, partial_credit=False)
    assert grade.score == 100 and grade.passed

    results = [
        {"id": r.question_id, "credit": r.credit, "correct": r.correct} for r in grade.results
    ]
    review = engine.review(values, drawn, parsed.answers, results, reveal=True)
    assert review[0]["your_year"] == 1880 and review[0]["year"] == 1879

    attempt = SimpleNamespace(
        question_data=values.raw_data,
        results=results,
        answers=parsed.answers,
        score=grade.score,
        passed=True,
    )
    summary, stats = item_analysis.analyse([attempt], ["q-year", "q-tf"])
    assert summary.attempts == 1
    assert [(s.kind, s.share_correct) for s in stats] == [("year", 100.0), ("truefalse", 100.0)]
    assert stats[0].question_type.__class__ is year_question_type
