"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without Chromium the tests skip with the reason shown; REQUIRE_BROWSER=1 (set by CI) turns
that skip into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


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
        "certificates": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
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
    return user
