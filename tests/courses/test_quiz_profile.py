"""The self-test (like the futurist test): answers add points to profiles, the best-scoring
profile is the result, a tie is a mix; the result page has a shareable address naming only
the profiles, and all that is kept of a taker is one more in the result's count."""

import re

import pytest
from django.http import Http404
from django.test import Client

from courses.models import ProfileResultCount, QuizAttempt, QuizPage
from courses.quizzes import engine
from courses.quizzes.pages import PROFILE_SEPARATOR
from tests.conftest import fi, quiz_url
from tests.factories import QuizPageFactory, profile_question, quiz_uuid

KEYS = ["maker", "dreamer", "present"]  # in the editor's order


def mix(*keys: str) -> str:
    """A result key naming several profiles, as in the result page's address."""
    return PROFILE_SEPARATOR.join(keys)


def questions() -> list[dict]:
    return [
        profile_question(
            "horizon",
            [
                ("Viikon", {"present": 2}),
                ("Viisi vuotta", {"maker": 2}),
                ("Kymmenen vuotta", {"dreamer": 2}),
            ],
        ),
        profile_question(
            "style",
            [("Teen heti", {"maker": 1, "present": 1}), ("Kuvittelen", {"dreamer": 1})],
        ),
    ]


@pytest.fixture
def self_test(course):
    module = course.modules[1]
    return QuizPageFactory(
        parent=course.course,
        mode=QuizPage.Mode.PROFILE,
        required=False,
        questions=questions(),
        profiles=[
            {
                "key": "maker",
                "name": "Tekijä",
                "description": "<p>Kuvaus tekijä.</p>",
                "recommended_module": module,
            },
            {"key": "dreamer", "name": "Unelmoija", "description": "<p>Kuvaus unelmoija.</p>"},
            {"key": "present", "name": "Hetkessä eläjä", "description": "<p>Kuvaus hetki.</p>"},
        ],
    )


def answers(horizon: int, style: int) -> dict:
    return {
        engine.field_name(quiz_uuid("horizon")): quiz_uuid("horizon", horizon),
        engine.field_name(quiz_uuid("style")): quiz_uuid("style", style),
    }


def stream():
    return QuizPage._meta.get_field("questions").stream_block.to_python(questions())


class TestScoring:
    def test_points_add_up_per_profile(self):
        picked = {
            quiz_uuid("horizon"): quiz_uuid("horizon", 1),
            quiz_uuid("style"): quiz_uuid("style", 0),
        }
        scores = engine.profile_scores(stream(), picked)
        assert scores == {"maker": 3, "present": 1}

    def test_unanswered_questions_add_nothing(self):
        assert engine.profile_scores(stream(), {}) == {}

    def test_the_best_profile_wins(self):
        assert engine.top_profiles({"maker": 3, "present": 1}, KEYS) == ["maker"]

    def test_a_tie_gives_every_tied_profile_in_the_editors_order(self):
        scores = {"present": 2, "dreamer": 2, "maker": 1}
        assert engine.top_profiles(scores, KEYS) == ["dreamer", "present"]
        assert engine.top_profiles({"present": 1, "dreamer": 1, "maker": 1}, KEYS) == KEYS

    def test_keys_that_are_not_profiles_are_ignored(self):
        assert engine.top_profiles({"ghost": 9, "dreamer": 1}, KEYS) == ["dreamer"]
        assert engine.top_profiles({}, KEYS) == []


