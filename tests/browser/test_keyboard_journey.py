import io

import pytest
from pypdf import PdfReader

from cms.demo import source
from courses.models import CoursePage, Enrolment
from tests.browser.conftest import verified_user
from tests.browser.course_content import planned_answer, quiz_questions
from tests.browser.keyboard import KeyboardUser
from tests.browser.test_learning_journey import qr_payloads

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-Secret-5678"
COMPLETE = "button[name=action][value=complete]"
START = "main form[action$='/start/'] button"


@pytest.fixture
def learner(loaded_site):
    return verified_user("keyboard@example.com", PASSWORD, full_name="Eino Näppäimistö")


def answer_by_keyboard(keys: KeyboardUser, questions: list[dict], *, right: bool) -> None:
    """The same answers as with the mouse: radios by arrows, boxes by Space, selects by arrows."""
    fieldsets = keys.page.locator("fieldset.question")
    for index, question in enumerate(questions):
        fieldset = fieldsets.nth(index)
        plan = planned_answer(question, right=right)
        ids = fieldset.locator("input").evaluate_all("els => els.map(e => e.id)")
        targets = [
            fieldset.get_by_label(label, exact=True).get_attribute("id")
            for label in plan.get("choices", [])
        ]
        if "value" in plan:
            targets = [fieldset.locator(f"input[value={plan['value']}]").get_attribute("id")]
        if question["type"] in ("single_choice", "true_false"):
            keys.choose_radio(ids, targets[0])
        else:
            for target_id in sorted(targets, key=ids.index):
                keys.tab_to(f"[id='{target_id}']")
                keys.page.keyboard.press("Space")
        wanted = plan.get("positions") or plan.get("matches") or {}
        for select in fieldset.locator("select").all():
            select_id = select.get_attribute("id")
            label = fieldset.locator(f"label[for='{select_id}']").inner_text().strip()
            options = [o.strip() for o in select.locator("option").all_inner_texts()]
            keys.choose_option(select_id, options.index(str(wanted[label])))
    keys.activate("#quiz-form button[type=submit]")


@pytest.mark.parametrize(("language", "viewport"), [("fi", "phone"), ("en", "desktop")])
def test_a_learner_completes_the_course_by_keyboard_alone(
    learner, live_server, browser, screenshot, language, viewport
):
    """Journey (b) with no mouse: a skip link first, visible focus on every stop, no trap.
    The learner logs in, reads every lesson, fails the first quiz, retries, passes every
    quiz, confirms the name, downloads the certificate and opens the verification URL."""
    from tests.browser.conftest import VIEWPORTS

    page = browser.new_context(
        viewport=VIEWPORTS[viewport], locale="fi-FI" if language == "fi" else "en-GB"
    ).new_page()
    keys = KeyboardUser(page)
    shot = f"keyboard-{language}-{viewport}"

    page.goto(f"{live_server.url}/accounts/login/?next=/{language}/")
    page.keyboard.press("Tab")
    skip = keys.focused(".skip-link")
    assert skip and skip["matches"] and skip["visible"], skip
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    screenshot(page, f"{shot}-01-skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    keys.tab_to("input[name=login]")
    page.keyboard.type(learner.email)
    keys.tab_to("input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/{language}/")
    assert keys.tabbing_leaves_no_trap(), "focus is trapped on the home page"

    keys.activate(".link-card__link")
    keys.activate(".course-status .button--primary")
    screenshot(page, f"{shot}-02-lesson-focus")
    assert keys.tabbing_leaves_no_trap(), f"focus is trapped on {page.url}"
    page.reload()

    modules = [module.key for module in source.course_modules()]
    quizzes = 0
    while True:
        if page.locator(COMPLETE).count():
            keys.activate(COMPLETE)
            continue
        module_key = modules[quizzes] if quizzes < len(modules) else None
        questions = quiz_questions(language, module_key)
        keys.activate(START)
        if quizzes == 0:
            answer_by_keyboard(keys, questions, right=False)
            assert page.locator(".result-summary--failed").is_visible()
            keys.activate(".result-actions form button")
        answer_by_keyboard(keys, questions, right=True)
        assert page.locator(".result-summary--passed").is_visible(), page.url
        quizzes += 1
        if module_key is None:
            break
        keys.activate(".result-actions a.button--primary")
    course = CoursePage.objects.get(locale__language_code=language)
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None

    # The final result congratulates and leads to the certificate: name, then the PDF.
    keys.activate(".completion a.button--primary")
    keys.activate("main form button[type=submit]")
    screenshot(page, f"{shot}-03-certificate-ready")
    with page.expect_download() as download:
        keys.tab_to("main a[href$='/pdf/']")
        page.keyboard.press("Enter")
    pdf = download.value.path().read_bytes()
    assert "Eino Näppäimistö" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    (url,) = qr_payloads(pdf)
    page.goto(url)
    assert page.locator(".verdict--valid").is_visible()
    assert not keys.problems, "\n".join(keys.problems)
