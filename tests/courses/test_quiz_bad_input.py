"""Bad quiz submissions are refused with a clear message next to the question at fault,
the learner's other answers stay on the page, nothing is graded or counted, and no input
whatsoever answers 500."""

import random
import uuid
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.http import QueryDict
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from courses.models import ProfileResultCount, QuizAttempt, QuizPage
from courses.quizzes import engine
from tests.conftest import attempt_url, fi, quiz_answers, quiz_url, start_quiz, submit_quiz
from tests.factories import QuizPageFactory, graded_questions, profile_question, quiz_uuid

SINGLE, MULTIPLE, TRUEFALSE, ORDERING, MATCHING = (
    quiz_uuid(key) for key in ("single", "multiple", "truefalse", "ordering", "matching")
)


def message(text: str, **values) -> str:
    with translation.override("fi"):
        translated = gettext(text)
    return escape(translated % values if values else translated)


class Answers(HTMLParser):
    """What the re-rendered form shows as answered: checked inputs and selected options."""

    def __init__(self, html: str):
        super().__init__()
        self.shown: dict[str, list[str]] = {}
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and "checked" in attributes:
            self.shown.setdefault(attributes["name"], []).append(attributes["value"])
        elif tag == "select":
            self._select = attributes["name"]
        elif tag == "option" and "selected" in attributes and attributes.get("value"):
            self.shown.setdefault(self._select, []).append(attributes["value"])


def as_lists(data: dict) -> dict[str, list[str]]:
    return {
        name: value if isinstance(value, list) else [value]
        for name, value in data.items()
        if name != "attempt"
    }


def fields_of(question_id: str, data: dict) -> set[str]:
    return {name for name in data if name.startswith(engine.field_name(question_id))}


@pytest.fixture
def attempt(learner_client, quiz) -> QuizAttempt:
    assert start_quiz(learner_client, quiz).status_code == 302
    return QuizAttempt.objects.get()


def nothing_graded() -> bool:
    return not QuizAttempt.objects.filter(submitted_at__isnull=False).exists()


# Each case: what the learner's browser (or someone tampering with it) sends, which
# question it is wrong for, and the message shown there.


def missing_single(data, attempt):
    del data[engine.field_name(SINGLE)]
    return SINGLE, message("Choose an answer.")


def missing_multiple(data, attempt):
    del data[engine.field_name(MULTIPLE)]
    return MULTIPLE, message("Choose at least one answer.")


def missing_truefalse(data, attempt):
    del data[engine.field_name(TRUEFALSE)]
    return TRUEFALSE, message("Choose an answer.")


def choice_of_another_question(data, attempt):
    data[engine.field_name(SINGLE)] = quiz_uuid("multiple", 0)
    return SINGLE, message("This answer is not one of the choices.")


def choice_of_another_quiz(data, attempt):
    data[engine.field_name(MULTIPLE)] = [quiz_uuid("multiple", 0), quiz_uuid("other-multiple", 1)]
    return MULTIPLE, message("This answer is not one of the choices.")


def repeated_choice(data, attempt):
    data[engine.field_name(MULTIPLE)] = [quiz_uuid("multiple", 0)] * 2
    return MULTIPLE, message("The same choice was sent twice.")


def unknown_choice(data, attempt):
    data[engine.field_name(SINGLE)] = str(uuid.uuid4())
    return SINGLE, message("This answer is not one of the choices.")


def overlong_choice(data, attempt):
    data[engine.field_name(SINGLE)] = quiz_uuid("single", 0) + "x" * 100
    return SINGLE, message("This answer is not one of the choices.")


def list_for_single(data, attempt):
    data[engine.field_name(SINGLE)] = [quiz_uuid("single", 0), quiz_uuid("single", 1)]
    return SINGLE, message("Choose only one answer.")


def neither_true_nor_false(data, attempt):
    data[engine.field_name(TRUEFALSE)] = "True"
    return TRUEFALSE, message("This answer is not one of the choices.")


def _ordering_field(n: int) -> str:
    return engine.field_name(ORDERING, quiz_uuid("ordering", n))


def non_digit_position(data, attempt):
    data[_ordering_field(0)] = "yksi"
    return ORDERING, message("Positions go from 1 to %(count)s.", count=4)


