"""A statement the learner marks true or false."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from courses.quizzes.questions.base import (
    GROUP_GRADED,
    GradedQuestionBlock,
    field_name,
    form_options,
    one_of,
)


class TrueFalseQuestionBlock(GradedQuestionBlock):
    block_name = "true_false"
    kind = "truefalse"
    template_name = "courses/questions/choices.html"

    correct_answer = blocks.ChoiceBlock(
        label=gettext_lazy("Correct answer"),
        choices=[("true", gettext_lazy("True")), ("false", gettext_lazy("False"))],
    )
    feedback_true = blocks.CharBlock(label=gettext_lazy("Feedback for “true”"), required=False)
    feedback_false = blocks.CharBlock(label=gettext_lazy("Feedback for “false”"), required=False)

    @staticmethod
    def _labels() -> list[tuple[str, str]]:
        return [("true", _("True")), ("false", _("False"))]

    def form(self, value, spec, post):
        return {"options": form_options(post, field_name(spec["id"]), self._labels())}

    def parse(self, post, spec):
        return one_of(post, spec, ["true", "false"])

    def grade(self, value, spec, answer, *, partial_credit):
        text = value["feedback_true" if answer == "true" else "feedback_false"]
        return (1.0 if answer == value["correct_answer"] else 0.0), [text] if text else []

    def review(self, value, spec, answer, *, reveal):
        return {
            "choices": [
                {
                    "label": label,
                    "picked": answer == key,
                    "correct": reveal and value["correct_answer"] == key,
                }
                for key, label in self._labels()
            ]
        }

    def analysis_choices(self, raw_value):
        return dict(self._labels()), {raw_value.get("correct_answer")}

    def chosen(self, answer):
        return [answer] if isinstance(answer, str) else []

    class Meta:
        icon = "check"
        label = gettext_lazy("True or false")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = gettext_lazy("A statement the learner marks true or false.")
        preview_value = {
            "prompt": "<p>Ennuste ja ennakointi tarkoittavat samaa.</p>",
            "correct_answer": "false",
            "explanation": "<p>Ennakointi tarkastelee useita tulevaisuuksia.</p>",
        }
