"""The quiz page a learner answers does not give the answers away: nothing in its HTML says
which choice is correct, what the feedback or explanation is, in which order the items go
or which option matches which term. Only editors can preview questions."""

import random
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from courses.models import QuizAttempt, QuizPage
from courses.quizzes import engine
from tests.conftest import quiz_answers, start_quiz, submit_quiz
from tests.factories import QuizPageFactory, graded_questions, ordering_question, quiz_uuid

# What a form control may carry: nothing else, and no data-* attributes anywhere.
CONTROL_ATTRIBUTES = {
    "input": {"type", "name", "value", "id", "checked"},
    "select": {"name", "id"},
    "option": {"value", "selected"},
    "label": {"for"},
}


class Tags(HTMLParser):
    """Every start tag with its attributes, and each <label>'s text in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.labels: list[tuple[str, str]] = []  # (for, text)
        self._label: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "label":
            self._label = attributes.get("for", "")
            self.labels.append((self._label, ""))

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            target, text = self.labels[-1]
            self.labels[-1] = (target, text + data)

    def form_controls(self, form_id: str = "quiz-form") -> list[tuple[str, dict]]:
        inside, controls = False, []
        for tag, attributes in self.tags:
            if tag == "form":
                inside = attributes.get("id") == form_id
            elif inside and tag in CONTROL_ATTRIBUTES:
                controls.append((tag, attributes))
        return controls


def secrets_of(raw_questions: list[dict]) -> list[str]:
    """Texts a learner must not see before submitting: feedback and explanations."""
    found = []
    for raw in raw_questions:
        value = raw["value"]
        found.append(re.sub(r"<[^>]+>", "", value["explanation"]))
        found += [choice["value"]["feedback"] for choice in value.get("choices", [])]
        found += [value[name] for name in ("feedback_true", "feedback_false") if name in value]
    return [text for text in found if text]


@pytest.fixture
def leak_quiz(course):
    return QuizPageFactory(parent=course.modules[0], shuffle_questions=True, shuffle_choices=True)


@pytest.fixture(params=["anonymous", "logged in"])
def taker(request, client, learner):
    if request.param == "logged in":
        client.force_login(learner)
    return client


@pytest.fixture(params=["fresh", "after an incomplete submission"])
def quiz_html(request, taker, leak_quiz) -> str:
    """The page with the open attempt, as first shown or re-shown with an error."""
    assert start_quiz(taker, leak_quiz).status_code == 302
    if request.param == "fresh":
        response = taker.get(leak_quiz.url)
        assert response.status_code == 200
    else:
        attempt = QuizAttempt.objects.get()
        data = quiz_answers(attempt, skip={quiz_uuid("truefalse")})
        response = submit_quiz(taker, leak_quiz, data)
        assert response.status_code == 400
    html = response.content.decode()
    assert 'id="quiz-form"' in html
    return html


def test_no_feedback_or_explanation_before_submitting(quiz_html):
    for text in secrets_of(graded_questions()):
        assert text not in quiz_html


def test_the_word_correct_appears_nowhere(quiz_html):
    assert "correct" not in quiz_html.lower()
    assert "oikea vastaus" not in quiz_html.lower()


def test_form_controls_carry_no_hints(quiz_html):
    controls = Tags(quiz_html).form_controls()
    assert controls
    for tag, attributes in controls:
        assert set(attributes) <= CONTROL_ATTRIBUTES[tag], (tag, attributes)
    for _tag, attributes in Tags(quiz_html).tags:
        assert not [name for name in attributes if name.startswith("data-")], attributes


def test_no_scripts_or_json_carry_the_questions(quiz_html):
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", quiz_html, flags=re.S)
    for script in scripts:
        assert quiz_uuid("single") not in script
        assert "correct" not in script.lower()
    assert 'type="application/json"' not in quiz_html


def test_choice_values_are_choice_ids_without_any_mark(quiz_html):
    choice_ids = {quiz_uuid(key, n) for key in ("single", "multiple") for n in range(4)}
    sent = [
        attributes["value"]
        for tag, attributes in Tags(quiz_html).form_controls()
        if tag == "input" and attributes.get("type") in ("radio", "checkbox")
    ]
    assert set(sent) - {"true", "false"} <= choice_ids
    assert len(sent) == 3 + 4 + 2


def test_nothing_is_preselected_on_a_fresh_page(taker, leak_quiz):
    start_quiz(taker, leak_quiz)
    controls = Tags(taker.get(leak_quiz.url).content.decode()).form_controls()
    assert not [a for _t, a in controls if "checked" in a or "selected" in a]


def test_ordering_items_are_not_shown_in_the_correct_order(quiz_html):
    items = ["Heikko signaali", "Trendi", "Megatrendi", "Murros"]
    prefix = engine.field_name(quiz_uuid("ordering"), "")
    shown = [text.strip() for target, text in Tags(quiz_html).labels if target.startswith(prefix)]
    assert sorted(shown) == sorted(items)
    assert shown != items


def test_matching_options_are_random_tokens_not_pair_ids(quiz_html):
    pair_ids = {quiz_uuid("matching", n) for n in range(3)}
    prefix = engine.field_name(quiz_uuid("matching"), "")
    selects, values, inside = 0, [], False
    for tag, attributes in Tags(quiz_html).form_controls():
        if tag == "select":
            inside = attributes["name"].startswith(prefix)
            selects += inside
        elif tag == "option" and inside and attributes["value"]:
            values.append(attributes["value"])
    assert selects == 3
    assert len(values) == 3 * 3
    assert not set(values) & pair_ids
    assert all(re.fullmatch(r"[0-9a-f]{12}", value) for value in values)


def test_each_attempt_gets_fresh_matching_tokens(learner_client, leak_quiz):
    tokens = []
    for _ in range(2):
        start_quiz(learner_client, leak_quiz)
        attempt = QuizAttempt.objects.get(submitted_at=None)
        tokens.append({token for spec in attempt.drawn for token, _pair in spec.get("rights", [])})
        assert submit_quiz(learner_client, leak_quiz, quiz_answers(attempt)).status_code == 302
    assert tokens[0] and not tokens[0] & tokens[1]


@pytest.mark.parametrize("seed", range(40))
def test_a_three_item_ordering_is_never_drawn_in_the_correct_order(seed):
    questions = QuizPage._meta.get_field("questions").stream_block.to_python(
        [ordering_question("o", ("Eilen", "Tänään", "Huomenna"))]
    )
    [spec] = engine.draw(
        questions,
        pool_size=0,
        shuffle_questions=False,
        shuffle_choices=False,
        rng=random.Random(seed),
    )
    assert spec["items"] != [quiz_uuid("o", n) for n in range(3)]


def test_no_questions_before_an_attempt_is_started(client, leak_quiz):
    html = client.get(leak_quiz.url).content.decode()
    assert 'id="quiz-form"' not in html
    assert "Väestön ikääntyminen" not in html


class TestEditorsOnly:
    """Block previews and page previews show the questions with their answers, so they are
    behind the Wagtail admin login."""

    def preview_urls(self, quiz) -> list[str]:
        stream_block = QuizPage._meta.get_field("questions").stream_block
        block = stream_block.child_blocks["single_choice"]
        return [
            reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}",
            reverse("wagtailadmin_pages:preview_on_edit", args=[quiz.id]),
            reverse("wagtailadmin_pages:edit", args=[quiz.id]),
        ]

    def test_anonymous_visitors_are_sent_to_log_in(self, client, leak_quiz):
        for url in self.preview_urls(leak_quiz):
            response = client.get(url)
            assert response.status_code == 302, url
            assert "login/?next=" in response["Location"], url

    def test_learners_without_admin_access_get_no_preview(self, learner_client, leak_quiz):
        for url in self.preview_urls(leak_quiz):
            response = learner_client.get(url)
            assert response.status_code in (302, 403), url
            assert "Väestön ikääntyminen" not in response.content.decode()
            assert "Palaute" not in response.content.decode()
