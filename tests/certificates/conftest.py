from __future__ import annotations

import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from pypdf import PdfReader

from certificates import issuing
from certificates.models import Certificate, CourseCertificate
from courses.learners import AccountLearner
from tests.certificates.factories import CertificateTemplateFactory


@pytest.fixture(autouse=True)
def certificate_storage(monkeypatch, tmp_path):
    """Certificate PDFs go to a fresh private folder per test, so a test can count them."""
    storage = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", storage)
    return storage


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in the process on both test setups.

    Without REDIS_URL the settings make Celery eager already; with REDIS_URL set they do not,
    and no worker runs here, so the render task would sit in Redis. Making the app eager keeps
    the real path (enqueue_render -> render_certificate_task -> render -> notify_ready) under
    test on both. The broker-down tests switch it off again.
    """
    from cms.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def certificate_template(db):
    return CertificateTemplateFactory()


@pytest.fixture
def certified_course(build_course, certificate_template):
    """A published two-lesson course of 2.5 hours printed with the Finnish template."""
    built = build_course(lessons=2, modules=1, estimated_duration_minutes=150)
    CourseCertificate.objects.create(course=built.course, template=certificate_template)
    return built


@pytest.fixture
def other_course(build_course, certificate_template):
    built = build_course(lessons=1, modules=1)
    CourseCertificate.objects.create(course=built.course, template=certificate_template)
    return built


def complete_course(user, built) -> None:
    """The learner marks every lesson of the course complete (call inside
    django_capture_on_commit_callbacks(execute=True) to let the completion signal go)."""
    learner = AccountLearner(user)
    for lesson in built.lessons:
        learner.complete(lesson, built.course.outline())


def mark_completed(user, built):
    """The learner's completion of the course as record_course_completion stores it, without
    sending the completion signal."""
    from courses.models import Enrolment

    now = timezone.now()
    Enrolment.objects.update_or_create(
        user=user, course=built.course, defaults={"completed_at": now}
    )
    return now


def issue(user, built) -> Certificate:
    """The learner completes the course and the certificate is issued for it."""
    return issuing.issue_for_completion(user, built.course, mark_completed(user, built))


@pytest.fixture
def ready_certificate(certified_course, django_capture_on_commit_callbacks):
    """make(user, course=None, name=None): a learner's certificate, rendered and ready, as
    after completing the course and confirming the name."""

    def make(user, built=None, name: str | None = None) -> Certificate:
        built = built or certified_course
        with django_capture_on_commit_callbacks(execute=True):
            certificate = issue(user, built)
            if certificate.status == Certificate.Status.AWAITING_NAME:
                issuing.confirm_name(certificate, name or user.full_name)
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.READY
        return certificate

    return make


def learner_url(name: str, code: str, language: str = "fi") -> str:
    """A learner's certificate URL: certificate_detail, certificate_pdf or
    certificate_confirm_name."""
    with translation.override(language):
        return reverse(name, args=[code])


def verify_url(code: str, json: bool = False) -> str:
    return reverse("verify_json" if json else "verify", args=[code])


def as_seen(message: str, language: str = "fi", **params) -> str:
    """A message as it appears in the HTML of a page shown in `language`."""
    with translation.override(language):
        text = gettext(message)
        return escape(text % params if params else text)


def pdf_bytes(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def qr_payloads(data: bytes) -> list[str]:
    """What a phone reads from the QR codes on the first page."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=3).to_pil()
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]
