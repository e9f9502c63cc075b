"""The quiz engine: drawing questions, reading answers, grading, profile scoring.

Plain functions over a quiz's question StreamValue (from the revision an attempt started
with) and plain data, so tests call them directly and nothing here touches a request or
the database. What differs by question type is asked of the question's own block.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from courses.quizzes.questions import AnswerError, field_name

if TYPE_CHECKING:
    from django.http import QueryDict


def question_map(questions) -> dict[str, Any]:
    """Question block id -> bound block, for a StreamValue of questions."""
    return {block.id: block for block in questions}


def draw(
    questions,
    *,
    pool_size: int,
    shuffle_questions: bool,
    shuffle_choices: bool,
    rng: random.Random | None = None,
) -> list[dict]:
    """Which questions an attempt gets, in which order, and what each question fixes
    for the attempt (the order of its choices, its tokens)."""
    rng = rng or random.SystemRandom()
    blocks = list(questions)
    if pool_size and pool_size < len(blocks):
        chosen = {id(block) for block in rng.sample(blocks, pool_size)}
        blocks = [block for block in blocks if id(block) in chosen]
    if shuffle_questions:
        rng.shuffle(blocks)
    return [
        {
            "id": block.id,
            "kind": block.block.kind,
            **block.block.draw(block.value, rng, shuffle_choices=shuffle_choices),
        }
        for block in blocks
    ]


@dataclass
class ParsedAnswers:
    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # question id -> message
    form_errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.form_errors


def parse_answers(post: QueryDict, drawn: list[dict], questions) -> ParsedAnswers:
    """Validates a submission against the drawn questions; never trusts the payload."""
    result = ParsedAnswers()
    blocks = question_map(questions)
    expected: set[str] = set()
    for spec in drawn:
        block = blocks.get(spec["id"])
        expected |= block.block.field_names(spec) if block else {field_name(spec["id"])}
    if any(name.startswith("q-") and name not in expected for name in post):
        result.form_errors.append(
            _("The answers included questions that are not part of this attempt.")
        )
    for spec in drawn:
        block = blocks.get(spec["id"])
        if block is None or block.block.kind != spec["kind"]:
            result.form_errors.append(_("This quiz has changed; start a new attempt."))
            continue
        try:
            result.answers[spec["id"]] = block.block.parse(post, spec)
        except AnswerError as error:
            result.errors[spec["id"]] = str(error)
    return result


@dataclass
class QuestionResult:
    question_id: str
    kind: str
    credit: float  # 0..1
    correct: bool
    answer: Any
    feedback: list[str] = field(default_factory=list)


def grade_question(block, spec: dict, answer, *, partial_credit: bool) -> QuestionResult:
    """Grades one answer; `block` is the question's bound block."""
    credit, feedback = block.block.grade(block.value, spec, answer, partial_credit=partial_credit)
    return QuestionResult(spec["id"], spec["kind"], credit, credit == 1.0, answer, feedback)


@dataclass
class Grade:
    score: float  # percent, 0..100
    passed: bool
    results: list[QuestionResult]


def grade(
    questions, drawn: list[dict], answers: dict, *, pass_mark: int, partial_credit: bool
) -> Grade:
    blocks = question_map(questions)
    results = [
        grade_question(
            blocks[spec["id"]], spec, answers.get(spec["id"]), partial_credit=partial_credit
        )
        for spec in drawn
    ]
    total = sum(result.credit for result in results)
    score = round(100 * total / len(results), 2) if results else 0.0
    return Grade(score=score, passed=score >= pass_mark, results=results)


def profile_scores(questions, answers: dict) -> dict[str, int]:
    scores: dict[str, int] = {}
    for qid, block in question_map(questions).items():
        for profile, points in block.block.profile_points(block.value, answers.get(qid)).items():
            scores[profile] = scores.get(profile, 0) + points
    return scores


def top_profiles(scores: dict[str, int], profile_keys: list[str]) -> list[str]:
    """The highest-scoring profiles in the editor's order; more than one is a tie (a mix)."""
    known = {key: scores.get(key, 0) for key in profile_keys}
    best = max(known.values(), default=0)
    if best <= 0:
        return []
    return [key for key in profile_keys if known[key] == best]


def public_questions(questions, drawn: list[dict], post=None) -> list[dict]:
    """What the learner sees before submitting: prompts and choices, never which is right."""
    blocks = question_map(questions)
    shown = []
    for number, spec in enumerate(drawn, start=1):
        block = blocks[spec["id"]]
        shown.append(
            {
                "id": spec["id"],
                "number": number,
                "kind": spec["kind"],
                "name": field_name(spec["id"]),
                "template": block.block.template_name,
                "prompt": block.value["prompt"],
                "image": block.value.get("image"),
                "image_alt": block.value.get("image_alt", ""),
                **block.block.form(block.value, spec, post),
            }
        )
    return shown


def review(questions, drawn: list[dict], answers: dict, results: list, *, reveal: bool):
    """Each question with the learner's answer, right or wrong, feedback and explanation;
    the correct answers only when `reveal`."""
    blocks = question_map(questions)
    # Marks come from the stored results: a later change of the quiz's scoring never
    # changes what an attempt shows.
    stored = {result["id"]: result for result in results or []}
    rows = []
    for number, spec in enumerate(drawn, start=1):
        block = blocks[spec["id"]]
        answer = (answers or {}).get(spec["id"])
        result = grade_question(block, spec, answer, partial_credit=True)
        mark = stored.get(spec["id"], {"correct": result.correct, "credit": result.credit})
        rows.append(
            {
                "number": number,
                "kind": spec["kind"],
                "template": block.block.template_name,
                "prompt": block.value["prompt"],
                "image": block.value.get("image"),
                "image_alt": block.value.get("image_alt", ""),
                "correct": mark["correct"],
                "credit": round(mark["credit"] * 100),
                "feedback": result.feedback,
                "explanation": block.value["explanation"],
                **block.block.review(block.value, spec, answer, reveal=reveal),
            }
        )
    return rows
