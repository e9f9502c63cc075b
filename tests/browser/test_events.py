"""Events in the browser (issue 15): a learner finds the next future workshop from a lesson
and signs up, and the confirmation email carries the .ics; the year wheel is used with the
keyboard alone, and the event's .ics downloads and parses; axe finds nothing on the events
pages. Finnish and English, at phone and desktop width."""

import pytest
import vobject
from django.core import mail

from courses.models import LessonPage
from events.models import EventIndexPage, EventPage, Registration
from tests.browser.accessibility import axe_source, axe_violations, horizontal_overflow
from tests.browser.conftest import VIEWPORTS, sign_in_with_second_factor, verified_user
from tests.browser.keyboard import KeyboardUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-Secret-4321"


def accessible(page, axe: str, where: str) -> None:
    assert axe_violations(page, axe) == [], where
    assert horizontal_overflow(page) == 0, where


@pytest.mark.parametrize(("language", "viewport"), [("fi", "phone"), ("en", "desktop")])
def test_a_learner_signs_up_for_the_next_workshop_from_a_lesson(
    loaded_site, live_server, browser, screenshot, language, viewport
):
    learner = verified_user(
        f"yrittaja-{language}@example.com",
        PASSWORD,
        full_name="Eero Esimerkki",
        preferred_language=language,
    )
    workshop = EventPage.objects.get(locale__language_code=language, slug="future-workshop-next")
    lesson = workshop.lessons.filter(locale__language_code=language).first()
    assert isinstance(lesson, LessonPage)
    axe = axe_source()
    shot = f"{language}-{viewport}"
    locale = "fi-FI" if language == "fi" else "en-GB"
    page = browser.new_context(viewport=VIEWPORTS[viewport], locale=locale).new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={lesson.url}")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{lesson.url}")
    page.locator(f".lesson-events a[href='{workshop.url}']").click()
    page.wait_for_url(f"**{workshop.url}")
    accessible(page, axe, "event page")
    screenshot(page, f"event-{shot}")
    mail.outbox.clear()
    page.locator(".signup form button[type=submit]").click()
    page.wait_for_url(f"**{workshop.url}")
    assert page.locator(".message--success").first.is_visible()
    registration = Registration.objects.get(user=learner)
    assert registration.status == Registration.Status.CONFIRMED
    [message] = [m for m in mail.outbox if learner.email in m.to]
    name, content, mimetype = message.attachments[0]
    text = content.decode() if isinstance(content, bytes) else content
    assert vobject.readOne(text).vevent.summary.value == workshop.title
    accessible(page, axe, "event page, signed up")
    screenshot(page, f"event-signed-up-{shot}")

    page.goto(
        live_server.url
        + "/"
        + language
        + "/my/events/registration/"
        + str(registration.token)
        + "/"
    )
    accessible(page, axe, "registration")
    screenshot(page, f"event-registration-{shot}")

    # The organiser sees the attendee list in the admin.
    organiser = verified_user(
        f"jarjestaja-{language}@example.com", PASSWORD, is_staff=True, superuser=True
    )
    desk = browser.new_context(viewport=VIEWPORTS["desktop"], locale=locale).new_page()
    desk.goto(f"{live_server.url}/admin/snippets/events/registration/?event={workshop.pk}")
    sign_in_with_second_factor(desk, organiser.email, PASSWORD)
    desk.wait_for_url("**/admin/snippets/events/registration/**")
    assert "Eero Esimerkki" in desk.locator("main").inner_text()
    screenshot(desk, f"admin-event-sign-ups-{shot}")


@pytest.mark.parametrize(("language", "viewport"), [("fi", "desktop"), ("en", "phone")])
def test_the_year_wheel_by_keyboard_and_the_ics(
    loaded_site, live_server, browser, screenshot, language, viewport, tmp_path
):
    index = EventIndexPage.objects.get(locale__language_code=language)
    axe = axe_source()
    shot = f"{language}-{viewport}"
    locale = "fi-FI" if language == "fi" else "en-GB"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], locale=locale, accept_downloads=True
    )
    page = context.new_page()
    page.goto(live_server.url + index.url)
    accessible(page, axe, "events index")
    screenshot(page, f"events-index-{shot}")
    keyboard = KeyboardUser(page)
    keyboard.activate(".year-wheel__event")
    assert keyboard.problems == []
    assert "/" + index.slug + "/" in page.url and page.url != live_server.url + index.url
    event_title = page.locator("h1").inner_text()
    with page.expect_download() as download:
        page.locator("a[download][href$='/ical/']").click()
    calendar = vobject.readOne(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    assert calendar.vevent.summary.value == event_title

    page.goto(live_server.url + index.url)
    page.locator(".year-list a").first.click()
    accessible(page, axe, "month view")
    screenshot(page, f"events-month-{shot}")
