import re

import pytest
from django.core import mail

from accounts.models import User
from cms.demo.loader import DemoLoader
from courses.models import Enrolment, LessonCompletion, Reflection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPLETE = "button[name=action][value=complete]"


@pytest.fixture
def demo(wagtail_roots, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    DemoLoader().run()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
class TestAnonymousVisitorSignsUpAndKeepsProgress:
    """An anonymous visitor starts the demo course from the home page, answers a reflection
    and completes two lessons, then signs up and confirms the email from the message the
    site sent. Logged in, the dashboard shows the progress kept, and finishing the last two
    lessons completes the course."""

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
        assert page.locator(".progress__track").get_attribute("aria-valuenow") == "50"

        user = User.objects.get(email=email)
        assert user.full_name == "Šárka Nguyễn-Øster"
        assert LessonCompletion.objects.filter(user=user).count() == 2
        assert Reflection.objects.get(user=user).text == "Kahvilan kesämyynti / summer sales"

        page.locator("main .button--primary").first.click()
        page.locator(COMPLETE).click()
        page.locator(COMPLETE).click()
        screenshot(page, f"{shot}-07-course-complete")
        assert page.locator(".progress__track").get_attribute("aria-valuenow") == "100"
        assert Enrolment.objects.get(user=user).completed_at is not None
        context.close()