def non_ascii_digit_position(data, attempt):
    data[_ordering_field(0)] = "١"  # ARABIC-INDIC DIGIT ONE: isdigit(), but not a position
    return ORDERING, message("Positions go from 1 to %(count)s.", count=4)


def position_out_of_range(data, attempt):
    data[_ordering_field(1)] = "5"
    return ORDERING, message("Positions go from 1 to %(count)s.", count=4)


def position_zero(data, attempt):
    data[_ordering_field(1)] = "0"
    return ORDERING, message("Positions go from 1 to %(count)s.", count=4)


def duplicate_positions(data, attempt):
    data[_ordering_field(0)] = data[_ordering_field(1)]
    return ORDERING, message("Each position can be used only once.")


def two_positions_for_one_item(data, attempt):
    data[_ordering_field(0)] = ["1", "2"]
    return ORDERING, message("Give every item a position.")


def missing_position(data, attempt):
    data[_ordering_field(2)] = ""
    return ORDERING, message("Give every item a position.")


def _matching_field(n: int) -> str:
    return engine.field_name(MATCHING, quiz_uuid("matching", n))


def pair_id_instead_of_token(data, attempt):
    data[_matching_field(0)] = quiz_uuid("matching", 0)
    return MATCHING, message("This answer is not one of the choices.")


def token_of_another_attempt(data, attempt):
    data[_matching_field(0)] = "0123456789ab"
    return MATCHING, message("This answer is not one of the choices.")


def one_option_for_two_terms(data, attempt):
    data[_matching_field(1)] = data[_matching_field(0)]
    return MATCHING, message("Each option can be used only once.")


def unmatched_term(data, attempt):
    del data[_matching_field(2)]
    return MATCHING, message("Match every term.")


