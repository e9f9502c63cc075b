import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from accounts.models import User
from cms.demo.loader import DemoLoader
from courses.models import Enrolment, LessonCompletion, Reflection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPLETE = "button[name=action][value=complete]"

# The demo module quiz: (wrong answers, right answers) by the labels a learner reads.
QUIZ_ANSWERS = {
    "fi": {
        "wrong": (
            ["Menneiden myyntilukujen raportointi"],
            ["Väistämättömät"],
            "false",
            ["Pitkä: yli 6 vuotta", "Keskipitkä: 4–5 vuotta", "Lyhyt: 1–3 vuotta"],
        ),
        "right": (
            ["Useiden mahdollisten tulevaisuuksien tarkastelu ja niihin vaikuttaminen"],
            ["Mahdolliset", "Todennäköiset", "Toivottavat"],
            "true",
            ["Lyhyt: 1–3 vuotta", "Keskipitkä: 4–5 vuotta", "Pitkä: yli 6 vuotta"],
        ),
    },
    "en": {
        "wrong": (
            ["Reporting past sales figures"],
            ["Inevitable"],
            "false",
            ["Long: 6+ years", "Medium: 4–5 years", "Short: 1–3 years"],
        ),
        "right": (
            ["Looking at several possible futures and influencing them"],
            ["Possible", "Probable", "Preferable"],
            "true",
            ["Short: 1–3 years", "Medium: 4–5 years", "Long: 6+ years"],
        ),
    },
}


def answer_quiz(page, answers) -> None:
    single, multiple, true_false, order = answers
    questions = page.locator("fieldset.question")
    for label in single:
        questions.nth(0).get_by_label(label, exact=True).check()
    for label in multiple:
        questions.nth(1).get_by_label(label, exact=True).check()
    questions.nth(2).locator(f"input[value={true_false}]").check()
    for position, label in enumerate(order, start=1):
        questions.nth(3).get_by_label(label, exact=True).select_option(str(position))
    page.locator("#quiz-form button[type=submit]").click()


@pytest.fixture
def demo(wagtail_roots, eager_celery, settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "certificates": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    DemoLoader().run()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
class TestAnonymousVisitorSignsUpAndKeepsProgress:
    """An anonymous visitor starts the demo course from the home page, answers a reflection
    and completes two lessons, then signs up and confirms the email from the message the
    site sent. Logged in, the dashboard shows the progress kept; the learner fails the module
    quiz, reads why, tries again and passes, and finishing the last two lessons completes
    the course."""

    def test_journey(self, demo, live_server, browser, screenshot, language, viewport):
        from tests.browser.conftest import VIEWPORTS

        context = browser.new_context(
            viewport=VIEWPORTS[viewport], locale="fi-FI" if language == "fi" else "en-GB"
        )
        page = context.new_page()
        shot = f"journey-{language}-{viewport}"

        page.goto(live_server.url + "/")
        assert page.url == f"{live_server.url}/{language}/"
        assert page.locator("html").get_attribute("lang") == language
        screenshot(page, f"{shot}-01-home")
        page.locator(".card__title a").first.click()
        screenshot(page, f"{shot}-02-course")
        page.locator(".course-status .button--primary").click()

        first_lesson_url = page.url
        page.locator("textarea[name^=reflection-]").fill("Kahvilan kesämyynti / summer sales")
        screenshot(page, f"{shot}-03-lesson")
        page.locator(COMPLETE).click()
        assert page.url != first_lesson_url
        page.locator(COMPLETE).click()
        page.goto(first_lesson_url)
        assert page.locator("textarea[name^=reflection-]").input_value() == (
            "Kahvilan kesämyynti / summer sales"
        )

        page.locator(".site-nav a[href='/accounts/signup/']").click()
        email = f"learner-{language}-{viewport}@example.com"
        page.fill("input[name=email]", email)
        page.fill("input[name=full_name]", "Šárka Nguyễn-Øster")
        page.fill("input[name=password1]", "a-long-Secret-9876")
        page.fill("input[name=password2]", "a-long-Secret-9876")
        screenshot(page, f"{shot}-04-signup")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        screenshot(page, f"{shot}-05-verification-sent")

        assert len(mail.outbox) == 1
        link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body)
        assert link, mail.outbox[0].body
        page.goto(link.group(0))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/{language}/my/")
        screenshot(page, f"{shot}-06-dashboard")
        # Two of five required parts: four lessons and the module quiz.
        assert page.locator(".progress__track").get_attribute("aria-valuenow") == "40"

        user = User.objects.get(email=email)
        assert user.full_name == "Šárka Nguyễn-Øster"
        assert LessonCompletion.objects.filter(user=user).count() == 2
        assert Reflection.objects.get(user=user).text == "Kahvilan kesämyynti / summer sales"

        # Continue leads to the module quiz: fail it, read why, try again and pass.
        page.locator("main .button--primary").first.click()
        page.locator("main form[action$='/start/'] button").click()
        answer_quiz(page, QUIZ_ANSWERS[language]["wrong"])
        assert page.locator(".result-summary--failed").is_visible()
        assert page.locator(".review__explanation").count() == 4
        screenshot(page, f"{shot}-07-quiz-failed")
        page.locator(".result-actions form button").click()
        answer_quiz(page, QUIZ_ANSWERS[language]["right"])
        assert page.locator(".result-summary--passed").is_visible()
        screenshot(page, f"{shot}-08-quiz-passed")
        page.locator(".result-actions a.button--primary").click()

        page.locator(COMPLETE).click()
        page.locator(COMPLETE).click()
        screenshot(page, f"{shot}-09-course-complete")
        assert page.locator(".progress__track").get_attribute("aria-valuenow") == "100"
        assert Enrolment.objects.get(user=user).completed_at is not None

        # The certificate: confirm the name, download the PDF, open the URL printed in it.
        page.goto(f"{live_server.url}/{language}/my/")
        page.locator("#certificates a.button--primary").click()
        assert page.locator("input[name=name]").input_value() == "Šárka Nguyễn-Øster"
        page.locator("main form button[type=submit]").click()
        screenshot(page, f"{shot}-10-certificate-ready")
        with page.expect_download() as download:
            page.locator("#certificates a[href$='/pdf/']").click()
        pdf = download.value.path().read_bytes()
        assert "Šárka Nguyễn-Øster" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        (url,) = qr_payloads(pdf)
        assert url.startswith(live_server.url + "/verify/")
        page.goto(url)
        assert page.locator(".verdict--valid").is_visible()
        screenshot(page, f"{shot}-11-verified")
        context.close()


def qr_payloads(pdf: bytes) -> list[str]:
    import pypdfium2
    import zxingcpp

    image = pypdfium2.PdfDocument(pdf)[0].render(scale=3).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]