class TestTakingTheSelfTest:
    """A visitor without an account answers the self-test. They land on a result page whose
    address names their profile and nothing else; the result's count goes up by one and no
    attempt or answer of theirs is stored."""

    def test_the_result_page_has_a_shareable_address(self, client, self_test, course):
        response = client.post(quiz_url("profile_submit", self_test), answers(1, 0))
        assert response.status_code == 302
        location = response["Location"]
        assert location == f"{self_test.url}result/maker/"

        page = client.get(location)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Tekijä" in html and "Kuvaus tekijä." in html
        assert "Unelmoija" not in html
        module = course.modules[1]
        link = rf'href="{re.escape(module.url)}"[^>]*>[^<]*{re.escape(module.title)}'
        assert re.search(link, html)
        assert f'value="http://testserver{location}"' in html

    def test_only_an_aggregate_count_is_kept(self, client, learner, self_test):
        client.post(quiz_url("profile_submit", self_test), answers(1, 0))
        client.post(quiz_url("profile_submit", self_test), answers(1, 1))  # maker 2, dreamer 1
        logged_in = Client()
        logged_in.force_login(learner)
        logged_in.post(quiz_url("profile_submit", self_test), answers(0, 1))  # present
        counts = dict(
            ProfileResultCount.objects.filter(quiz=self_test).values_list("result", "count")
        )
        assert counts == {"maker": 2, "present": 1}
        assert not QuizAttempt.objects.exists()
        session = client.session.get("learning") or {}
        assert not session.get("token")

    def test_the_address_names_profiles_only(self, client, self_test, learner):
        location = client.post(quiz_url("profile_submit", self_test), answers(2, 0))["Location"]
        tail = location.removeprefix(self_test.url)
        sep = re.escape(PROFILE_SEPARATOR)
        assert re.fullmatch(rf"result/[a-z]+({sep}[a-z]+)*/", tail), location
        for secret in (quiz_uuid("horizon"), quiz_uuid("horizon", 2), str(self_test.id)):
            assert secret not in location

    def test_a_tie_shows_the_mix(self, client, self_test, course):
        tie = QuizPageFactory(
            parent=self_test.get_parent(),
            mode=QuizPage.Mode.PROFILE,
            required=False,
            questions=[
                profile_question(
                    "t",
                    [("Molemmat", {"dreamer": 2, "maker": 2}), ("Hetki", {"present": 1})],
                )
            ],
            profiles=[
                {"key": "maker", "name": "Tekijä", "recommended_module": course.modules[0]},
                {"key": "dreamer", "name": "Unelmoija"},
                {"key": "present", "name": "Hetkessä eläjä"},
            ],
        )
        data = {engine.field_name(quiz_uuid("t")): quiz_uuid("t", 0)}
        response = client.post(quiz_url("profile_submit", tie), data)
        assert response["Location"] == f"{tie.url}result/{mix('maker', 'dreamer')}/"
        page = client.get(response["Location"])
        assert page.status_code == 200, "the shareable address of a mix is not found"
        html = page.content.decode()
        assert fi("Your result is a mix") in html
        assert html.index("Tekijä</h2>") < html.index("Unelmoija</h2>")
        assert "Hetkessä eläjä" not in html
        assert f'href="{course.modules[0].url}"' in html
        assert ProfileResultCount.objects.get(quiz=tie).result == mix("maker", "dreamer")

    @pytest.mark.parametrize(
        "keys",
        [("maker", "dreamer"), ("future-maker", "day_dreamer"), ("maker-", "dreamer"), ("a", "-b")],
        ids=["plain", "hyphen-and-underscore", "trailing-hyphen", "leading-hyphen"],
    )
    def test_every_tie_an_editor_can_save_has_a_result_page(self, client, course, keys):
        """Profile keys are slugs: whatever keys the editor may save, a tie between them
        leads to a page showing both."""
        first, second = keys
        tie = QuizPageFactory(
            parent=course.modules[0],
            mode=QuizPage.Mode.PROFILE,
            required=False,
            questions=[profile_question("t", [("Molemmat", {first: 1, second: 1})])],
            profiles=[{"key": first, "name": "Ensimmäinen"}, {"key": second, "name": "Toinen"}],
        )
        tie.clean()  # the editor could publish it
        data = {engine.field_name(quiz_uuid("t")): quiz_uuid("t", 0)}
        location = client.post(quiz_url("profile_submit", tie), data)["Location"]
        page = client.get(location)
        assert page.status_code == 200, location
        assert [p.key for p in page.context["profiles"]] == [first, second]

    @pytest.mark.parametrize(
        "keys",
        [("nobody",), ("maker", "nobody"), ("maker", "maker"), ("maker", ""), ("", ""), ("MAKER",)],
    )
    def test_unknown_results_are_404(self, client, rf, self_test, keys):
        keys = mix(*keys)
        assert client.get(f"{self_test.url}result/{keys}/").status_code == 404
        with pytest.raises(Http404):
            self_test.profile_result(rf.get("/"), keys)

    def test_missing_answers_count_nothing(self, client, self_test):
        data = answers(1, 0)
        del data[engine.field_name(quiz_uuid("style"))]
        response = client.post(quiz_url("profile_submit", self_test), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert fi("Choose an answer.") in html
        assert f'value="{quiz_uuid("horizon", 1)}" id="q-{quiz_uuid("horizon")}-2" checked' in html
        assert not ProfileResultCount.objects.exists()

    def test_a_graded_quiz_has_no_profile_result(self, client, quiz):
        assert client.post(quiz_url("profile_submit", quiz), {}).status_code == 404
