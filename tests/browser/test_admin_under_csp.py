"""The admin's inline panels, choosers and date pickers, whose inline scripts the CSP
refuses, work through static/js/admin-csp.js: adding a profile to the futurist test,
choosing its image, and the go-live date picker of the schedule-publishing dialog."""

import pytest

from courses.models import QuizPage
from tests.browser.conftest import VIEWPORTS, sign_in_with_second_factor, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-long-Secret-5"


def test_inline_panels_and_date_pickers_work_under_the_csp(
    loaded_site, live_server, browser, screenshot
):
    verified_user("toimittaja@example.com", PASSWORD, superuser=True)
    test = QuizPage.objects.filter(mode=QuizPage.Mode.PROFILE).order_by("path").first()
    page = browser.new_context(viewport=VIEWPORTS["desktop"], locale="fi-FI").new_page()

    page.goto(f"{live_server.url}/admin/pages/{test.pk}/edit/")
    sign_in_with_second_factor(page, "toimittaja@example.com", PASSWORD)
    page.wait_for_url(f"**/admin/pages/{test.pk}/edit/")

    total = page.locator("#id_profiles-TOTAL_FORMS")
    before = int(total.input_value())
    page.locator("#id_profiles-ADD").click()
    page.wait_for_function(
        f"document.querySelector('#id_profiles-TOTAL_FORMS').value == '{before + 1}'"
    )
    assert page.locator(f"#id_profiles-{before}-name").is_visible()

    # The new profile's image chooser (a widget whose script is a marker now) opens its modal.
    page.locator(f"#id_profiles-{before}-image-chooser button:visible").first.click()
    page.locator(".modal-dialog").wait_for(state="visible")
    screenshot(page, "admin-csp-chooser-modal")

    assert page.evaluate(
        "() => !!window.jQuery && !!jQuery('#id_go_live_at').data('xdsoft_datetimepicker')"
    ), "the go-live date picker was not set up"
