"""Who may open a learner's certificate page and PDF, the email that says it is ready, and
the "Add to LinkedIn" link."""

import hashlib
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from certificates import issuing
from certificates.models import Certificate
from tests.certificates.conftest import complete_course, issue, learner_url, pdf_bytes
from tests.factories import UserFactory

PDF, PAGE = "certificate_pdf", "certificate_detail"


@pytest.fixture
def certificate(learner, ready_certificate):
    return ready_certificate(learner, name="Šárka Nguyễn-Øster")


def login(client, **fields):
    user = UserFactory(**fields)
    client.force_login(user)
    return user


class TestDownloadRule:
    """The PDF and the HTML certificate are private: the learner and staff see them; for
    everyone else they do not exist."""

    @pytest.mark.parametrize("view", [PDF, PAGE])
    def test_anonymous_visitors_get_not_found(self, client, certificate, view):
        assert client.get(learner_url(view, certificate.code)).status_code == 404

    def test_the_learner_downloads_the_pdf(self, learner_client, certificate):
        response = learner_client.get(learner_url(PDF, certificate.code))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert f"certificate-{certificate.code}.pdf" in response["Content-Disposition"]
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == certificate.pdf_sha256
        assert body == pdf_bytes(certificate)

    def test_the_learner_sees_the_html_certificate(self, learner_client, certificate):
        response = learner_client.get(learner_url(PAGE, certificate.code))

        assert response.status_code == 200
        page = response.content.decode()
        assert "Šárka Nguyễn-Øster" in page
        assert certificate.course_title in page
        assert certificate.code in page
        assert f"http://testserver/verify/{certificate.code}/" in page
        assert learner_url(PDF, certificate.code) in page

    @pytest.mark.parametrize("view", [PDF, PAGE])
    def test_another_learner_gets_not_found(self, client, certificate, view):
        login(client)
        assert client.get(learner_url(view, certificate.code)).status_code == 404

    @pytest.mark.parametrize("view", [PDF, PAGE])
    @pytest.mark.parametrize("who", ["course manager", "superuser"])
    def test_staff_who_may_view_certificates_open_it(self, client, certificate, view, who):
        if who == "superuser":
            login(client, is_staff=True, is_superuser=True)
        else:
            user = login(client, is_staff=True)
            user.user_permissions.add(Permission.objects.get(codename="view_certificate"))
        response = client.get(learner_url(view, certificate.code))

        assert response.status_code == 200
        if view == PDF:
            assert response["Content-Type"] == "application/pdf"

    @pytest.mark.parametrize("view", [PDF, PAGE])
    def test_staff_without_the_permission_get_not_found(self, client, certificate, view):
        """An editor has admin access (is_staff) but may not view certificates."""
        user = login(client, is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))

        assert client.get(learner_url(view, certificate.code)).status_code == 404

    @pytest.mark.parametrize("view", [PDF, PAGE])
    @pytest.mark.parametrize(
        "code", ["0000-0000-0000-0000", "not-a-code", "7K3M-9QXV-A2BC-DEF", "7K3M-9QXV-A2BC-DEFU"]
    )
    def test_unknown_and_malformed_codes_are_not_found(
        self, learner_client, certificate, view, code
    ):
        assert learner_client.get(learner_url(view, code)).status_code == 404

    def test_a_lowercase_code_opens_the_same_certificate(self, learner_client, certificate):
        response = learner_client.get(learner_url(PAGE, certificate.code.lower()))

        assert response.status_code == 200
        assert response.context["certificate"] == certificate

    @pytest.mark.parametrize(
        "status",
        [Certificate.Status.AWAITING_NAME, Certificate.Status.PENDING, Certificate.Status.FAILED],
    )
    def test_a_certificate_not_yet_ready_has_no_pdf(
        self, learner, learner_client, certified_course, status
    ):
        certificate = issue(learner, certified_course)
        Certificate.objects.filter(pk=certificate.pk).update(status=status)

        assert learner_client.get(learner_url(PDF, certificate.code)).status_code == 404
        page = learner_client.get(learner_url(PAGE, certificate.code))
        assert page.status_code == 200
        assert learner_url(PDF, certificate.code) not in page.content.decode()


class TestReadyEmail:
    def test_one_email_with_a_link_and_no_attachment(
        self, learner, certified_course, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            complete_course(learner, certified_course)
        certificate = Certificate.objects.get(user=learner)
        assert mail.outbox == []

        with django_capture_on_commit_callbacks(execute=True):
            issuing.confirm_name(certificate, "Анна Петрова")
            issuing.render(certificate.pk)
            issuing.notify_ready(certificate.pk)

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [learner.email]
        assert certified_course.course.title in message.subject
        assert message.attachments == []
        assert not getattr(message, "alternatives", [])
        link = f"http://testserver{learner_url(PAGE, certificate.code)}"
        assert link in message.body
        assert "Анна Петрова" in message.body
        assert certificate.code in message.body

        # The link works for the learner.
        client.force_login(learner)
        assert client.get(urlsplit(link).path).status_code == 200


class TestLinkedIn:
    def test_the_add_to_profile_link_carries_the_certificate(
        self, learner_client, certificate, certificate_template
    ):
        page = learner_client.get(learner_url(PAGE, certificate.code)).content.decode()

        [href] = re.findall(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', page)
        params = parse_qs(urlsplit(html.unescape(href)).query)
        assert params["name"] == [certificate.course_title]
        assert params["organizationName"] == [certificate_template.issuer]
        assert params["issueYear"] == [str(certificate.completed_on.year)]
        assert params["issueMonth"] == [str(certificate.completed_on.month)]
        assert params["certUrl"] == [f"http://testserver/verify/{certificate.code}/"]
        assert params["certId"] == [certificate.code]
