"""Question blocks for quizzes. Block ids are the stable question ids and list-item ids
the stable choice ids, so a stored answer always points at what the learner saw."""

from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from courses.blocks import RICH_TEXT_FEATURES

GROUP_GRADED = _("Graded questions")
GROUP_PROFILE = _("Self-test questions")


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback"),
        required=False,
        max_length=500,
        help_text=_("Shown after submitting to a learner who picked this choice."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    """What every graded question has: a prompt, an optional image, an explanation."""

    prompt = blocks.RichTextBlock(label=_("Question"), features=["bold", "italic", "link"])
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=300,
        help_text=_("Required with an image: what the image shows."),
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Why the answer is what it is; shown after submitting."),
    )

    kind = ""

    def question_errors(self, value) -> dict[str, str]:
        errors = {}
        if value.get("image") and not (value.get("image_alt") or "").strip():
            errors["image_alt"] = _("An image needs alternative text.")
        return errors

    def clean(self, value):
        value = super().clean(value)
        errors = self.question_errors(value)
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ErrorList([message]) for name, message in errors.items()}
            )
        return value


def _choice_errors(value, *, single: bool) -> str | None:
    choices = list(value.get("choices") or [])
    texts = [(choice.get("text") or "").strip().casefold() for choice in choices]
    correct = sum(1 for choice in choices if choice.get("correct"))
    if len(choices) < 2:
        return _("Give at least two choices.")
    if len(set(texts)) != len(texts):
        return _("Two choices have the same text.")
    if correct == 0:
        return _("Mark at least one choice correct.")
    if single and correct > 1:
        return _("A single-choice question has exactly one correct choice.")
    return None


class ChoiceQuestionBlock(QuestionBlock):
    """Choices with per-choice feedback; `single` questions have exactly one correct."""

    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)
    single = True

    def question_errors(self, value):
        errors = super().question_errors(value)
        if message := _choice_errors(value, single=self.single):
            errors["choices"] = message
        return errors


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = "single"

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = _("One correct answer among several choices.")
        preview_value = {
            "prompt": "<p>Mikä näistä on megatrendi?</p>",
            "choices": [
                {"text": "Väestön ikääntyminen", "correct": True, "feedback": ""},
                {"text": "Kesän muotiväri", "correct": False, "feedback": ""},
            ],
            "explanation": "<p>Megatrendi on laaja ja hidas muutoksen kaari.</p>",
        }


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = "multiple"
    single = False

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple choice")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = _("Several correct answers; scored all-or-nothing or with partial credit.")
        preview_value = {
            "prompt": "<p>Mitkä kuuluvat PESTEL-listaan?</p>",
            "choices": [
                {"text": "Poliittiset tekijät", "correct": True, "feedback": ""},
                {"text": "Teknologiset tekijät", "correct": True, "feedback": ""},
                {"text": "Tuotteen hinta", "correct": False, "feedback": ""},
            ],
            "explanation": "<p>PESTEL: poliittiset, taloudelliset, sosiaaliset, ...</p>",
        }


class TrueFalseQuestionBlock(QuestionBlock):
    correct_answer = blocks.ChoiceBlock(
        label=_("Correct answer"),
        choices=[("true", _("True")), ("false", _("False"))],
    )
    feedback_true = blocks.CharBlock(label=_("Feedback for “true”"), required=False)
    feedback_false = blocks.CharBlock(label=_("Feedback for “false”"), required=False)
    kind = "truefalse"

    class Meta:
        icon = "check"
        label = _("True or false")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = _("A statement the learner marks true or false.")
        preview_value = {
            "prompt": "<p>Ennuste ja ennakointi tarkoittavat samaa.</p>",
            "correct_answer": "false",
            "explanation": "<p>Ennakointi tarkastelee useita tulevaisuuksia.</p>",
        }


