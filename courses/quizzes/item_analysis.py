"""Item analysis of a quiz: how learners did on each question and each choice.

Reads the submitted attempts only, and each attempt's own copy of its questions, so the
figures stay right after an editor changes the quiz.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from courses.quizzes.questions import QuestionTypeBlock, question_type

# One instance per question type, to describe stored questions.
_INSTANCES: dict[type, QuestionTypeBlock] = {}


def _question_type(block_name: str) -> QuestionTypeBlock | None:
    cls = question_type(block_name)
    if cls is None:
        return None
    if cls not in _INSTANCES:
        _INSTANCES[cls] = cls()
    return _INSTANCES[cls]


@dataclass
class QuestionStats:
    question_id: str
    text: str = ""
    kind: str = ""
    answered: int = 0
    correct: int = 0
    credit: float = 0.0
    choices: dict[str, str] = field(default_factory=dict)  # choice id -> text
    correct_choices: set[str] = field(default_factory=set)
    chosen: dict[str, int] = field(default_factory=dict)
    question_type: QuestionTypeBlock | None = None

    @property
    def share_correct(self) -> float:
        return round(100 * self.correct / self.answered, 1) if self.answered else 0.0

    @property
    def mean_credit(self) -> float:
        return round(100 * self.credit / self.answered, 1) if self.answered else 0.0


@dataclass
class QuizSummary:
    attempts: int
    passed: int
    mean_score: float

    @property
    def pass_rate(self) -> float:
        return round(100 * self.passed / self.attempts, 1) if self.attempts else 0.0


def _describe(stats: QuestionStats, raw: dict) -> None:
    value = raw["value"]
    stats.text = " ".join(strip_tags(value.get("prompt") or "").split())
    question_type = _question_type(raw["type"])
    if question_type is None:  # a type since removed from the code: count, don't describe
        stats.kind = raw["type"]
        return
    stats.question_type = question_type
    stats.kind = question_type.kind
    stats.choices, stats.correct_choices = question_type.analysis_choices(value)


@dataclass
class Tally:
    """What item analysis counts, added up one attempt at a time (`add_attempt`) or from
    counts the database made (`add_result`, `add_answer` with `times`)."""

    attempts: int = 0
    passed: int = 0
    score_total: float = 0.0
    questions: dict[str, QuestionStats] = field(default_factory=dict)
    _described: dict[str, dict] = field(default_factory=dict)

    def question(self, question_id: str) -> QuestionStats:
        return self.questions.setdefault(question_id, QuestionStats(question_id))

    def describe(self, raw: dict) -> None:
        """Takes a question's text, type and choices from a stored copy of it; the same
        copy again costs a comparison, not a second reading of its HTML."""
        qid = raw["id"]
        if self._described.get(qid) != raw:
            _describe(self.question(qid), raw)
            self._described[qid] = raw

    def is_described(self, question_id: str) -> bool:
        return question_id in self._described

    def add_result(self, question_id: str, correct: int, credit: float, times: int = 1) -> None:
        question = self.question(question_id)
        question.answered += times
        question.correct += correct
        question.credit += credit

    def add_answer(self, question_id: str, answer, times: int = 1) -> None:
        question = self.questions.get(question_id)
        if question is None or question.question_type is None:
            return
        for choice in question.question_type.chosen(answer):
            question.chosen[choice] = question.chosen.get(choice, 0) + times

    def add_attempt(self, attempt) -> None:
        """One submitted attempt, described by its own copy of its questions."""
        self.attempts += 1
        self.passed += bool(attempt.passed)
        self.score_total += float(attempt.score or 0)
        described = {raw["id"] for raw in attempt.question_data}
        for raw in attempt.question_data:
            self.describe(raw)
        answers = attempt.answers or {}
        for result in attempt.results or []:
            qid = result["id"]
            self.add_result(qid, bool(result["correct"]), result["credit"])
            if qid in described:
                self.add_answer(qid, answers.get(qid))

    def figures(self, question_order: list[str]) -> tuple[QuizSummary, list[QuestionStats]]:
        """The summary, and the questions in the quiz's current order, then any that
        editors have since removed."""
        count = self.attempts
        summary = QuizSummary(
            attempts=count,
            passed=self.passed,
            mean_score=round(self.score_total / count, 1) if count else 0,
        )
        position = {qid: index for index, qid in enumerate(question_order)}
        ordered = sorted(
            self.questions.values(), key=lambda q: position.get(q.question_id, len(position))
        )
        return summary, ordered


def analyse(attempts, question_order: list[str]) -> tuple[QuizSummary, list[QuestionStats]]:
    """Figures over submitted attempts, each described by its own copy of its questions."""
    tally = Tally()
    for attempt in attempts:
        tally.add_attempt(attempt)
    return tally.figures(question_order)


def rows(questions: list[QuestionStats]) -> list[dict]:
    """One row per choice (or per question without choices), for the report and exports."""
    table = []
    for number, question in enumerate(questions, start=1):
        base = {
            "number": number,
            "question": question.text,
            "kind": str(question.question_type.meta.label)
            if question.question_type
            else question.kind,
            "answered": question.answered,
            "share_correct": question.share_correct,
            "mean_credit": question.mean_credit,
        }
        if not question.choices:
            table.append(
                {**base, "choice": "", "correct_choice": "", "chosen": "", "share_chosen": ""}
            )
            continue
        for choice_id, text in question.choices.items():
            chosen = question.chosen.get(choice_id, 0)
            table.append(
                {
                    **base,
                    "choice": text,
                    "correct_choice": _("yes") if choice_id in question.correct_choices else "",
                    "chosen": chosen,
                    "share_chosen": round(100 * chosen / question.answered, 1)
                    if question.answered
                    else 0.0,
                }
            )
    return table
