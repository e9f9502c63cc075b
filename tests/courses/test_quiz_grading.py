"""Every question type is graded as the editor set it up: all-or-nothing or with partial
credit, and a learner whose score equals the pass mark passes."""

import pytest
from django.http import QueryDict

from courses.models import QuizPage
from courses.quizzes import engine
from tests.factories import (
    choice_question,
    graded_questions,
    matching_question,
    ordering_question,
    quiz_uuid,
    true_false_question,
)

FIVE_CHOICES = (  # three of five are correct
    ("Poliittiset tekijät", True, "Palaute P."),
    ("Taloudelliset tekijät", True, "Palaute E."),
    ("Sosiaaliset tekijät", True, ""),
    ("Tuotteen hinta", False, "Palaute hinta."),
    ("Kilpailijan logo", False, ""),
)


def stream(*raw):
    return QuizPage._meta.get_field("questions").stream_block.to_python(list(raw))


def grade_one(raw: dict, answer, *, partial: bool = True) -> engine.QuestionResult:
    questions = stream(raw)
    [spec] = engine.draw(questions, pool_size=0, shuffle_questions=False, shuffle_choices=False)
    return engine.grade_question(questions[0], spec, answer, partial_credit=partial)


def ids(key: str, *numbers: int) -> list[str]:
    return [quiz_uuid(key, n) for n in numbers]


class TestSingleChoice:
    def test_the_correct_choice_gets_full_credit_and_its_feedback(self):
        result = grade_one(choice_question("s"), quiz_uuid("s", 0))
        assert (result.credit, result.correct) == (1.0, True)
        assert result.feedback == ["Palaute oikea valinta."]

    def test_a_wrong_choice_gets_nothing_and_its_own_feedback(self):
        result = grade_one(choice_question("s"), quiz_uuid("s", 2))
        assert (result.credit, result.correct) == (0.0, False)
        assert result.feedback == ["Palaute pörssikurssi."]

    def test_the_correct_choice_need_not_be_the_first(self):
        raw = choice_question("s", (("A", False), ("B", False), ("C", True)))
        assert grade_one(raw, quiz_uuid("s", 2)).correct
        assert not grade_one(raw, quiz_uuid("s", 0)).correct


class TestMultipleChoice:
    raw = choice_question("m", FIVE_CHOICES, multiple=True)

    @pytest.mark.parametrize(
        ("picked", "credit"),
        [
            ((0, 1, 2), 1.0),
            ((0, 1), 2 / 3),  # two of three right, none wrong
            ((2,), 1 / 3),
            ((0, 1, 2, 3), 2 / 3),  # (3 right - 1 wrong) / 3
            ((0, 1, 3), 1 / 3),  # (2 - 1) / 3
            ((0, 3), 0.0),  # (1 - 1) / 3
            ((0, 3, 4), 0.0),  # (1 - 2) / 3 is below zero: no negative credit
            ((3, 4), 0.0),
            ((0, 1, 2, 3, 4), 1 / 3),  # ticking everything does not pay
        ],
    )
    def test_partial_credit_is_right_minus_wrong_over_correct(self, picked, credit):
        result = grade_one(self.raw, ids("m", *picked), partial=True)
        assert result.credit == pytest.approx(credit)
        assert result.correct is (credit == 1.0)

    @pytest.mark.parametrize(
        ("picked", "credit"),
        [((0, 1, 2), 1.0), ((0, 1), 0.0), ((0, 1, 2, 3), 0.0), ((3,), 0.0)],
    )
    def test_all_or_nothing_needs_exactly_the_correct_set(self, picked, credit):
        assert grade_one(self.raw, ids("m", *picked), partial=False).credit == credit

    def test_feedback_of_every_picked_choice_is_shown(self):
        result = grade_one(self.raw, ids("m", 0, 3))
        assert result.feedback == ["Palaute P.", "Palaute hinta."]


class TestTrueFalse:
    @pytest.mark.parametrize(
        ("correct", "answer", "right", "feedback"),
        [
            ("false", "false", True, "Palaute epätosi."),
            ("false", "true", False, "Palaute tosi."),
            ("true", "true", True, "Palaute tosi."),
            ("true", "false", False, "Palaute epätosi."),
        ],
    )
    def test_graded_against_the_correct_answer(self, correct, answer, right, feedback):
        result = grade_one(true_false_question("t", correct), answer)
        assert result.correct is right
        assert result.credit == (1.0 if right else 0.0)
        assert result.feedback == [feedback]


class TestOrdering:
    raw = ordering_question("o")  # four items, authored in the correct order

    @pytest.mark.parametrize(
        ("order", "partial_credit"),
        [
            ((0, 1, 2, 3), 1.0),
            ((0, 1, 3, 2), 0.5),  # the first two are in place
            ((1, 0, 2, 3), 0.5),  # the last two are in place
            ((0, 2, 1, 3), 0.5),
            ((3, 1, 2, 0), 0.5),
            ((1, 2, 3, 0), 0.0),  # every item one off
            ((3, 2, 1, 0), 0.0),
        ],
    )
    def test_partial_credit_is_the_share_of_items_in_place(self, order, partial_credit):
        answer = ids("o", *order)
        assert grade_one(self.raw, answer, partial=True).credit == partial_credit
        assert grade_one(self.raw, answer, partial=False).credit == (
            1.0 if partial_credit == 1.0 else 0.0
        )

    def test_positions_sent_by_the_form_become_the_order(self):
        questions = stream(self.raw)
        drawn = engine.draw(questions, pool_size=0, shuffle_questions=False, shuffle_choices=False)
        post = QueryDict(mutable=True)
        qid = quiz_uuid("o")
        # The learner swaps the last two: positions 1, 2, 4, 3.
        for item, position in zip(ids("o", 0, 1, 2, 3), "1243", strict=True):
            post[engine.field_name(qid, item)] = position
        parsed = engine.parse_answers(post, drawn, questions)
        assert parsed.is_valid, (parsed.errors, parsed.form_errors)
        assert parsed.answers[qid] == ids("o", 0, 1, 3, 2)
        graded = engine.grade(questions, drawn, parsed.answers, pass_mark=50, partial_credit=True)
        assert graded.score == 50.0
        assert graded.passed


