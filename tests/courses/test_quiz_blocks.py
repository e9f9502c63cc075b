"""Editors cannot publish a question a learner could not answer, nor a quiz whose settings
do not fit its questions: the editor sees a validation error on the field at fault."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.models import QuizPage
from courses.quizzes.questions.choice import (
    MultipleChoiceQuestionBlock,
    SingleChoiceQuestionBlock,
)
from courses.quizzes.questions.matching import MatchingQuestionBlock
from courses.quizzes.questions.ordering import OrderingQuestionBlock
from courses.quizzes.questions.profile import ProfileQuestionBlock
from tests.factories import (
    QuizPageFactory,
    choice_question,
    graded_questions,
    matching_question,
    ordering_question,
    profile_question,
)


@pytest.fixture(autouse=True)
def _english():
    """The editor in these tests uses the admin in English."""
    with translation.override("en"):
        yield


def clean(block, raw: dict):
    return block.clean(block.to_python(raw["value"]))


def refused(block, raw: dict) -> dict:
    with pytest.raises(StructBlockValidationError) as caught:
        clean(block, raw)
    return {name: list(error.messages) for name, error in caught.value.block_errors.items()}


class TestChoiceQuestions:
    def test_a_well_formed_question_is_valid(self):
        assert clean(SingleChoiceQuestionBlock(), choice_question())
        multiple = choice_question(choices=(("A", True), ("B", True), ("C", False)))
        assert clean(MultipleChoiceQuestionBlock(), multiple)

    @pytest.mark.parametrize("block", [SingleChoiceQuestionBlock(), MultipleChoiceQuestionBlock()])
    def test_a_question_without_a_correct_answer_is_refused(self, block):
        errors = refused(block, choice_question(choices=(("A", False), ("B", False))))
        assert errors == {"choices": ["Mark at least one choice correct."]}

    def test_a_single_choice_question_with_two_correct_is_refused(self):
        raw = choice_question(choices=(("A", True), ("B", True), ("C", False)))
        errors = refused(SingleChoiceQuestionBlock(), raw)
        assert errors == {"choices": ["A single-choice question has exactly one correct choice."]}

    @pytest.mark.parametrize("block", [SingleChoiceQuestionBlock(), MultipleChoiceQuestionBlock()])
    def test_fewer_than_two_choices_are_refused(self, block):
        errors = refused(block, choice_question(choices=(("Ainoa", True),)))
        assert set(errors) == {"choices"}

    @pytest.mark.parametrize("block", [SingleChoiceQuestionBlock(), MultipleChoiceQuestionBlock()])
    def test_duplicate_choices_are_refused(self, block):
        raw = choice_question(choices=(("Trendi", True), (" trendi ", False), ("Muu", False)))
        assert refused(block, raw) == {"choices": ["Two choices have the same text."]}

    def test_an_image_needs_alternative_text(self, db):
        from tests.factories import ImageFactory

        raw = choice_question()
        raw["value"]["image"] = ImageFactory().id
        assert set(refused(SingleChoiceQuestionBlock(), raw)) == {"image_alt"}
        raw["value"]["image_alt"] = "Tulevaisuuskartio"
        assert clean(SingleChoiceQuestionBlock(), raw)


class TestOrderingAndMatching:
    def test_duplicate_ordering_items_are_refused(self):
        errors = refused(OrderingQuestionBlock(), ordering_question(items=("A", "B", "a")))
        assert errors == {"items": ["Two items have the same text."]}

    @pytest.mark.parametrize("side", [0, 1])
    def test_a_matching_pair_with_an_empty_side_is_refused(self, side):
        pair = ["Megatrendi", "Laaja muutos"]
        pair[side] = "  "
        raw = matching_question(pairs=(tuple(pair), ("Heikko signaali", "Varhainen merkki")))
        assert set(refused(MatchingQuestionBlock(), raw)) == {"pairs"}

    def test_a_single_matching_pair_is_refused(self):
        raw = matching_question(pairs=(("Megatrendi", "Laaja muutos"),))
        assert set(refused(MatchingQuestionBlock(), raw)) == {"pairs"}

    def test_duplicate_matching_sides_are_refused(self):
        raw = matching_question(pairs=(("A", "Sama"), ("B", "sama")))
        assert refused(MatchingQuestionBlock(), raw) == {
            "pairs": ["Two pairs have the same text on one side."]
        }

    def test_duplicate_profile_choices_are_refused(self):
        raw = profile_question("x", [("Viikon", {"a": 1}), ("viikon", {"b": 1})])
        assert refused(ProfileQuestionBlock(), raw) == {
            "choices": ["Two choices have the same text."]
        }


class TestQuizPageClean:
    def test_a_self_test_with_unknown_profile_keys_is_refused(self, course):
        quiz = QuizPageFactory(
            parent=course.modules[0],
            mode=QuizPage.Mode.PROFILE,
            required=False,
            questions=[profile_question("x", [("A", {"maker": 2}), ("B", {"maker": 1})])],
            profiles=[{"key": "maker", "name": "Tekijä"}],
        )
        quiz.questions = [
            profile_question("x", [("A", {"maker": 2}), ("B", {"dreamer": 1, "doer": 1})])
        ]
        with pytest.raises(ValidationError) as caught:
            quiz.clean()
        assert caught.value.message_dict == {"questions": ["Unknown profile keys: doer, dreamer"]}

    def test_a_self_test_with_known_keys_is_valid(self, course):
        quiz = QuizPageFactory(
            parent=course.modules[0],
            mode=QuizPage.Mode.PROFILE,
            required=False,
            questions=[profile_question("x", [("A", {"maker": 2}), ("B", {"dreamer": 1})])],
            profiles=[{"key": "maker", "name": "Tekijä"}, {"key": "dreamer", "name": "Unelmoija"}],
        )
        quiz.clean()

    def test_a_pool_larger_than_the_questions_is_refused(self, course):
        quiz = QuizPageFactory(parent=course.modules[0], questions=graded_questions())
        quiz.pool_size = 6
        with pytest.raises(ValidationError) as caught:
            quiz.clean()
        assert caught.value.message_dict == {"pool_size": ["The quiz has only 5 questions."]}
        quiz.pool_size = 5
        quiz.clean()

    def test_a_graded_quiz_cannot_have_self_test_questions(self, course):
        quiz = QuizPageFactory(parent=course.modules[0])
        quiz.questions = [
            *graded_questions(),
            profile_question("x", [("A", {"a": 1}), ("B", {"a": 2})]),
        ]
        with pytest.raises(ValidationError) as caught:
            quiz.clean()
        assert "questions" in caught.value.message_dict
