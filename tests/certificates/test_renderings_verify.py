"""Certificates that verify forever (issue 12, finding 4): after a bulk regenerate with the
codes kept, the file a learner downloaded earlier still passes the employer's upload check,
as a genuine earlier rendering; and drawing the same data with the same template again
gives the very same bytes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates import issuing
from certificates.models import Certificate, CertificateRendering
from tests.certificates.conftest import as_seen, pdf_bytes, verify_url
from tests.factories import UserFactory

EARLIER = (
    "The file is a genuine earlier rendering of this certificate: the certificate was drawn "
    "again later (for example with an updated layout), with the same code and the same details."
)
IDENTICAL = "The file is identical to the issued certificate."
CHANGED = (
    "The file is NOT the issued certificate: it has been changed or it belongs to another "
    "certificate."
)


def upload(client, certificate, content: bytes):
    file = SimpleUploadedFile("todistus.pdf", content, content_type="application/pdf")
    return client.post(verify_url(certificate.code), {"pdf": file})


def regenerate(course, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        issuing.start_regeneration(course)


@pytest.fixture
def certificate(ready_certificate):
    return ready_certificate(UserFactory(full_name="Aino Ahkera"))


def test_a_regenerated_certificate_s_earlier_pdf_verifies_as_genuine(
    client, certificate, certified_course, certificate_template, django_capture_on_commit_callbacks
):
    earlier = pdf_bytes(certificate)
    certificate_template.heading = "Osaamistodistus"
    certificate_template.save()

    regenerate(certified_course.course, django_capture_on_commit_callbacks)

    certificate.refresh_from_db()
    now = pdf_bytes(certificate)
    assert now != earlier
    response = upload(client, certificate, earlier)
    page = response.content.decode()
    assert response.status_code == 200
    assert as_seen(EARLIER) in page
    assert as_seen(CHANGED) not in page
    assert as_seen(IDENTICAL) in upload(client, certificate, now).content.decode()
    data = client.get(verify_url(certificate.code, json=True)).json()
    assert data["pdf_sha256"] == certificate.pdf_sha256
    assert len(data["earlier_pdf_sha256"]) == 1


def test_regenerating_twice_keeps_every_rendering(
    client, certificate, certified_course, certificate_template, django_capture_on_commit_callbacks
):
    files = [pdf_bytes(certificate)]
    for heading in ("Osaamistodistus", "Todistus suorituksesta"):
        certificate_template.heading = heading
        certificate_template.save()
        regenerate(certified_course.course, django_capture_on_commit_callbacks)
        certificate.refresh_from_db()
        files.append(pdf_bytes(certificate))
    assert len(set(files)) == 3
    assert certificate.renderings.count() == 3
    for earlier in files[:2]:
        assert as_seen(EARLIER) in upload(client, certificate, earlier).content.decode()


def test_the_same_data_and_template_give_the_same_bytes(
    certificate, certified_course, django_capture_on_commit_callbacks
):
    before = pdf_bytes(certificate)
    regenerate(certified_course.course, django_capture_on_commit_callbacks)
    certificate.refresh_from_db()
    assert pdf_bytes(certificate) == before
    assert certificate.renderings.count() == 1


def test_a_changed_earlier_file_is_still_refused(
    client, certificate, certified_course, certificate_template, django_capture_on_commit_callbacks
):
    earlier = pdf_bytes(certificate)
    certificate_template.heading = "Osaamistodistus"
    certificate_template.save()
    regenerate(certified_course.course, django_capture_on_commit_callbacks)
    changed = earlier.replace(b"/Producer", b"/Producex", 1)
    page = upload(client, certificate, changed).content.decode()
    assert as_seen(CHANGED) in page
    assert as_seen(EARLIER) not in page


def test_another_certificate_s_earlier_file_is_not_genuine_for_this_one(
    client,
    ready_certificate,
    certified_course,
    certificate_template,
    django_capture_on_commit_callbacks,
):
    mine = ready_certificate(UserFactory(full_name="Aino Ahkera"))
    theirs = ready_certificate(UserFactory(full_name="Bertta Bergström"))
    their_earlier = pdf_bytes(theirs)
    certificate_template.heading = "Osaamistodistus"
    certificate_template.save()
    regenerate(certified_course.course, django_capture_on_commit_callbacks)
    page = upload(client, mine, their_earlier).content.decode()
    assert as_seen(CHANGED) in page


def test_every_rendering_is_recorded_once(certificate):
    assert list(CertificateRendering.objects.values_list("certificate", "sha256")) == [
        (certificate.pk, certificate.pdf_sha256)
    ]
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.PENDING)
    issuing.render(certificate.pk)
    assert CertificateRendering.objects.count() == 1


def test_the_admin_detail_view_lists_earlier_renderings(
    client, certificate, certified_course, certificate_template, django_capture_on_commit_callbacks
):
    earlier = certificate.pdf_sha256
    certificate_template.heading = "Osaamistodistus"
    certificate_template.save()
    regenerate(certified_course.course, django_capture_on_commit_callbacks)
    certificate.refresh_from_db()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/snippets/certificates/certificate/inspect/{certificate.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert earlier in page and certificate.pdf_sha256 in page
