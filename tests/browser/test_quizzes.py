import pytest
from django.http import QueryDict

from accounts.models import User
from cms.demo import source
from cms.demo.source import CONTENT_DIR
from courses.learners import AccountLearner
from courses.models import ProfileResultCount, QuizAttempt, QuizPage
from courses.quizzes.attempts import start_attempt, submit_attempt
from tests.browser.conftest import sign_in_with_second_factor, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FUTURIST_TEST = {
    "fi": "/fi/kurssit/ennakoinnin-perusteet/futuristitesti/",
    "en": "/en/courses/foresight-basics/futurist-test/",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_anyone_takes_the_futurist_test_and_gets_a_profile(
    loaded_site, live_server, browser, screenshot, language, viewport
):
    """Without an account, a visitor answers the futurist test, gets a profile with tips and
    a module to start from, at an address that can be shared; only a count is stored."""
    from tests.browser.conftest import VIEWPORTS

    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(live_server.url + FUTURIST_TEST[language])
    page.locator("#quiz-form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()  # nothing answered yet
    questions = page.locator("fieldset.question")
    # Every answer the one that weighs most for the future-maker, read from the content.
    test = source.read_yaml(CONTENT_DIR / "course" / f"futurist-test.{language}.yaml")
    assert questions.count() == len(test["questions"])
    for index, question in enumerate(test["questions"]):
        choice = max(question["choices"], key=lambda c: c["points"].get("future-maker", 0))
        questions.nth(index).get_by_label(choice["text"], exact=True).check()
    screenshot(page, f"futurist-{language}-{viewport}-01-test")
    page.locator("#quiz-form button[type=submit]").click()
    assert page.url.endswith("/result/future-maker/")
    assert page.locator("section.profile h2").count() == 1
    assert page.locator("section.profile a.button--primary").is_visible()
    screenshot(page, f"futurist-{language}-{viewport}-02-result")
    assert ProfileResultCount.objects.get(result="future-maker").count == 1
    assert not QuizAttempt.objects.exists()
    context.close()


def test_editor_sees_the_item_analysis(loaded_site, live_server, browser, screenshot):
    """Two learners have taken the module quiz; an editor logs in and reads the quiz's
    item analysis in the Wagtail admin."""
    quiz = next(
        quiz
        for quiz in QuizPage.objects.filter(
            locale__language_code="fi", mode=QuizPage.Mode.GRADED
        ).order_by("path")
        if "matching" not in {question.block_type for question in quiz.questions}
    )
    for email, pick_first in (("a@example.com", True), ("b@example.com", False)):
        learner = User.objects.create_user(email=email, password="x-long-Secret-1")
        attempt = start_attempt(quiz, {"user": learner})
        post = QueryDict(mutable=True)
        post["attempt"] = str(attempt.pk)
        for spec in attempt.drawn:
            name = f"q-{spec['id']}"
            if spec["kind"] in ("single", "multiple"):
                post[name] = spec["choices"][0 if pick_first else -1]
            elif spec["kind"] == "truefalse":
                post[name] = "true"
            elif spec["kind"] == "ordering":
                for position, item in enumerate(spec["items"], start=1):
                    post[f"{name}-{item}"] = str(position)
        assert submit_attempt(attempt, post, AccountLearner(learner)).graded_now

    verified_user("editor@example.com", "x-long-Secret-2", superuser=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/admin/reports/quizzes/")
    sign_in_with_second_factor(page, "editor@example.com", "x-long-Secret-2")
    page.get_by_role("link", name=quiz.title).click()
    page.wait_for_url(f"**/admin/reports/quizzes/{quiz.pk}/")
    screenshot(page, "admin-item-analysis")
    assert page.locator("table tbody tr").count() >= 4
    assert "2" in page.locator(".quiz-summary dd").first.inner_text()
    context.close()
