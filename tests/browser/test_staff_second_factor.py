"""A staff member's first sign-in sets up the authenticator app; every sign-in after it
asks for the app's code before the admin opens."""

import re
import time

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests.browser.conftest import VIEWPORTS
from tests.factories import site_home, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-long-Secret-4"


@pytest.fixture
def staff(wagtail_roots):
    site_home()
    user = User.objects.create_superuser(
        email="toimittaja@example.com", password=PASSWORD, full_name="Tiina Toimittaja"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def submit(page) -> None:
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_staff_set_up_and_then_use_a_second_factor(
    live_server, browser, screenshot, staff, viewport
):
    page = browser.new_context(viewport=VIEWPORTS[viewport], locale="fi-FI").new_page()
    shot = f"mfa-{viewport}"

    # First sign-in: the password, then the admin sends them to set up the app.
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    page.wait_for_url("**/accounts/reauthenticate/**")  # allauth asks once more first
    screenshot(page, f"{shot}-01-confirm-password")
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    screenshot(page, f"{shot}-02-set-up-app")
    page.fill("input[name=code]", totp_code(secret))
    submit(page)
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")
    screenshot(page, f"{shot}-03-recovery-codes")
    page.goto(f"{live_server.url}/admin/")
    assert page.url.endswith("/admin/")
    assert page.locator("#wagtail-sidebar, [data-side-panel], .sidebar").count() > 0

    # Sign out; signing in again asks for the app's code, and the password alone is not enough.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    screenshot(page, f"{shot}-04-code-asked")
    # The app's next code: the one used to set it up is spent (allauth accepts one step of
    # clock drift either way).
    page.fill("input[name=code]", totp_code(secret, at=time.time() + 30))
    submit(page)
    page.wait_for_url("**/admin/")
    screenshot(page, f"{shot}-05-admin")
