"""Single- and multiple-choice questions, with feedback per choice."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from courses.quizzes.questions.base import (
    GROUP_GRADED,
    AnswerError,
    GradedQuestionBlock,
    choice_order,
    field_name,
    form_options,
    one_of,
    posted,
)


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=gettext_lazy("Choice"), max_length=300)
    correct = blocks.BooleanBlock(label=gettext_lazy("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=gettext_lazy("Feedback"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Shown after submitting to a learner who picked this choice."),
    )

    class Meta:
        icon = "radio-full"
        label = gettext_lazy("Choice")


class ChoiceQuestionBlock(GradedQuestionBlock):
    """Choices with per-choice feedback; `single` questions have exactly one correct."""

    choices = blocks.ListBlock(ChoiceBlock(), label=gettext_lazy("Choices"), min_num=2)
    single = True
    template_name = "courses/questions/choices.html"

    def editor_errors(self, value):
        errors = super().editor_errors(value)
        choices = list(value.get("choices") or [])
        texts = [(choice.get("text") or "").strip().casefold() for choice in choices]
        correct = sum(1 for choice in choices if choice.get("correct"))
        if len(choices) < 2:
            errors["choices"] = _("Give at least two choices.")
        elif len(set(texts)) != len(texts):
            errors["choices"] = _("Two choices have the same text.")
        elif correct == 0:
            errors["choices"] = _("Mark at least one choice correct.")
        elif self.single and correct > 1:
            errors["choices"] = _("A single-choice question has exactly one correct choice.")
        return errors

    @staticmethod
    def _choices(value) -> dict[str, dict]:
        return {child.id: child.value for child in value["choices"].bound_blocks}

    def draw(self, value, rng, *, shuffle_choices):
        return {"choices": choice_order(value, rng, shuffle_choices)}

    def form(self, value, spec, post):
        texts = {cid: choice["text"] for cid, choice in self._choices(value).items()}
        options = [(cid, texts[cid]) for cid in spec["choices"]]
        return {
            "multiple": not self.single,
            "options": form_options(post, field_name(spec["id"]), options),
        }

    def review(self, value, spec, answer, *, reveal):
        picked = {answer} if isinstance(answer, str) else set(answer or [])
        return {
            "choices": [
                {
                    "label": child.value["text"],
                    "picked": child.id in picked,
                    "correct": reveal and child.value["correct"],
                }
                for child in value["choices"].bound_blocks
                if child.id in spec["choices"]
            ]
        }

    def analysis_choices(self, raw_value):
        items = raw_value.get("choices") or []
        texts = {item["id"]: item["value"]["text"] for item in items}
        return texts, {item["id"] for item in items if item["value"].get("correct")}

    def chosen(self, answer):
        return [answer] if isinstance(answer, str) else list(answer or [])


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    block_name = "single_choice"
    kind = "single"

    def parse(self, post, spec):
        return one_of(post, spec, spec["choices"])

    def grade(self, value, spec, answer, *, partial_credit):
        chosen = self._choices(value).get(answer, {})
        feedback = [chosen["feedback"]] if chosen.get("feedback") else []
        return (1.0 if chosen.get("correct") else 0.0), feedback

    class Meta:
        icon = "radio-full"
        label = gettext_lazy("Single choice")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = gettext_lazy("One correct answer among several choices.")
        preview_value = {
            "prompt": "<p>Mikä näistä on megatrendi?</p>",
            "choices": [
                {"text": "Väestön ikääntyminen", "correct": True, "feedback": ""},
                {"text": "Kesän muotiväri", "correct": False, "feedback": ""},
            ],
            "explanation": "<p>Megatrendi on laaja ja hidas muutoksen kaari.</p>",
        }


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    block_name = "multiple_choice"
    kind = "multiple"
    single = False

    def parse(self, post, spec):
        values = posted(post, field_name(spec["id"]))
        if not values:
            raise AnswerError(_("Choose at least one answer."))
        if len(set(values)) != len(values):
            raise AnswerError(_("The same choice was sent twice."))
        if not set(values) <= set(spec["choices"]):
            raise AnswerError(_("This answer is not one of the choices."))
        return sorted(values)

    def grade(self, value, spec, answer, *, partial_credit):
        choices = self._choices(value)
        correct = {cid for cid, choice in choices.items() if choice["correct"]}
        picked = set(answer or [])
        if partial_credit:
            credit = max(0.0, (len(picked & correct) - len(picked - correct)) / len(correct))
        else:
            credit = 1.0 if picked == correct else 0.0
        feedback = [choices[cid]["feedback"] for cid in answer or [] if choices[cid]["feedback"]]
        return credit, feedback

    class Meta:
        icon = "tick-inverse"
        label = gettext_lazy("Multiple choice")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = gettext_lazy(
            "Several correct answers; scored all-or-nothing or with partial credit."
        )
        preview_value = {
            "prompt": "<p>Mitkä kuuluvat PESTEL-listaan?</p>",
            "choices": [
                {"text": "Poliittiset tekijät", "correct": True, "feedback": ""},
                {"text": "Teknologiset tekijät", "correct": True, "feedback": ""},
                {"text": "Tuotteen hinta", "correct": False, "feedback": ""},
            ],
            "explanation": "<p>PESTEL: poliittiset, taloudelliset, sosiaaliset, ...</p>",
        }
