import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.models import User
from certificates.issuing import confirm_name, issue_for_completion
from courses.models import CoursePage, Enrolment
from tests.browser.conftest import sign_in_with_second_factor, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(loaded_site, django_capture_on_commit_callbacks, language):
    learner = User.objects.create_user(email="learner@example.com", full_name="Анна Петрова")
    course = CoursePage.objects.get(locale__language_code=language)
    Enrolment.objects.create(user=learner, course=course, completed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        awaiting = issue_for_completion(learner, course, timezone.now())
        confirm_name(awaiting, learner.full_name)
    awaiting.refresh_from_db()
    assert awaiting.status == "ready"
    return awaiting


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_manager_revokes_a_certificate_and_verification_says_so(
    certificate, live_server, browser, screenshot, language, viewport
):
    """Journey (d): a course manager (not a superuser), with the admin in their language,
    finds the certificate, revokes it with a reason, and the public verification page an
    employer has open then says revoked, with the date and reason."""
    from tests.browser.conftest import VIEWPORTS

    managers = Group.objects.create(name="Course managers")
    managers.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_certificate", "change_certificate"]
        )
    )
    manager = verified_user("manager@example.com", "x-long-Secret-3", is_staff=True)
    manager.groups.add(managers)
    UserProfile.objects.update_or_create(user=manager, defaults={"preferred_language": language})
    locale = "fi-FI" if language == "fi" else "en-GB"
    shot = f"{language}-{viewport}"

    page = browser.new_context(viewport=VIEWPORTS[viewport], locale=locale).new_page()
    page.goto(f"{live_server.url}/verify/{certificate.code}/")
    assert page.locator(".verdict--valid").is_visible()
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"verify-valid-{shot}")

    desk = browser.new_context(viewport=VIEWPORTS[viewport], locale=locale).new_page()
    desk.goto(f"{live_server.url}/admin/snippets/certificates/certificate/")
    sign_in_with_second_factor(desk, manager.email, "x-long-Secret-3")
    desk.wait_for_url("**/admin/snippets/certificates/certificate/")
    desk.locator(f"a[href='/admin/certificates/{certificate.pk}/revoke/']").click()
    desk.fill("[name=reason]", "Suoritus hylätty tarkastuksessa")
    desk.locator("main form button[type=submit]").click()
    assert desk.locator("html").get_attribute("lang") == language
    screenshot(desk, f"admin-certificate-revoked-{shot}")

    page.reload()
    assert page.locator(".verdict--revoked").is_visible()
    assert "Suoritus hylätty tarkastuksessa" in page.locator(".verdict").inner_text()
    screenshot(page, f"verify-revoked-{shot}")
