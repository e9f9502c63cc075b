"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without Chromium the tests skip with the reason shown; REQUIRE_BROWSER=1 (set by CI) turns
that skip into a failure.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.factories import enrol_second_factor, totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    for item in items:
        if "browser" in item.keywords:
            if os.environ.get("REQUIRE_BROWSER") == "1":
                item.add_marker(pytest.mark.usefixtures("_browser_required"))
            else:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def _browser_required():
    pytest.fail(f"REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")


# Reports each violation the page sees, with where it came from, as a console line.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    const target = event.target && event.target.outerHTML !== undefined
        ? event.target.outerHTML.slice(0, 300) : String(event.target);
    console.log("CSP-VIOLATION " + JSON.stringify({
        directive: event.violatedDirective, blocked: event.blockedURI,
        source: event.sourceFile, line: event.lineNumber, target: target,
    }));
}, true);
"""

# Violations that are known, harmless and not ours to fix. Wagtail's rich-text editor
# (Draftail on Draft.js) injects two <style> elements from its bundle: the placeholder text
# of empty blocks ("Heading 3") and the counter style of ordered lists nested two or more
# levels deep. The CSP refuses both; editing works without them.
DRAFTAIL_STYLES = ("<style>.Draftail-block", "<style>\n.public-DraftStyleDefault-depth")
KNOWN_VIOLATIONS = [
    lambda v: (
        v["directive"] == "style-src-elem"
        and v["source"].endswith("/static/wagtailadmin/js/vendor.js")
        and v["target"].startswith(DRAFTAIL_STYLES)
    ),
]


class CspWatch:
    """Every Content-Security-Policy violation Chromium reports on any page of the run."""

    def __init__(self):
        self.violations: list[str] = []

    def attach(self, page) -> None:
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message) -> None:
        if not message.text.startswith("CSP-VIOLATION "):
            return
        violation = json.loads(message.text.removeprefix("CSP-VIOLATION "))
        if not any(known(violation) for known in KNOWN_VIOLATIONS):
            self.violations.append(f"{page.url}: {violation}")


CSP_WATCH = CspWatch()


class WatchedBrowser:
    """The browser, with every new page watched for CSP violations."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(CSP_LISTENER)
        context.on("page", CSP_WATCH.attach)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violations(request):
    """The site and the admin work under their Content-Security-Policy: a journey that
    makes Chromium refuse a script, style, image or frame fails."""
    if "browser" not in request.fixturenames:
        yield
        return
    CSP_WATCH.violations.clear()
    yield
    violations, CSP_WATCH.violations[:] = list(CSP_WATCH.violations), []
    assert violations == [], "\n".join(violations)


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def loaded_site(wagtail_roots, eager_celery, settings, tmp_path, live_server):
    """The whole course and site from content/, served by the live server: media and
    certificate files in a fresh folder, Celery tasks in-process, admin links to this server."""
    from cms.demo.loader import DemoLoader

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        **{
            name: {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": tmp_path / "private"},
            }
            for name in ("certificates", "exports")
        },
    }
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    DemoLoader().run()


def verified_user(email: str, password: str, **fields):
    """An account whose email is confirmed, so it can log in at once."""
    from allauth.account.models import EmailAddress

    from accounts.models import User

    create = (
        User.objects.create_superuser
        if fields.pop("superuser", False)
        else User.objects.create_user
    )
    user = create(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if user.is_staff:
        enrol_second_factor(user)  # as the admin requires; its codes come from totp_code()
    return user


def sign_in_with_second_factor(page, email: str, password: str) -> None:
    """On allauth's login form: the password, then the authenticator app's code."""
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("input[name=code]", totp_code())
    page.locator("main form button[type=submit]").click()
