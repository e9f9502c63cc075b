"""Lesson blocks: the site's text and media blocks plus what only a lesson has, the
reflection prompt."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import PageBodyBlock

GROUP_LEARNING = _("Learning")


# The steps of the learner's foresight plan (the plans app): a reflection may lead to one.
PLAN_STEPS = [
    ("firm", _("Your firm")),
    ("pestel", _("PESTEL scan")),
    ("signals", _("Weak signals")),
    ("wheel", _("Futures wheel")),
    ("scenarios", _("Scenarios")),
    ("roadmap", _("Roadmap")),
]


class ReflectionPromptBlock(blocks.StructBlock):
    """A question the learner answers in their own words; the answer is kept per learner,
    keyed by this block's id."""

    prompt = blocks.TextBlock(label=_("Question"), max_length=1000)
    hint = blocks.CharBlock(label=_("Hint"), required=False, max_length=300)
    plan_step = blocks.ChoiceBlock(
        label=_("Feeds the foresight plan's step"),
        choices=PLAN_STEPS,
        required=False,
        help_text=_("The learner's answer is shown, and used as a start, in this plan step."),
    )

    class Meta:
        label = _("Reflection prompt")
        icon = "comment"
        template = "blocks/reflection.html"
        group = GROUP_LEARNING
        description = _("A question the learner answers in their own words.")
        preview_value = {
            "prompt": "Mikä muutos vaikuttaa yritykseesi eniten seuraavan viiden vuoden aikana?",
            "hint": "Kirjoita muutama virke.",
        }


class LessonBodyBlock(PageBodyBlock):
    """Everything a lesson needs: text, media with accessible alternatives, and prompts
    that make the learner apply the lesson to their own firm."""

    reflection = ReflectionPromptBlock()
