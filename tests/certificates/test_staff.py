"""Staff revoke a certificate with a reason or re-issue it with a corrected name; both are
in Wagtail's audit log, and only people allowed to change certificates can do either."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from tests.certificates.conftest import as_seen, pdf_bytes, pdf_text, verify_url
from tests.factories import UserFactory

REASON = "Kurssi suoritettiin toisen henkilön tunnuksilla."


@pytest.fixture
def certificate(learner, ready_certificate):
    return ready_certificate(learner, name="Sarka Nguyen")


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def log_entries(certificate, action):
    return ModelLogEntry.objects.for_instance(certificate).filter(action=action)


class TestRevoke:
    """A superuser revokes a certificate from the admin; the public verification page then
    says so with the reason, and the audit log names who did it."""

    def test_the_revoke_form_opens(self, client, superuser, certificate):
        response = client.get(reverse("certificate_revoke", args=[certificate.pk]))

        assert response.status_code == 200
        assert certificate.code in response.content.decode()
        assert 'name="reason"' in response.content.decode()

    def test_revoking_with_a_reason(self, client, superuser, certificate):
        response = client.post(
            reverse("certificate_revoke", args=[certificate.pk]), {"reason": REASON}
        )

        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.revoked_at is not None
        assert certificate.revoke_reason == REASON

        page = client.get(verify_url(certificate.code)).content.decode()
        assert as_seen("This certificate has been revoked") in page
        assert REASON in page
        [entry] = log_entries(certificate, "certificates.revoke")
        assert entry.user == superuser
        assert entry.data == {"reason": REASON}

    def test_a_reason_is_required(self, client, superuser, certificate):
        response = client.post(reverse("certificate_revoke", args=[certificate.pk]), {"reason": ""})

        assert response.status_code == 200
        assert response.context["form"].errors["reason"]
        certificate.refresh_from_db()
        assert certificate.revoked_at is None
        assert not log_entries(certificate, "certificates.revoke").exists()


class TestReissue:
    """The learner's name was misspelt: staff re-issue the certificate with the corrected
    name. It gets a new code and PDF; the old code now says it was superseded."""

    def test_reissuing_with_a_corrected_name(
        self, client, superuser, certificate, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("certificate_reissue", args=[certificate.pk]),
                {"name": "Šárka Nguyễn-Øster"},
            )

        assert response.status_code == 302
        new = Certificate.objects.get(user=certificate.user, is_current=True)
        assert new.pk != certificate.pk
        assert new.code != certificate.code
        assert new.name == "Šárka Nguyễn-Øster"
        assert new.status == Certificate.Status.READY
        assert new.completed_on == certificate.completed_on
        assert "Šárka Nguyễn-Øster" in pdf_text(pdf_bytes(new))

        certificate.refresh_from_db()
        assert certificate.is_current is False
        assert certificate.superseded_by == new

        old_page = client.get(verify_url(certificate.code)).content.decode()
        assert as_seen("This certificate has been replaced by a newer one") in old_page
        assert new.code in old_page
        assert client.get(verify_url(new.code, json=True)).json()["status"] == "valid"

        [entry] = log_entries(certificate, "certificates.reissue")
        assert entry.user == superuser
        assert entry.data == {"new_code": new.code}

    def test_a_blank_name_is_refused(self, client, superuser, certificate):
        response = client.post(
            reverse("certificate_reissue", args=[certificate.pk]), {"name": "   "}
        )

        assert response.status_code == 200
        assert response.context["form"].errors["name"]
        assert Certificate.objects.filter(user=certificate.user).count() == 1
        assert not log_entries(certificate, "certificates.reissue").exists()

    def test_reissuing_an_already_superseded_certificate_does_not_break(
        self, client, superuser, certificate, django_capture_on_commit_callbacks
    ):
        """Two staff members fix the same misspelt name from the same (now stale) listing:
        the second one must not get a server error, and the learner keeps one current
        certificate."""
        url = reverse("certificate_reissue", args=[certificate.pk])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"name": "Šárka Nguyễn-Øster"})
        client.raise_request_exception = False

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"name": "Šárka Nguyễn-Øster"})

        assert response.status_code < 500
        assert Certificate.objects.filter(user=certificate.user, is_current=True).count() == 1


class TestOnlyStaffWithPermission:
    @pytest.fixture
    def editor(self, client):
        """An editor with admin access but no permission to change certificates."""
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))
        client.force_login(user)
        return user

    @pytest.mark.parametrize("action", ["certificate_revoke", "certificate_reissue"])
    def test_a_learner_is_refused(self, learner_client, certificate, action):
        url = reverse(action, args=[certificate.pk])

        for response in (
            learner_client.get(url),
            learner_client.post(url, {"reason": REASON, "name": "Mallory"}),
        ):
            assert response.status_code in (302, 403)
            if response.status_code == 302:
                assert "login" in response["Location"]
        self.assert_untouched(certificate)

    @pytest.mark.parametrize("action", ["certificate_revoke", "certificate_reissue"])
    def test_an_editor_without_the_permission_is_refused(self, client, editor, certificate, action):
        url = reverse(action, args=[certificate.pk])

        for response in (client.get(url), client.post(url, {"reason": REASON, "name": "Mallory"})):
            # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
            assert response.status_code in (302, 403)
            if response.status_code == 302:
                assert response["Location"] == reverse("wagtailadmin_home")
        self.assert_untouched(certificate)

    def test_an_editor_given_the_permission_may_revoke(self, client, editor, certificate):
        editor.user_permissions.add(
            Permission.objects.get(
                codename="change_certificate", content_type__app_label="certificates"
            )
        )

        response = client.post(
            reverse("certificate_revoke", args=[certificate.pk]), {"reason": REASON}
        )

        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.is_revoked

    def test_anonymous_visitors_are_sent_to_log_in(self, client, certificate):
        response = client.post(
            reverse("certificate_revoke", args=[certificate.pk]), {"reason": REASON}
        )

        assert response.status_code == 302
        assert "login" in response["Location"]
        self.assert_untouched(certificate)

    def assert_untouched(self, certificate):
        certificate.refresh_from_db()
        assert certificate.revoked_at is None
        assert certificate.is_current
        assert Certificate.objects.filter(user=certificate.user).count() == 1
        assert not ModelLogEntry.objects.for_instance(certificate).exists()


class TestAdminScreens:
    def test_the_certificate_listing_offers_revoke_and_reissue(
        self, client, superuser, certificate
    ):
        response = client.get(reverse("wagtailsnippets_certificates_certificate:list"))

        assert response.status_code == 200
        page = response.content.decode()
        assert certificate.code in page
        assert reverse("certificate_revoke", args=[certificate.pk]) in page
        assert reverse("certificate_reissue", args=[certificate.pk]) in page

    def test_a_certificate_opens_in_the_admin(self, client, superuser, certificate):
        for view in ("edit", "inspect"):
            url = reverse(f"wagtailsnippets_certificates_certificate:{view}", args=[certificate.pk])
            response = client.get(url)
            assert response.status_code == 200, view
            assert certificate.code in response.content.decode(), view

    def test_the_edit_form_cannot_change_a_certificate(self, client, superuser, certificate):
        url = reverse("wagtailsnippets_certificates_certificate:edit", args=[certificate.pk])

        client.post(url, {"name": "Changed", "status": "pending", "pdf_sha256": "0" * 64})

        certificate.refresh_from_db()
        assert certificate.name == "Sarka Nguyen"
        assert certificate.status == Certificate.Status.READY
        assert certificate.pdf_sha256 != "0" * 64
