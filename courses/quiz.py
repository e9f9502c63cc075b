"""The quiz engine: drawing questions, reading answers, grading, profile scoring.

Plain functions over a quiz's question StreamValue (from the revision an attempt started
with) and plain data, so tests call them directly and nothing here touches a request.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.http import QueryDict

MAX_VALUE_LENGTH = 64  # every id we hand out is shorter than this


def question_map(questions) -> dict[str, Any]:
    """Question block id -> bound block, for a StreamValue of questions."""
    return {block.id: block for block in questions}


def _item_ids(list_value) -> list[str]:
    return [child.id for child in list_value.bound_blocks]


def draw(
    questions,
    *,
    pool_size: int,
    shuffle_questions: bool,
    shuffle_choices: bool,
    rng: random.Random | None = None,
) -> list[dict]:
    """Which questions an attempt gets, in which order, with choices in which order.

    Ordering items are always shuffled and matching options always carry fresh random
    tokens: otherwise the page itself would give the answer away.
    """
    rng = rng or random.SystemRandom()
    blocks = list(questions)
    if pool_size and pool_size < len(blocks):
        chosen = {id(block) for block in rng.sample(blocks, pool_size)}
        blocks = [block for block in blocks if id(block) in chosen]
    if shuffle_questions:
        rng.shuffle(blocks)
    drawn = []
    for block in blocks:
        kind = block.block.kind
        spec: dict[str, Any] = {"id": block.id, "kind": kind}
        if kind in ("single", "multiple", "profile"):
            order = _item_ids(block.value["choices"])
            if shuffle_choices:
                rng.shuffle(order)
            spec["choices"] = order
        elif kind == "ordering":
            order = _item_ids(block.value["items"])
            while len(order) > 1 and order == _item_ids(block.value["items"]):
                rng.shuffle(order)
            spec["items"] = order
        elif kind == "matching":
            pair_ids = _item_ids(block.value["pairs"])
            rights = pair_ids[:]
            rng.shuffle(rights)
            spec["lefts"] = pair_ids
            spec["rights"] = [[secrets.token_hex(6), pair_id] for pair_id in rights]
        drawn.append(spec)
    return drawn


# Reading answers -------------------------------------------------------------------


@dataclass
class ParsedAnswers:
    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # question id -> message
    form_errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.form_errors


def field_name(question_id: str, part: str = "") -> str:
    return f"q-{question_id}-{part}" if part else f"q-{question_id}"


def _values(post: QueryDict, name: str) -> list[str]:
    return [value for value in post.getlist(name) if isinstance(value, str)]


def parse_answers(post: QueryDict, drawn: list[dict], questions) -> ParsedAnswers:
    """Validates a submission against the drawn questions; never trusts the payload."""
    result = ParsedAnswers()
    blocks = question_map(questions)
    expected = {field_name(spec["id"]) for spec in drawn}
    for spec in drawn:
        if spec["kind"] == "ordering":
            expected |= {field_name(spec["id"], item) for item in spec["items"]}
        elif spec["kind"] == "matching":
            expected |= {field_name(spec["id"], pair) for pair in spec["lefts"]}
    stray = [name for name in post if name.startswith("q-") and name not in expected]
    if stray:
        result.form_errors.append(
            _("The answers included questions that are not part of this attempt.")
        )
    for spec in drawn:
        block = blocks.get(spec["id"])
        if block is None:
            result.form_errors.append(_("This quiz has changed; start a new attempt."))
            continue
        error = _parse_one(post, spec, result.answers)
        if error:
            result.errors[spec["id"]] = error
    return result


def _parse_one(post: QueryDict, spec: dict, answers: dict) -> str | None:
    qid, kind = spec["id"], spec["kind"]
    values = _values(post, field_name(qid))
    if any(len(value) > MAX_VALUE_LENGTH for value in values):
        return _("This answer is not one of the choices.")
    if kind in ("single", "profile", "truefalse"):
        allowed = ["true", "false"] if kind == "truefalse" else spec["choices"]
        if not values:
            return _("Choose an answer.")
        if len(values) > 1:
            return _("Choose only one answer.")
        if values[0] not in allowed:
            return _("This answer is not one of the choices.")
        answers[qid] = values[0]
    elif kind == "multiple":
        if not values:
            return _("Choose at least one answer.")
        if len(set(values)) != len(values):
            return _("The same choice was sent twice.")
        if not set(values) <= set(spec["choices"]):
            return _("This answer is not one of the choices.")
        answers[qid] = sorted(values)
    elif kind == "ordering":
        items = spec["items"]
        positions = {}
        for item in items:
            raw = _values(post, field_name(qid, item))
            if len(raw) != 1 or not raw[0]:
                return _("Give every item a position.")
            if not (raw[0].isascii() and raw[0].isdigit() and 1 <= int(raw[0]) <= len(items)):
                return _("Positions go from 1 to %(count)s.") % {"count": len(items)}
            positions[item] = int(raw[0])
        if len(set(positions.values())) != len(items):
            return _("Each position can be used only once.")
        answers[qid] = sorted(items, key=positions.__getitem__)
    elif kind == "matching":
        tokens = dict(spec["rights"])
        matches = {}
        for pair in spec["lefts"]:
            raw = _values(post, field_name(qid, pair))
            if len(raw) != 1 or not raw[0]:
                return _("Match every term.")
            if raw[0] not in tokens:
                return _("This answer is not one of the choices.")
            matches[pair] = tokens[raw[0]]
        if len(set(matches.values())) != len(matches):
            return _("Each option can be used only once.")
        answers[qid] = matches
    return None


# Grading ---------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question_id: str
    kind: str
    credit: float  # 0..1
    correct: bool
    answer: Any
    feedback: list[str] = field(default_factory=list)


def _choice_values(block) -> dict[str, dict]:
    return {child.id: child.value for child in block.value["choices"].bound_blocks}


def grade_question(block, spec: dict, answer, *, partial_credit: bool) -> QuestionResult:
    kind = spec["kind"]
    feedback: list[str] = []
    if kind == "single":
        choices = _choice_values(block)
        chosen = choices.get(answer, {})
        credit = 1.0 if chosen.get("correct") else 0.0
        feedback = [chosen["feedback"]] if chosen.get("feedback") else []
    elif kind == "multiple":
        choices = _choice_values(block)
        correct = {cid for cid, choice in choices.items() if choice["correct"]}
        picked = set(answer or [])
        if partial_credit:
            credit = max(0.0, (len(picked & correct) - len(picked - correct)) / len(correct))
        else:
            credit = 1.0 if picked == correct else 0.0
        feedback = [choices[cid]["feedback"] for cid in answer or [] if choices[cid]["feedback"]]
    elif kind == "truefalse":
        credit = 1.0 if answer == block.value["correct_answer"] else 0.0
        text = block.value["feedback_true" if answer == "true" else "feedback_false"]
        feedback = [text] if text else []
    elif kind == "ordering":
        expected = _item_ids(block.value["items"])
        right = sum(1 for a, b in zip(answer or [], expected, strict=False) if a == b)
        credit = right / len(expected) if partial_credit else float(answer == expected)
    elif kind == "matching":
        pairs = _item_ids(block.value["pairs"])
        right = sum(1 for pair in pairs if (answer or {}).get(pair) == pair)
        credit = right / len(pairs) if partial_credit else float(right == len(pairs))
    else:
        raise ValueError(f"not a graded question: {kind}")
    return QuestionResult(spec["id"], kind, credit, credit == 1.0, answer, feedback)


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


# Profiles --------------------------------------------------------------------------


def profile_scores(questions, answers: dict) -> dict[str, int]:
    scores: dict[str, int] = {}
    for qid, block in question_map(questions).items():
        choice = (
            _choice_values(block).get(answers.get(qid)) if block.block.kind == "profile" else None
        )
        for points in (choice or {}).get("points", []):
            scores[points["profile"]] = scores.get(points["profile"], 0) + points["points"]
    return scores


def top_profiles(scores: dict[str, int], profile_keys: list[str]) -> list[str]:
    """The highest-scoring profiles in the editor's order; more than one is a tie (a mix)."""
    known = {key: scores.get(key, 0) for key in profile_keys}
    best = max(known.values(), default=0)
    if best <= 0:
        return []
    return [key for key in profile_keys if known[key] == best]
