"""The foresight plan in the browser (issue 15): on a phone, a learner who answered the
course's reflections opens the plan from the last lesson, finds their own answer as the
start of the first step, writes every step, and downloads a PDF with their own words; axe
finds nothing on the plan's pages."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from courses.models import (
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
    Reflection,
)
from tests.browser.accessibility import axe_source, axe_violations, horizontal_overflow
from tests.browser.conftest import VIEWPORTS, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-Secret-4321"
FIRM = "Perheyritys Haminassa: veneiden talvisäilytys ja huolto, kuusi työntekijää."


def fill(page, values: dict) -> None:
    for name, value in values.items():
        page.fill(f"[name={name}]", value)


@pytest.mark.parametrize(("language", "viewport"), [("fi", "phone"), ("en", "desktop")])
def test_a_learner_writes_the_plan_and_downloads_the_pdf(
    loaded_site, live_server, browser, screenshot, language, viewport
):
    learner = verified_user(
        f"suunnittelija-{language}@example.com",
        PASSWORD,
        full_name="Saara Suunnittelija",
        preferred_language=language,
    )
    course = CoursePage.objects.get(locale__language_code=language)
    course.plan_required = True  # the editor's choice: the plan completes the course
    course.save_revision().publish()
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    # Every lesson and quiz is done already: the plan is the step left.
    now = timezone.now()
    LessonCompletion.objects.bulk_create(
        [LessonCompletion(user=learner, lesson=lesson, completed_at=now) for lesson in lessons]
    )
    for quiz in QuizPage.objects.live().descendant_of(course).filter(mode=QuizPage.Mode.GRADED):
        QuizAttempt.objects.create(
            quiz=quiz, user=learner, number=1, passed=True, score=100, submitted_at=now
        )
    Enrolment.objects.create(user=learner, course=course)
    marked = next(
        lesson
        for lesson in lessons
        if any(block.value.get("plan_step") == "firm" for block in lesson.reflection_prompts)
    )
    Reflection.objects.create(
        user=learner, lesson=marked, prompt_id=marked.reflection_prompts[0].id, text=FIRM
    )
    axe = axe_source()
    shot = f"{language}-{viewport}"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        locale="fi-FI" if language == "fi" else "en-GB",
        accept_downloads=True,
    )
    page = context.new_page()
    last = lessons[-1]
    page.goto(f"{live_server.url}/accounts/login/?next={last.url}")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{last.url}")
    page.locator(".plan-callout a").click()
    assert axe_violations(page, axe) == []
    page.locator("main a.button--primary").click()  # start the plan
    assert page.locator("[name=firm]").input_value() == FIRM  # a start from the lesson
    assert axe_violations(page, axe) == [] and horizontal_overflow(page) == 0
    screenshot(page, f"plan-firm-{shot}")
    steps = [
        {},
        {"economic": "Polttoaineen hinta", "environmental": "Meren tila", "social": "Будущее"},
        {"signal_1": "Sähköveneet yleistyvät", "why_1": "Huolto muuttuu"},
        {"change": "Sähköveneet", "effect_1": "Uusi huoltotaito", "effect_1_1": "Koulutus"},
        {
            "x": "Energian hinta",
            "x_low": "halpa",
            "x_high": "kallis",
            "y": "Matkailu",
            "y_low": "hiipuu",
            "y_high": "kasvaa",
            "high_high": "Kallis kasvu",
            "low_high": "Halpa kasvu",
            "low_low": "Hiljaiset laiturit",
            "high_low": "Ahdas vuosi",
        },
        {
            "action_1": "Sähkövenekurssi",
            "when_1": "2027-03-01",
            "action_2": "Laturit laiturille",
            "when_2": "2027-05-01",
            "action_3": "Asiakaskysely",
            "when_3": "2027-02-01",
        },
    ]
    # A bad value first: nothing is saved and the error names the field.
    page.locator("main form button.button--primary").click()
    for number, values in enumerate(steps[1:], start=2):
        page.wait_for_load_state()
        if number == 6:
            fill(page, {**values, "when_1": "9999-01-01"})
            page.locator("main form button.button--primary").click()
            assert page.locator(".error-summary").is_visible()
            assert axe_violations(page, axe) == []
            screenshot(page, f"plan-roadmap-error-{shot}")
        fill(page, values)
        page.locator("main form button.button--primary").click()
    page.wait_for_url("**/plan/*/")
    assert axe_violations(page, axe) == [] and horizontal_overflow(page) == 0
    screenshot(page, f"plan-overview-{shot}")
    # The finished plan completed the course: its certificate is on its way.
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert Certificate.objects.filter(user=learner).exists()
    page.goto(f"{live_server.url}/{language}/my/tools/")
    assert axe_violations(page, axe) == [] and horizontal_overflow(page) == 0
    screenshot(page, f"tools-{shot}")
    page.go_back()
    with page.expect_download() as download:
        page.locator("a[href$='/pdf/']").click()
    reader = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for words in (
        FIRM,
        "Sähköveneet",
        "Uusi huoltotaito",
        "Hiljaiset laiturit",
        "Sähkövenekurssi",
        "Будущее",
    ):
        assert words in text, words
