import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import User
from certificates.issuing import confirm_name, issue_for_completion
from cms.demo.loader import DemoLoader
from courses.models import CoursePage, Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(
    wagtail_roots, eager_celery, settings, tmp_path, live_server, django_capture_on_commit_callbacks
):
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
    learner = User.objects.create_user(email="learner@example.com", full_name="Анна Петрова")
    course = CoursePage.objects.get(locale__language_code="fi")
    Enrolment.objects.create(user=learner, course=course, completed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        awaiting = issue_for_completion(learner, course, timezone.now())
        confirm_name(awaiting, learner.full_name)
    awaiting.refresh_from_db()
    assert awaiting.status == "ready"
    return awaiting


def test_a_manager_revokes_a_certificate_and_verification_says_so(
    certificate, live_server, browser, screenshot
):
    """A course manager (not a superuser) finds the certificate in the admin, revokes it with
    a reason, and the public verification page then says revoked, with the date and reason."""
    managers = Group.objects.create(name="Course managers")
    managers.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_certificate", "change_certificate"]
        )
    )
    manager = User.objects.create_user(
        email="manager@example.com", password="x-long-Secret-3", is_staff=True
    )
    manager.groups.add(managers)
    EmailAddress.objects.create(user=manager, email=manager.email, verified=True, primary=True)

    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server.url}/verify/{certificate.code}/")
    assert page.locator(".verdict--valid").is_visible()
    screenshot(page, "verify-valid-phone")

    desk = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    desk.goto(f"{live_server.url}/admin/snippets/certificates/certificate/")
    desk.fill("input[name=login]", manager.email)
    desk.fill("input[name=password]", "x-long-Secret-3")
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url("**/admin/snippets/certificates/certificate/")
    desk.locator(f"a[href='/admin/certificates/{certificate.pk}/revoke/']").click()
    desk.fill("[name=reason]", "Suoritus hylätty tarkastuksessa")
    desk.locator("main form button[type=submit]").click()
    screenshot(desk, "admin-certificate-revoked")

    page.reload()
    assert page.locator(".verdict--revoked").is_visible()
    assert "Suoritus hylätty tarkastuksessa" in page.locator(".verdict").inner_text()
    screenshot(page, "verify-revoked-phone")
