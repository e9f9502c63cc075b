"""What every question type is and offers, and the helpers they share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.forms.utils import ErrorList
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import RICH_TEXT_FEATURES

if TYPE_CHECKING:
    import random

    from django.http import QueryDict

GROUP_GRADED = gettext_lazy("Graded questions")
GROUP_PROFILE = gettext_lazy("Self-test questions")
MAX_VALUE_LENGTH = 64  # every id we hand out is shorter than this

_QUESTION_TYPES: dict[str, type[QuestionTypeBlock]] = {}


def question_types() -> dict[str, type[QuestionTypeBlock]]:
    """StreamField block name -> question type class, in the order they are defined."""
    return dict(_QUESTION_TYPES)


def question_type(block_name: str) -> type[QuestionTypeBlock] | None:
    return _QUESTION_TYPES.get(block_name)


class AnswerError(ValueError):
    """A submitted answer that cannot be read; the message is for the learner."""


def field_name(question_id: str, part: str = "") -> str:
    return f"q-{question_id}-{part}" if part else f"q-{question_id}"


def posted(post: QueryDict, name: str) -> list[str]:
    values = [value for value in post.getlist(name) if isinstance(value, str)]
    if any(len(value) > MAX_VALUE_LENGTH for value in values):
        raise AnswerError(_("This answer is not one of the choices."))
    return values


def item_ids(list_value) -> list[str]:
    return [child.id for child in list_value.bound_blocks]


class QuestionTypeBlock(blocks.StructBlock):
    """What every question type offers. A subclass that sets `block_name` is registered
    in the quiz's StreamField under that name."""

    block_name = ""
    kind = ""
    graded = True
    template_name = ""  # the learner's view of the question: the form and the review

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.block_name:
            _QUESTION_TYPES[cls.block_name] = cls

    # Drawing and showing ----------------------------------------------------------

    def draw(self, value, rng: random.Random, *, shuffle_choices: bool) -> dict[str, Any]:
        """What an attempt fixes about this question beyond its id: orders, tokens."""
        return {}

    def field_names(self, spec: dict) -> set[str]:
        return {field_name(spec["id"])}

    def form(self, value, spec: dict, post) -> dict[str, Any]:
        """What the learner sees before submitting, never which answer is right; `post`
        holds what they sent last time, to keep it on a page with errors."""
        return {}

    # Reading and grading ----------------------------------------------------------

    def parse(self, post: QueryDict, spec: dict) -> Any:
        """The answer as stored; raises AnswerError with a message for the learner."""
        raise NotImplementedError

    def grade(self, value, spec: dict, answer, *, partial_credit: bool) -> tuple[float, list]:
        """Credit from 0 to 1, and the feedback texts the answer earns."""
        raise NotImplementedError

    def review(self, value, spec: dict, answer, *, reveal: bool) -> dict[str, Any]:
        """The learner's answer after submitting; the correct one only when `reveal`."""
        return {}

    def profile_points(self, value, answer) -> dict[str, int]:
        return {}

    def profile_keys(self, value) -> set[str]:
        return set()

    # Counting, for item analysis over stored attempts' raw question data -----------

    def analysis_choices(self, raw_value: dict) -> tuple[dict[str, str], set[str]]:
        """Choice id -> text, and the correct choice ids; empty for types without choices."""
        return {}, set()

    def chosen(self, answer) -> list[str]:
        """The choice ids an answer picks."""
        return []

    def editor_errors(self, value) -> dict[str, str]:
        return {}

    def clean(self, value):
        value = super().clean(value)
        errors = self.editor_errors(value)
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ErrorList([message]) for name, message in errors.items()}
            )
        return value


def choice_order(value, rng: random.Random, shuffle: bool) -> list[str]:
    order = item_ids(value["choices"])
    if shuffle:
        rng.shuffle(order)
    return order


def one_of(post: QueryDict, spec: dict, allowed: list[str]) -> str:
    values = posted(post, field_name(spec["id"]))
    if not values:
        raise AnswerError(_("Choose an answer."))
    if len(values) > 1:
        raise AnswerError(_("Choose only one answer."))
    if values[0] not in allowed:
        raise AnswerError(_("This answer is not one of the choices."))
    return values[0]


def form_options(post, name: str, choices: list[tuple[str, str]]) -> list[dict]:
    sent = post.getlist(name) if hasattr(post, "getlist") else []
    return [{"value": value, "label": label, "checked": value in sent} for value, label in choices]


class GradedQuestionBlock(QuestionTypeBlock):
    """What every graded question has: a prompt, an optional image, an explanation."""

    prompt = blocks.RichTextBlock(
        label=gettext_lazy("Question"), features=["bold", "italic", "link"]
    )
    image = ImageChooserBlock(label=gettext_lazy("Image"), required=False)
    image_alt = blocks.CharBlock(
        label=gettext_lazy("Alternative text"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Required with an image: what the image shows."),
    )
    explanation = blocks.RichTextBlock(
        label=gettext_lazy("Explanation"),
        features=RICH_TEXT_FEATURES,
        help_text=gettext_lazy("Why the answer is what it is; shown after submitting."),
    )

    def editor_errors(self, value) -> dict[str, str]:
        errors = {}
        if value.get("image") and not (value.get("image_alt") or "").strip():
            errors["image_alt"] = _("An image needs alternative text.")
        return errors