class TestMatching:
    raw = matching_question("p")  # three pairs

    @pytest.mark.parametrize(
        ("matches", "partial_credit"),
        [
            ({0: 0, 1: 1, 2: 2}, 1.0),
            ({0: 0, 1: 2, 2: 1}, 1 / 3),
            ({0: 1, 1: 2, 2: 0}, 0.0),
            ({0: 0, 1: 1}, 2 / 3),  # one term left unmatched
        ],
    )
    def test_partial_credit_is_the_share_of_terms_matched(self, matches, partial_credit):
        answer = {quiz_uuid("p", left): quiz_uuid("p", right) for left, right in matches.items()}
        assert grade_one(self.raw, answer, partial=True).credit == pytest.approx(partial_credit)
        assert grade_one(self.raw, answer, partial=False).credit == (
            1.0 if partial_credit == 1.0 else 0.0
        )

    def test_the_form_sends_tokens_that_map_back_to_pairs(self):
        questions = stream(self.raw)
        drawn = engine.draw(questions, pool_size=0, shuffle_questions=False, shuffle_choices=False)
        token_of = {pair: token for token, pair in drawn[0]["rights"]}
        qid = quiz_uuid("p")
        post = QueryDict(mutable=True)
        for left, right in [(0, 0), (1, 2), (2, 1)]:
            post[engine.field_name(qid, quiz_uuid("p", left))] = token_of[quiz_uuid("p", right)]
        parsed = engine.parse_answers(post, drawn, questions)
        assert parsed.is_valid
        answer = parsed.answers[qid]
        result = engine.grade_question(questions[0], drawn[0], answer, partial_credit=True)
        assert result.credit == pytest.approx(1 / 3)


class TestScoreAndPassMark:
    """A five-question quiz, one question of each type: each question is 20 %."""

    questions = stream(*graded_questions())

    def grade(self, wrong: set[str], pass_mark: int, partial: bool = True) -> engine.Grade:
        drawn = engine.draw(
            self.questions, pool_size=0, shuffle_questions=False, shuffle_choices=False
        )
        answers = {
            quiz_uuid("single"): quiz_uuid("single", 1 if "single" in wrong else 0),
            quiz_uuid("multiple"): ids("multiple", *((0,) if "multiple" in wrong else (0, 1))),
            quiz_uuid("truefalse"): "true" if "truefalse" in wrong else "false",
            quiz_uuid("ordering"): ids(
                "ordering", *((1, 0, 2, 3) if "ordering" in wrong else (0, 1, 2, 3))
            ),
            quiz_uuid("matching"): {
                quiz_uuid("matching", n): quiz_uuid("matching", n) for n in range(3)
            },
        }
        return engine.grade(
            self.questions, drawn, answers, pass_mark=pass_mark, partial_credit=partial
        )

    def test_all_right_is_100_percent(self):
        graded = self.grade(set(), pass_mark=100)
        assert (graded.score, graded.passed) == (100.0, True)
        assert all(result.correct for result in graded.results)

    def test_a_score_equal_to_the_pass_mark_passes(self):
        graded = self.grade({"single"}, pass_mark=80)
        assert (graded.score, graded.passed) == (80.0, True)

    def test_a_score_just_below_the_pass_mark_fails(self):
        graded = self.grade({"single"}, pass_mark=81)
        assert (graded.score, graded.passed) == (80.0, False)

    def test_partial_credit_counts_towards_the_score(self):
        # multiple: one of two right (0.5); ordering: two of four in place (0.5)
        graded = self.grade({"multiple", "ordering"}, pass_mark=80)
        assert (graded.score, graded.passed) == (80.0, True)
        all_or_nothing = self.grade({"multiple", "ordering"}, pass_mark=80, partial=False)
        assert (all_or_nothing.score, all_or_nothing.passed) == (60.0, False)

    def test_score_is_a_percentage_rounded_to_two_decimals(self):
        questions = stream(choice_question("a"), choice_question("b"), choice_question("c"))
        drawn = engine.draw(questions, pool_size=0, shuffle_questions=False, shuffle_choices=False)
        answers = {
            quiz_uuid("a"): quiz_uuid("a", 0),
            quiz_uuid("b"): quiz_uuid("b", 0),
            quiz_uuid("c"): quiz_uuid("c", 1),
        }
        graded = engine.grade(questions, drawn, answers, pass_mark=67, partial_credit=True)
        assert graded.score == 66.67
        assert not graded.passed

    def test_only_the_drawn_questions_count(self):
        drawn = engine.draw(
            self.questions, pool_size=2, shuffle_questions=False, shuffle_choices=False
        )
        assert len(drawn) == 2
        graded = engine.grade(self.questions, drawn, {}, pass_mark=0, partial_credit=True)
        assert len(graded.results) == 2
        assert graded.score == 0.0
