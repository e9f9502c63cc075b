"""Self-test questions: each choice adds points to profiles; nothing is wrong."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from courses.quizzes.questions.base import (
    GROUP_PROFILE,
    QuestionTypeBlock,
    choice_order,
    field_name,
    form_options,
    one_of,
)


class ProfilePointsBlock(blocks.StructBlock):
    profile = blocks.CharBlock(
        label=gettext_lazy("Profile key"),
        max_length=50,
        help_text=gettext_lazy("The key of one of the quiz's profiles."),
    )
    points = blocks.IntegerBlock(label=gettext_lazy("Points"), min_value=1, max_value=10, default=1)

    class Meta:
        icon = "plus"
        label = gettext_lazy("Points")


class ProfileChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=gettext_lazy("Choice"), max_length=300)
    points = blocks.ListBlock(
        ProfilePointsBlock(), label=gettext_lazy("Points to profiles"), min_num=1
    )

    class Meta:
        icon = "radio-full"
        label = gettext_lazy("Choice")


class ProfileQuestionBlock(QuestionTypeBlock):
    """A self-test question: each choice adds points to profiles; nothing is wrong."""

    block_name = "profile"
    kind = "profile"
    graded = False
    template_name = "courses/questions/choices.html"

    prompt = blocks.RichTextBlock(label=gettext_lazy("Question"), features=["bold", "italic"])
    choices = blocks.ListBlock(ProfileChoiceBlock(), label=gettext_lazy("Choices"), min_num=2)

    def editor_errors(self, value):
        texts = [(choice.get("text") or "").strip().casefold() for choice in value["choices"]]
        if len(set(texts)) != len(texts):
            return {"choices": _("Two choices have the same text.")}
        return {}

    def draw(self, value, rng, *, shuffle_choices):
        return {"choices": choice_order(value, rng, shuffle_choices)}

    def form(self, value, spec, post):
        texts = {child.id: child.value["text"] for child in value["choices"].bound_blocks}
        options = [(cid, texts[cid]) for cid in spec["choices"]]
        return {"options": form_options(post, field_name(spec["id"]), options)}

    def parse(self, post, spec):
        return one_of(post, spec, spec["choices"])

    def grade(self, value, spec, answer, *, partial_credit):
        raise ValueError(f"not a graded question: {self.kind}")

    def profile_points(self, value, answer):
        choices = {child.id: child.value for child in value["choices"].bound_blocks}
        scores: dict[str, int] = {}
        for points in (choices.get(answer) or {}).get("points", []):
            scores[points["profile"]] = scores.get(points["profile"], 0) + points["points"]
        return scores

    def profile_keys(self, value):
        return {points["profile"] for choice in value["choices"] for points in choice["points"]}

    class Meta:
        icon = "user"
        label = gettext_lazy("Self-test question")
        group = GROUP_PROFILE
        template = "blocks/question.html"
        description = gettext_lazy(
            "Each choice adds points to one or more profiles; nothing is wrong."
        )
        preview_value = {
            "prompt": "<p>Kuinka pitkälle eteenpäin suunnittelet?</p>",
            "choices": [
                {"text": "Viikon", "points": [{"profile": "present", "points": 2}]},
                {"text": "Viisi vuotta", "points": [{"profile": "maker", "points": 2}]},
            ],
        }
