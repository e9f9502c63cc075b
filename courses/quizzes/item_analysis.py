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


def analyse(attempts, question_order: list[str]) -> tuple[QuizSummary, list[QuestionStats]]:
    """Figures over submitted attempts; questions in the quiz's current order, then any
    that editors have since removed."""
    stats: dict[str, QuestionStats] = {}
    count = passed = 0
    score_total = 0.0
    for attempt in attempts:
        count += 1
        passed += bool(attempt.passed)
        score_total += float(attempt.score or 0)
        raw_by_id = {raw["id"]: raw for raw in attempt.question_data}
        answers = attempt.answers or {}
        for result in attempt.results or []:
            qid = result["id"]
            question = stats.setdefault(qid, QuestionStats(qid))
            if qid in raw_by_id:
                _describe(question, raw_by_id[qid])
            question.answered += 1
            question.correct += bool(result["correct"])
            question.credit += result["credit"]
            if question.question_type is not None:
                for choice in question.question_type.chosen(answers.get(qid)):
                    question.chosen[choice] = question.chosen.get(choice, 0) + 1
    summary = QuizSummary(
        attempts=count, passed=passed, mean_score=round(score_total / count, 1) if count else 0
    )
    position = {qid: index for index, qid in enumerate(question_order)}
    ordered = sorted(stats.values(), key=lambda q: position.get(q.question_id, len(position)))
    return summary, ordered


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
