"""A revoked certificate says so everywhere its owner looks, with the date and the reason,
and is not offered for download or for LinkedIn any more."""

import pytest

from certificates import issuing
from tests.certificates.conftest import as_seen, learner_url
from tests.conftest import dashboard_url

REASON = "Suoritus tehtiin toisen tunnuksilla."


@pytest.fixture
def revoked(learner, ready_certificate):
    certificate = ready_certificate(learner, name="Aino Oppija")
    issuing.revoke(certificate, REASON)
    return certificate


def test_the_owners_page_says_revoked_with_date_and_reason(learner_client, revoked):
    page = learner_client.get(learner_url("certificate_detail", revoked.code)).content.decode()

    assert as_seen("This certificate has been revoked") in page
    assert REASON in page
    assert learner_url("certificate_pdf", revoked.code) not in page
    assert "linkedin.com" not in page


def test_the_pdf_is_not_handed_out_again(learner_client, revoked):
    assert learner_client.get(learner_url("certificate_pdf", revoked.code)).status_code == 404


def test_the_dashboard_says_revoked_not_ready(learner_client, revoked):
    page = learner_client.get(dashboard_url()).content.decode()
    section = page[page.index('id="certificates"') :]

    assert as_seen("Revoked") in section
    assert REASON in section
    assert as_seen("Ready") not in section
    assert learner_url("certificate_pdf", revoked.code) not in section


def test_a_valid_certificate_still_offers_both(learner_client, learner, ready_certificate):
    certificate = ready_certificate(learner, name="Aino Oppija")
    page = learner_client.get(learner_url("certificate_detail", certificate.code)).content.decode()

    assert learner_url("certificate_pdf", certificate.code) in page
    assert "linkedin.com" in page


def test_the_learner_is_told_by_email_once(
    learner, ready_certificate, django_capture_on_commit_callbacks, mailoutbox
):
    certificate = ready_certificate(learner, name="Aino Oppija")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        issuing.revoke(certificate, REASON)
        issuing.revoke(certificate, "again")

    [message] = mailoutbox
    assert message.to == [learner.email]
    assert REASON in message.body
    assert f"/verify/{certificate.code}/" in message.body


def test_the_admin_detail_view_shows_the_certificate(client, revoked):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(f"/admin/snippets/certificates/certificate/inspect/{revoked.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    for shown in [revoked.code, "Aino Oppija", revoked.course_title, REASON, revoked.pdf_sha256]:
        assert shown in page
