"""Rendering survives repeats, a broker that is down and a renderer that breaks."""

import hashlib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from certificates import issuing
from certificates.models import Certificate
from certificates.tasks import render_certificate_task
from courses.models import Enrolment
from tests.certificates.conftest import as_seen, complete_course, issue, pdf_bytes
from tests.certificates.factories import CertificateFactory
from tests.conftest import complete, dashboard_url
from tests.factories import UserFactory


def returning_learner():
    """A learner who already has a certificate (for an earlier course) with a confirmed name,
    so the next one is rendered without asking."""
    user = UserFactory(full_name="Анна Петрова")
    CertificateFactory(user=user, status=Certificate.Status.READY)
    return user


def files_in(storage) -> list[str]:
    return storage.listdir("certificates")[1] if storage.exists("certificates") else []


def pending_for_a_while(certificate, minutes=4):
    Certificate.objects.filter(pk=certificate.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


class TestRenderTwice:
    def test_rendering_again_changes_nothing(
        self, learner, ready_certificate, certificate_storage, django_capture_on_commit_callbacks
    ):
        certificate = ready_certificate(learner)
        first_bytes = pdf_bytes(certificate)

        with django_capture_on_commit_callbacks(execute=True):
            issuing.render(certificate.pk)
            render_certificate_task.delay(certificate.pk)

        again = Certificate.objects.get(pk=certificate.pk)
        assert again.status == Certificate.Status.READY
        assert again.render_attempts == 1
        assert again.pdf.name == certificate.pdf.name
        assert again.pdf_sha256 == certificate.pdf_sha256
        assert pdf_bytes(again) == first_bytes
        assert hashlib.sha256(first_bytes).hexdigest() == again.pdf_sha256
        assert files_in(certificate_storage) == [certificate.pdf.name.split("/")[-1]]
        assert len(mail.outbox) == 1

    def test_rendering_an_unknown_certificate_does_nothing(self, db):
        assert issuing.render(987654) is None


class TestBrokerDown:
    """The broker is unreachable when a learner finishes a course. The completion is kept,
    the certificate waits as pending, and the periodic sweep renders it a few minutes later.
    """

    @pytest.fixture
    def broker_down(self, eager_celery, monkeypatch):
        monkeypatch.setitem(eager_celery.conf, "task_always_eager", False)

        def refuse(*args, **kwargs):
            raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

        monkeypatch.setattr(render_certificate_task, "apply_async", refuse)

    def test_completion_is_kept_and_the_sweep_renders_later(
        self, client, certified_course, broker_down, django_capture_on_commit_callbacks
    ):
        user = returning_learner()
        client.force_login(user)

        with django_capture_on_commit_callbacks(execute=True):
            for lesson in certified_course.lessons:
                response = complete(client, lesson)
                assert response.status_code == 302

        enrolment = Enrolment.objects.get(user=user, course=certified_course.course)
        assert enrolment.completed_at is not None
        certificate = Certificate.objects.get(user=user, course=certified_course.course)
        assert certificate.status == Certificate.Status.PENDING
        assert not certificate.pdf

        # Not yet: a certificate only just created may still be on its way through Celery.
        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 0
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.PENDING

        pending_for_a_while(certificate)
        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 1

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.READY
        assert certificate.pdf_sha256 == hashlib.sha256(pdf_bytes(certificate)).hexdigest()
        assert len(mail.outbox) == 1

    def test_an_unreachable_broker_url(
        self,
        learner,
        certified_course,
        eager_celery,
        monkeypatch,
        django_capture_on_commit_callbacks,
    ):
        """The same with a real connection attempt to a port where nothing listens, with the
        project's Celery settings otherwise as they are: the learner is not kept waiting."""
        app = eager_celery
        monkeypatch.setitem(app.conf, "task_always_eager", False)
        monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
        fresh_connections(app)
        user = returning_learner()
        started = time.monotonic()
        try:
            with django_capture_on_commit_callbacks(execute=True):
                complete_course(user, certified_course)
        finally:
            fresh_connections(app)
        assert time.monotonic() - started < 5

        certificate = Certificate.objects.get(user=user, course=certified_course.course)
        assert certificate.status == Certificate.Status.PENDING
        assert Enrolment.objects.get(user=user, course=certified_course.course).completed_at

        pending_for_a_while(certificate)
        issuing.sweep()
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.READY

    def test_the_sweep_leaves_ready_and_waiting_certificates_alone(self, certified_course):
        ready = CertificateFactory(course=certified_course.course, status=Certificate.Status.READY)
        waiting = CertificateFactory(
            course=certified_course.course, status=Certificate.Status.AWAITING_NAME, name=""
        )
        for certificate in (ready, waiting):
            pending_for_a_while(certificate, minutes=60)

        assert issuing.sweep() == 0
        assert not Certificate.objects.get(pk=waiting.pk).pdf
        assert not Certificate.objects.get(pk=ready.pk).pdf


def fresh_connections(app) -> None:
    """Makes Celery look up its broker connection pool again, so the next publish uses the
    current broker_url. (Pools are not closed: kombu keeps them by URL for reuse.)"""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


class TestRenderFailure:
    """Drawing the PDF breaks (a missing font file, a corrupt logo): after the task's retries
    the certificate is marked failed with the error, where staff and the learner see it."""

    @pytest.fixture
    def broken_renderer(self, monkeypatch):
        def fail(data):
            raise RuntimeError("font file missing")

        monkeypatch.setattr(issuing, "render_certificate", fail)

    def test_the_last_failed_attempt_is_recorded_and_shown(
        self,
        learner,
        learner_client,
        certified_course,
        broken_renderer,
        django_capture_on_commit_callbacks,
    ):
        """The worker's last retry fails. It is run here as a worker runs a task (Celery's
        tracer, errors not propagated), so the task's on_failure handler takes over."""
        from celery.app.trace import build_tracer

        certificate = issue(learner, certified_course)
        with django_capture_on_commit_callbacks(execute=False):  # nothing enqueued here
            issuing.confirm_name(certificate, "Ελένη Παπαδοπούλου")
        task = render_certificate_task
        worker_trace = build_tracer(task.name, task, app=task.app, eager=False, propagate=False)

        worker_trace(
            "last-attempt",
            (certificate.pk,),
            {},
            {"id": "last-attempt", "retries": task.max_retries, "delivery_info": {}},
        )

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.FAILED
        assert certificate.last_error == "RuntimeError: font file missing"
        assert not certificate.pdf
        assert mail.outbox == []

        dashboard = learner_client.get(dashboard_url()).content.decode()
        assert (
            as_seen("Making the certificate failed. Our staff have been told and will fix it.")
            in dashboard
        )

    def test_a_late_failure_does_not_undo_a_ready_certificate(self, learner, ready_certificate):
        certificate = ready_certificate(learner)

        issuing.mark_failed(certificate.pk, "RuntimeError: from an earlier, duplicate delivery")

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.READY
        assert certificate.last_error == ""

    def test_a_failed_certificate_can_be_rendered_once_fixed(
        self, learner, certified_course, django_capture_on_commit_callbacks
    ):
        certificate = issue(learner, certified_course)
        Certificate.objects.filter(pk=certificate.pk).update(name="Анна Петрова")
        issuing.mark_failed(certificate.pk, "RuntimeError: font file missing")

        with django_capture_on_commit_callbacks(execute=True):
            issuing.render(certificate.pk)

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.READY
        assert certificate.last_error == ""

    def test_one_broken_certificate_does_not_stop_the_sweep(
        self, certified_course, other_course, monkeypatch, django_capture_on_commit_callbacks
    ):
        """Two certificates wait for the sweep; the first cannot be drawn. The second is still
        rendered, and the first is marked failed instead of being retried silently forever."""
        real = issuing.render_certificate

        def fail_for_one(data):
            if data.name == "Broken Logo":
                raise RuntimeError("cannot identify image file")
            return real(data)

        monkeypatch.setattr(issuing, "render_certificate", fail_for_one)
        broken = CertificateFactory(course=certified_course.course, name="Broken Logo")
        fine = CertificateFactory(course=other_course.course, name="Анна Петрова")
        for certificate in (broken, fine):
            pending_for_a_while(certificate)

        with django_capture_on_commit_callbacks(execute=True):
            issuing.sweep()

        fine.refresh_from_db()
        broken.refresh_from_db()
        assert fine.status == Certificate.Status.READY
        assert broken.status == Certificate.Status.FAILED
        assert "cannot identify image file" in broken.last_error