CASES = [
    missing_single,
    missing_multiple,
    missing_truefalse,
    choice_of_another_question,
    choice_of_another_quiz,
    repeated_choice,
    unknown_choice,
    overlong_choice,
    list_for_single,
    neither_true_nor_false,
    non_digit_position,
    non_ascii_digit_position,
    position_out_of_range,
    position_zero,
    duplicate_positions,
    two_positions_for_one_item,
    missing_position,
    pair_id_instead_of_token,
    token_of_another_attempt,
    one_option_for_two_terms,
    unmatched_term,
]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_a_bad_answer_is_refused_next_to_its_question(learner_client, quiz, attempt, case):
    data = quiz_answers(attempt)
    bad_question, text = case(data, attempt)

    response = submit_quiz(learner_client, quiz, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<p class="field-error" id="error-{bad_question}">{text}</p>' in html
    assert f'href="#question-{bad_question}"' in html  # linked from the error summary
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert attempt.score is None
    # Every other answer is still on the page, as the learner gave it.
    shown = Answers(html).shown
    for name, values in as_lists(data).items():
        if name not in fields_of(bad_question, data):
            assert shown.get(name) == values, name


def test_an_empty_submission_marks_every_question(learner_client, quiz, attempt):
    response = submit_quiz(learner_client, quiz, {"attempt": attempt.pk})
    assert response.status_code == 400
    html = response.content.decode()
    for question in (SINGLE, MULTIPLE, TRUEFALSE, ORDERING, MATCHING):
        assert f'id="error-{question}"' in html
    assert nothing_graded()


def test_answers_to_questions_of_another_quiz_are_refused(learner_client, quiz, attempt):
    data = quiz_answers(attempt)
    data[engine.field_name(quiz_uuid("other-single"))] = quiz_uuid("other-single", 0)
    response = submit_quiz(learner_client, quiz, data)
    assert response.status_code == 400
    assert message("The answers included questions that are not part of this attempt.") in (
        response.content.decode()
    )
    assert nothing_graded()


class TestQuestionsNotDrawn:
    """A quiz draws two of its five questions per attempt. The learner's browser also sends
    an answer to a question this attempt did not draw: the submission is refused."""

    def test_an_answer_to_an_undrawn_question_is_refused(self, learner_client, course):
        quiz = QuizPageFactory(parent=course.modules[0], pool_size=2)
        start_quiz(learner_client, quiz)
        attempt = QuizAttempt.objects.get()
        drawn = {spec["id"] for spec in attempt.drawn}
        assert len(drawn) == 2
        [undrawn, *_rest] = [q for q in (SINGLE, TRUEFALSE, MULTIPLE) if q not in drawn]
        data = quiz_answers(attempt)
        key = {SINGLE: "single", MULTIPLE: "multiple"}.get(undrawn)
        data[engine.field_name(undrawn)] = quiz_uuid(key, 0) if key else "true"
        response = submit_quiz(learner_client, quiz, data)
        assert response.status_code == 400
        assert message("The answers included questions that are not part of this attempt.") in (
            response.content.decode()
        )
        assert nothing_graded()

        # Without the stray answer the same submission is graded.
        del data[engine.field_name(undrawn)]
        assert submit_quiz(learner_client, quiz, data).status_code == 302
        attempt.refresh_from_db()
        assert attempt.score == 100


class TestNoOpenAttempt:
    """The learner has used the quiz's only attempt. Whatever they send after that, no new
    attempt is made and the graded one stays as it was."""

    @pytest.fixture
    def used_up(self, learner_client, course):
        quiz = QuizPageFactory(parent=course.modules[0], max_attempts=1)
        start_quiz(learner_client, quiz)
        attempt = QuizAttempt.objects.get()
        data = quiz_answers(attempt, wrong={SINGLE})
        assert submit_quiz(learner_client, quiz, data).status_code == 302
        attempt.refresh_from_db()
        return quiz, attempt

    def test_starting_again_is_refused(self, learner_client, used_up):
        quiz, attempt = used_up
        response = start_quiz(learner_client, quiz)
        assert response.status_code == 400
        assert fi("You have used all your attempts at this quiz.") in response.content.decode()
        assert QuizAttempt.objects.count() == 1

    @pytest.mark.parametrize("attempt_id", ["next", "", "abc", "-1", "1" * 30, "٣"])
    def test_a_submission_for_an_attempt_not_open_is_refused(
        self, learner_client, used_up, attempt_id
    ):
        quiz, attempt = used_up
        data = quiz_answers(attempt)
        data["attempt"] = str(attempt.pk + 1) if attempt_id == "next" else attempt_id
        response = submit_quiz(learner_client, quiz, data)
        assert response.status_code == 400
        assert message("This attempt is not open any more. Start a new attempt.") in (
            response.content.decode()
        )
        assert QuizAttempt.objects.count() == 1
        assert QuizAttempt.objects.get().score == attempt.score

    def test_resubmitting_the_graded_attempt_changes_nothing(self, learner_client, used_up):
        quiz, attempt = used_up
        response = submit_quiz(learner_client, quiz, quiz_answers(attempt))
        assert response.status_code == 302
        assert response["Location"] == attempt_url(attempt)
        assert QuizAttempt.objects.get().score == attempt.score == 80


class TestSomeoneElsesAttempt:
    """Learner A sends answers naming learner B's open attempt: refused, and B's attempt
    stays open and unanswered."""

    def test_it_is_refused_and_changes_nothing(self, learner_client, quiz):
        other = Client()
        from tests.factories import UserFactory

        other.force_login(UserFactory())
        start_quiz(other, quiz)
        theirs = QuizAttempt.objects.get()

        response = submit_quiz(learner_client, quiz, quiz_answers(theirs))
        assert response.status_code in (400, 404)
        theirs.refresh_from_db()
        assert not theirs.is_submitted
        assert theirs.answers is None
        assert QuizAttempt.objects.count() == 1

    def test_an_anonymous_visitor_cannot_submit_it_either(self, client, learner, quiz):
        owner = Client()
        owner.force_login(learner)
        start_quiz(owner, quiz)
        theirs = QuizAttempt.objects.get()
        client.get(quiz.url)
        start_quiz(client, quiz)  # the visitor has an attempt of their own
        response = submit_quiz(client, quiz, quiz_answers(theirs))
        assert response.status_code in (400, 404)
        theirs.refresh_from_db()
        assert not theirs.is_submitted


class TestOversizedPayload:
    """A submission larger than QUIZ_MAX_PAYLOAD is not read: 400 with a message."""

    def test_graded_quiz(self, learner_client, quiz, attempt):
        data = quiz_answers(attempt)
        data["padding"] = "x" * (settings.QUIZ_MAX_PAYLOAD + 1)
        response = submit_quiz(learner_client, quiz, data)
        assert response.status_code == 400
        assert message("The answers sent were too large to read.") in response.content.decode()
        assert nothing_graded()

    def test_self_test(self, client, course):
        self_test = QuizPageFactory(
            parent=course.modules[0],
            mode=QuizPage.Mode.PROFILE,
            required=False,
            questions=[profile_question("p", [("A", {"a": 1}), ("B", {"b": 1})])],
            profiles=[{"key": "a", "name": "A"}, {"key": "b", "name": "B"}],
        )
        data = {
            engine.field_name(quiz_uuid("p")): quiz_uuid("p", 0),
            "padding": "x" * (settings.QUIZ_MAX_PAYLOAD + 1),
        }
        response = client.post(quiz_url("profile_submit", self_test), data)
        assert response.status_code == 400
        assert message("The answers sent were too large to read.") in response.content.decode()
        assert not ProfileResultCount.objects.exists()


class TestUnpublishedQuiz:
    def test_start_and_submit_are_404(self, learner_client, quiz, attempt):
        data = quiz_answers(attempt)
        QuizPage.objects.get(pk=quiz.pk).unpublish()
        assert start_quiz(learner_client, quiz).status_code == 404
        assert submit_quiz(learner_client, quiz, data).status_code == 404
        assert nothing_graded()
        assert QuizAttempt.objects.count() == 1

    def test_unknown_quiz_is_404(self, learner_client, course):
        assert start_quiz(learner_client, 987654).status_code == 404
        assert submit_quiz(learner_client, 987654, {"attempt": "1"}).status_code == 404


@pytest.mark.parametrize("name", ["quiz_start", "quiz_submit", "profile_submit"])
def test_get_is_405(learner_client, quiz, name):
    response = learner_client.get(quiz_url(name, quiz))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert not QuizAttempt.objects.exists()


class TestCsrf:
    """Starting and submitting are POSTs that need the CSRF token the quiz page gave."""

    def test_start_without_token_is_403(self, learner, quiz):
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        assert start_quiz(client, quiz).status_code == 403
        assert not QuizAttempt.objects.exists()

    def test_submit_without_token_is_403(self, learner, quiz, learner_client, attempt):
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        assert submit_quiz(client, quiz, quiz_answers(attempt)).status_code == 403
        assert nothing_graded()


# Generated payloads -------------------------------------------------------------------

QUESTIONS = QuizPage._meta.get_field("questions").stream_block.to_python(
    [*graded_questions(), *graded_questions("extra-")]
)
DRAWN = engine.draw(
    QUESTIONS, pool_size=6, shuffle_questions=True, shuffle_choices=True, rng=random.Random(7)
)


def all_field_names() -> list[str]:
    names = []
    for spec in engine.draw(QUESTIONS, pool_size=0, shuffle_questions=False, shuffle_choices=False):
        names.append(engine.field_name(spec["id"]))
        for part in spec.get("items", []) + spec.get("lefts", []):
            names.append(engine.field_name(spec["id"], part))
    return names


def all_values() -> list[str]:
    values = ["true", "false", "1", "2", "3", "4", "0", "5", "", "0123456789ab"]
    for raw in [*graded_questions(), *graded_questions("extra-")]:
        for kind in ("choices", "items", "pairs"):
            values += [item["id"] for item in raw["value"].get(kind, [])]
    values += [token for spec in DRAWN for token, _pair in spec.get("rights", [])]
    return values


NAMES = st.one_of(
    st.sampled_from(all_field_names()),
    st.text(max_size=20).map(lambda text: f"q-{text}"),
    st.text(max_size=10),
)
VALUES = st.one_of(
    st.sampled_from(all_values()),
    st.integers(min_value=-2, max_value=12).map(str),
    st.text(max_size=70),
)
PAYLOADS = st.dictionaries(NAMES, st.lists(VALUES, max_size=3), max_size=14)


def valid_payload() -> dict[str, list[str]]:
    """Right answers to every drawn question (the shape a normal browser sends)."""
    blocks = engine.question_map(QUESTIONS)
    payload: dict[str, list[str]] = {}
    for spec in DRAWN:
        qid, value = spec["id"], blocks[spec["id"]].value
        if spec["kind"] in ("single", "multiple"):
            payload[engine.field_name(qid)] = [
                c.id for c in value["choices"].bound_blocks if c.value["correct"]
            ]
        elif spec["kind"] == "truefalse":
            payload[engine.field_name(qid)] = [value["correct_answer"]]
        elif spec["kind"] == "ordering":
            for position, item in enumerate(value["items"].bound_blocks, start=1):
                payload[engine.field_name(qid, item.id)] = [str(position)]
        elif spec["kind"] == "matching":
            token_of = {pair: token for token, pair in spec["rights"]}
            for pair in spec["lefts"]:
                payload[engine.field_name(qid, pair)] = [token_of[pair]]
    return payload


def query_dict(payload: dict[str, list[str]]) -> QueryDict:
    post = QueryDict(mutable=True)
    for name, values in payload.items():
        post.setlist(name, values)
    return post


def check_well_formed(parsed: engine.ParsedAnswers) -> None:
    """A valid parse answers exactly the drawn questions, each with a value it offered."""
    specs = {spec["id"]: spec for spec in DRAWN}
    assert set(parsed.answers) == set(specs)
    for qid, answer in parsed.answers.items():
        spec = specs[qid]
        if spec["kind"] == "single":
            assert answer in spec["choices"]
        elif spec["kind"] == "multiple":
            assert answer and len(set(answer)) == len(answer)
            assert set(answer) <= set(spec["choices"])
        elif spec["kind"] == "truefalse":
            assert answer in ("true", "false")
        elif spec["kind"] == "ordering":
            assert sorted(answer) == sorted(spec["items"])
        elif spec["kind"] == "matching":
            assert set(answer) == set(spec["lefts"])
            assert sorted(answer.values()) == sorted(spec["lefts"])


def test_the_valid_payload_is_valid():
    parsed = engine.parse_answers(query_dict(valid_payload()), DRAWN, QUESTIONS)
    assert parsed.is_valid, (parsed.errors, parsed.form_errors)
    check_well_formed(parsed)


@hsettings(max_examples=300, deadline=None)
@given(
    payload=st.one_of(
        PAYLOADS,
        # A right answer sheet with some fields dropped and some replaced or added.
        st.builds(
            lambda drop, extra: {
                **{k: v for k, v in valid_payload().items() if k not in drop},
                **extra,
            },
            st.sets(st.sampled_from(sorted(valid_payload())), max_size=3),
            PAYLOADS,
        ),
    )
)
def test_parse_answers_never_raises_and_never_lets_junk_through(payload):
    parsed = engine.parse_answers(query_dict(payload), DRAWN, QUESTIONS)
    if parsed.is_valid:
        check_well_formed(parsed)
    else:
        assert parsed.errors or parsed.form_errors
        assert set(parsed.errors) <= {spec["id"] for spec in DRAWN}


@hsettings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_submit_view_answers_302_or_400_to_anything(learner_client, learner, quiz, data):
    start_quiz(learner_client, quiz)  # the open attempt, or a new one after a graded one
    attempt = QuizAttempt.objects.get(user=learner, submitted_at=None)
    graded_before = QuizAttempt.objects.filter(submitted_at__isnull=False).count()
    right = as_lists(quiz_answers(attempt))
    names = st.one_of(st.sampled_from(sorted(right)), NAMES)
    values = st.one_of(st.sampled_from(sorted({v for vs in right.values() for v in vs})), VALUES)
    drop = data.draw(st.sets(st.sampled_from(sorted(right)), max_size=3))
    extra = data.draw(st.dictionaries(names, st.lists(values, max_size=3), max_size=6))
    payload = {**{k: v for k, v in right.items() if k not in drop}, **extra}
    payload["attempt"] = data.draw(
        st.one_of(st.just([str(attempt.pk)]), st.lists(VALUES, max_size=2))
    )

    response = learner_client.post(quiz_url("quiz_submit", quiz), payload)

    assert response.status_code in (302, 400)
    attempt.refresh_from_db()
    graded_now = QuizAttempt.objects.filter(submitted_at__isnull=False).count()
    if response.status_code == 400:
        assert not attempt.is_submitted
        assert graded_now == graded_before
    else:
        # Graded now, or an earlier graded attempt named: its result, unchanged.
        graded = QuizAttempt.objects.filter(user=learner, submitted_at__isnull=False)
        assert response["Location"] in {attempt_url(a) for a in graded}
        assert graded_now == graded_before + attempt.is_submitted
        assert attempt.is_submitted is (response["Location"] == attempt_url(attempt))