class OrderingQuestionBlock(QuestionBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=300),
        label=_("Items in the correct order"),
        min_num=2,
        help_text=_("Learners see the items shuffled and put them in this order."),
    )
    kind = "ordering"

    def question_errors(self, value):
        errors = super().question_errors(value)
        items = [(item or "").strip().casefold() for item in value.get("items") or []]
        if len(items) < 2:
            errors["items"] = _("Give at least two items.")
        elif len(set(items)) != len(items):
            errors["items"] = _("Two items have the same text.")
        return errors

    class Meta:
        icon = "list-ol"
        label = _("Ordering")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = _("Put the items in the right order.")
        preview_value = {
            "prompt": "<p>Järjestä aikajänteet lyhyimmästä pisimpään.</p>",
            "items": ["1–3 vuotta", "4–5 vuotta", "yli 6 vuotta"],
            "explanation": "<p>Kymenlaakson mallin aikajänteet.</p>",
        }


class MatchingPairBlock(blocks.StructBlock):
    left = blocks.CharBlock(label=_("Term"), max_length=200)
    right = blocks.CharBlock(label=_("Matches"), max_length=300)

    class Meta:
        icon = "link"
        label = _("Pair")


class MatchingQuestionBlock(QuestionBlock):
    pairs = blocks.ListBlock(MatchingPairBlock(), label=_("Pairs"), min_num=2)
    kind = "matching"

    def question_errors(self, value):
        errors = super().question_errors(value)
        pairs = list(value.get("pairs") or [])
        lefts = [(pair.get("left") or "").strip().casefold() for pair in pairs]
        rights = [(pair.get("right") or "").strip().casefold() for pair in pairs]
        if len(pairs) < 2:
            errors["pairs"] = _("Give at least two pairs.")
        elif not all(lefts) or not all(rights):
            errors["pairs"] = _("Every pair needs both sides.")
        elif len(set(lefts)) != len(lefts) or len(set(rights)) != len(rights):
            errors["pairs"] = _("Two pairs have the same text on one side.")
        return errors

    class Meta:
        icon = "link"
        label = _("Matching")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = _("Match each term with its pair.")
        preview_value = {
            "prompt": "<p>Yhdistä käsite ja merkitys.</p>",
            "pairs": [
                {"left": "Megatrendi", "right": "Laaja, hidas muutoksen kaari"},
                {"left": "Heikko signaali", "right": "Varhainen merkki muutoksesta"},
            ],
            "explanation": "<p>Katso sanasto.</p>",
        }


class ProfilePointsBlock(blocks.StructBlock):
    profile = blocks.CharBlock(
        label=_("Profile key"), max_length=50, help_text=_("The key of one of the quiz's profiles.")
    )
    points = blocks.IntegerBlock(label=_("Points"), min_value=1, max_value=10, default=1)

    class Meta:
        icon = "plus"
        label = _("Points")


class ProfileChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=300)
    points = blocks.ListBlock(ProfilePointsBlock(), label=_("Points to profiles"), min_num=1)

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class ProfileQuestionBlock(blocks.StructBlock):
    prompt = blocks.RichTextBlock(label=_("Question"), features=["bold", "italic"])
    choices = blocks.ListBlock(ProfileChoiceBlock(), label=_("Choices"), min_num=2)
    kind = "profile"

    def clean(self, value):
        value = super().clean(value)
        texts = [(choice.get("text") or "").strip().casefold() for choice in value["choices"]]
        if len(set(texts)) != len(texts):
            raise StructBlockValidationError(
                block_errors={"choices": ErrorList([_("Two choices have the same text.")])}
            )
        return value

    class Meta:
        icon = "user"
        label = _("Self-test question")
        group = GROUP_PROFILE
        template = "blocks/question.html"
        description = _("Each choice adds points to one or more profiles; nothing is wrong.")
        preview_value = {
            "prompt": "<p>Kuinka pitkälle eteenpäin suunnittelet?</p>",
            "choices": [
                {"text": "Viikon", "points": [{"profile": "present", "points": 2}]},
                {"text": "Viisi vuotta", "points": [{"profile": "maker", "points": 2}]},
            ],
        }


class QuizQuestionsBlock(blocks.StreamBlock):
    """Graded question types for module and final quizzes, and self-test questions for
    profile quizzes such as the futurist test; the page checks the mix fits its mode."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    ordering = OrderingQuestionBlock()
    matching = MatchingQuestionBlock()
    profile = ProfileQuestionBlock()
