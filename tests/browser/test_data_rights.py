"""Data rights in the browser (issue 14): a learner downloads their data, deletes their
account choosing what becomes of the certificate, and the certificate's verification URL
then answers as chosen: valid with the name and no account behind it, or withdrawn by the
holder. In Finnish and English, at phone and desktop width; axe finds nothing on the new
pages."""

import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates.issuing import confirm_name, issue_for_completion
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from tests.browser.accessibility import axe_source, axe_violations, horizontal_overflow
from tests.browser.conftest import VIEWPORTS, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-Secret-4321"

VERDICTS = {
    ("keep", "fi"): "Voimassa oleva todistus",
    ("keep", "en"): "Valid certificate",
    ("withdraw", "fi"): "Haltija on perunut todistuksen",
    ("withdraw", "en"): "Withdrawn by the holder",
}


@pytest.fixture
def learner(loaded_site, django_capture_on_commit_callbacks, language):
    user = verified_user(
        f"aino-{language}@example.com",
        PASSWORD,
        full_name="Aino Väänänen",
        preferred_language=language,
    )
    course = CoursePage.objects.get(locale__language_code=language)
    Enrolment.objects.create(user=user, course=course, completed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_for_completion(user, course, timezone.now())
        confirm_name(certificate, user.full_name)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY
    return user, certificate


def accessible(page, axe: str, where: str) -> None:
    assert axe_violations(page, axe) == [], where
    assert horizontal_overflow(page) == 0, where


@pytest.mark.parametrize(
    ("language", "choice", "viewport"),
    [
        ("fi", "keep", "phone"),
        ("fi", "withdraw", "desktop"),
        ("en", "keep", "desktop"),
        ("en", "withdraw", "phone"),
    ],
)
def test_download_then_delete_and_the_certificate_answers_as_chosen(
    learner, live_server, browser, screenshot, language, choice, viewport
):
    user, certificate = learner
    axe = axe_source()
    shot = f"{language}-{choice}-{viewport}"
    locale = "fi-FI" if language == "fi" else "en-GB"
    page = browser.new_context(
        viewport=VIEWPORTS[viewport], locale=locale, accept_downloads=True
    ).new_page()

    page.goto(f"{live_server.url}/accounts/login/?next=/accounts/profile/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/profile/")
    assert page.locator("html").get_attribute("lang") == language

    # Download my data: asked for, built (eagerly here), emailed, and on the profile.
    mail.outbox.clear()
    page.locator("form[action$='/profile/export/'] button").click()
    page.wait_for_url("**/accounts/profile/")
    assert page.locator(".message--success").is_visible()
    link = page.locator("a[href*='/accounts/profile/export/']")
    assert link.is_visible()
    accessible(page, axe, "profile")
    screenshot(page, f"data-profile-{shot}")
    assert any(user.email in message.to for message in mail.outbox)
    with page.expect_download() as download:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    summary = archive.read("index.html").decode()
    assert f'<html lang="{language}">' in summary and "Aino Väänänen" in summary
    assert any(name.endswith(".pdf") for name in archive.namelist())

    # Delete my account: the choice, the password, and the deleted page.
    page.locator("a[href$='/accounts/profile/delete/']").click()
    page.wait_for_url("**/accounts/profile/delete/")
    accessible(page, axe, "delete form")
    page.locator(f"input[name=certificates][value={choice}]").check()
    page.fill("input[name=password]", "not-my-password")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".field-error").is_visible()  # changes nothing
    assert User.objects.filter(pk=user.pk, is_active=True).exists()
    accessible(page, axe, "delete form with an error")
    screenshot(page, f"data-delete-error-{shot}")
    page.locator(f"input[name=certificates][value={choice}]").check()
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/deleted/**")
    accessible(page, axe, "deleted")
    screenshot(page, f"data-deleted-{shot}")
    assert not User.objects.filter(pk=user.pk).exists()

    # The employer's view of the certificate.
    employer = browser.new_context(viewport=VIEWPORTS[viewport], locale=locale).new_page()
    employer.goto(f"{live_server.url}/verify/{certificate.code}/")
    verdict = employer.locator(".verdict").inner_text()
    assert VERDICTS[choice, language] in verdict
    body = employer.locator("main").inner_text()
    if choice == "keep":
        assert "Aino Väänänen" in body
    else:
        assert "Aino" not in body
    accessible(employer, axe, "verification")
    screenshot(employer, f"data-verify-{shot}")
    data = employer.request.get(f"{live_server.url}/verify/{certificate.code}.json").json()
    assert data["status"] == ("valid" if choice == "keep" else "withdrawn")


@pytest.mark.parametrize("language", ["fi"])
def test_staff_export_and_delete_a_learner_in_the_admin(
    learner, live_server, browser, screenshot, language
):
    """A subject access request and a deletion from the user admin, with the same choice."""
    from tests.browser.conftest import sign_in_with_second_factor

    user, certificate = learner
    staff = verified_user("tuki@example.com", "x-long-Secret-3", is_staff=True, superuser=True)
    page = browser.new_context(viewport=VIEWPORTS["desktop"], locale="fi-FI").new_page()
    page.goto(f"{live_server.url}/admin/users/{user.pk}/data-export/")
    sign_in_with_second_factor(page, staff.email, "x-long-Secret-3")
    page.wait_for_url(f"**/admin/users/{user.pk}/data-export/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/admin/users/{user.pk}/data-export/")
    link = page.locator("main a[href*='/accounts/profile/export/']")
    assert link.is_visible()
    screenshot(page, "admin-data-export-fi-desktop")
    with page.expect_download() as download:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    assert user.email.encode() in archive.read("data/accounts.user.json")

    page.goto(live_server.url + reverse("wagtailusers_users:delete", args=[user.pk]))
    page.locator("input[name=certificates][value=keep]").check()
    screenshot(page, "admin-user-delete-fi-desktop")
    page.locator("main form button[type=submit].serious").click()
    page.wait_for_url("**/admin/users/")
    assert not User.objects.filter(pk=user.pk).exists()
    data = page.request.get(f"{live_server.url}/verify/{certificate.code}.json").json()
    assert data["status"] == "valid" and data["name"] == "Aino Väänänen"
