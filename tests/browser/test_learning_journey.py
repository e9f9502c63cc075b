import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from accounts.models import User
from cms.demo import source
from courses.models import CoursePage, Enrolment, LessonCompletion, Reflection
from tests.browser.course_content import answer_quiz, quiz_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPLETE = "button[name=action][value=complete]"
START = "main form[action$='/start/'] button"


def walk_the_course(page, language: str, screenshot, shot: str) -> None:
    """From wherever the learner is, completes every lesson and quiz in course order. The
    first quiz is failed once on purpose: the learner reads why, retries and passes."""
    modules = [module.key for module in source.course_modules()]
    quizzes_taken = 0
    while True:
        if page.locator(COMPLETE).count():
            with page.expect_navigation():  # the next page, loaded, before looking at it
                page.locator(COMPLETE).click()
            continue
        assert page.locator(START).count(), f"neither a lesson nor a quiz: {page.url}"
        module_key = modules[quizzes_taken] if quizzes_taken < len(modules) else None
        questions = quiz_questions(language, module_key)
        page.locator(START).click()
        if quizzes_taken == 0:
            answer_quiz(page, questions, right=False)
            assert page.locator(".result-summary--failed").is_visible()
            assert page.locator(".review__explanation").count() == len(questions)
            screenshot(page, f"{shot}-07-quiz-failed")
            page.locator(".result-actions form button").click()
        answer_quiz(page, questions, right=True)
        assert page.locator(".result-summary--passed").is_visible(), page.url
        if quizzes_taken == 0:
            screenshot(page, f"{shot}-08-quiz-passed")
        quizzes_taken += 1
        if module_key is None:
            return
        with page.expect_navigation():
            page.locator(".result-actions a.button--primary").click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
class TestAnonymousVisitorSignsUpAndKeepsProgress:
    """An anonymous visitor starts the foresight course from the home page, answers a
    reflection and completes two lessons, takes the futurist test, then signs up and confirms
    the email from the message the site sent. Logged in, the dashboard shows the progress
    kept; the learner goes on through every lesson, fails the first module quiz, reads why,
    retries and passes, passes the other quizzes and the final quiz, and so completes the
    course."""

    def test_journey(self, loaded_site, live_server, browser, screenshot, language, viewport):
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

        # The futurist test, from the home page's card: a profile and where to start.
        page.locator(".site-header__brand").click()
        page.locator(".link-card__link").nth(1).click()
        questions = page.locator("fieldset.question")
        for index in range(questions.count()):
            questions.nth(index).locator("input[type=radio]").first.check()
        page.locator("#quiz-form button[type=submit]").click()
        assert "/result/" in page.url
        assert page.locator("section.profile a.button--primary").first.is_visible()
        screenshot(page, f"{shot}-04a-futurist-result")

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
        # Two of the course's required lessons and quizzes.
        course = CoursePage.objects.get(locale__language_code=language)
        required = len(course.outline().required_ids)
        assert page.locator(".progress__track").get_attribute("aria-valuenow") == str(
            round(200 / required)
        )

        user = User.objects.get(email=email)
        assert user.full_name == "Šárka Nguyễn-Øster"
        assert LessonCompletion.objects.filter(user=user).count() == 2
        assert Reflection.objects.get(user=user).text == "Kahvilan kesämyynti / summer sales"

        # Continue leads on through the course: every lesson, every quiz, the final quiz.
        page.locator("main .button--primary").first.click()
        walk_the_course(page, language, screenshot, shot)
        page.goto(f"{live_server.url}/{language}/my/")
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
            page.locator("main a[href$='/pdf/']").click()
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
