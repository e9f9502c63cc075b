"""A reader who only reads leaves no session on the server, yet the course page still offers
to continue where they left off, kept in their own browser (static/js/resume.js), in the
language the course page is in."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from courses.models import CoursePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def test_a_reader_continues_where_they_left_off_without_a_session(
    loaded_site, live_server, browser
):
    course = CoursePage.objects.get(locale__language_code="fi")
    items = course.outline().items
    third = items[2].page
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()

    page.goto(live_server.url + course.url)
    button = page.locator(".course-status .button--primary")
    assert label("Start the course", "fi") in button.inner_text()
    assert button.get_attribute("href") == items[0].page.url

    page.goto(live_server.url + third.url)
    page.goto(live_server.url + course.url)
    assert label("Continue where you left off", "fi") in button.inner_text()
    assert button.get_attribute("href") == third.url
    button.click()
    page.wait_for_url(live_server.url + third.url)
    assert not [c for c in context.cookies() if c["name"] == "sessionid"]

    # In English the course page leads to the same place, in English.
    english = course.get_translation(Locale.objects.get(language_code="en"))
    third_en = third.get_translation(english.locale)
    page.goto(live_server.url + english.url)
    button = page.locator(".course-status .button--primary")
    assert label("Continue where you left off", "en") in button.inner_text()
    assert button.get_attribute("href") == third_en.url
    context.close()
