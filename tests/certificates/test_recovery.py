"""A render that died with its worker is picked up in seconds, and still done once.

The render task of a killed worker waits in Redis for the broker's visibility timeout (an
hour). The sweep does not wait for it: celery beat runs it every CERTIFICATE_SWEEP_EVERY
seconds for certificates pending longer than CERTIFICATE_SWEEP_AFTER, and a worker that
starts sweeps everything pending before it started. tests/integration/test_worker_recovery.py
runs the same with real workers killed with SIGKILL.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from certificates import issuing
from certificates.models import Certificate
from certificates.tasks import sweep_on_worker_start, sweep_pending_certificates
from cms.celery import app
from tests.certificates.factories import CertificateFactory


def pending_since(certificate, seconds: float) -> None:
    Certificate.objects.filter(pk=certificate.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds)
    )


def emails_to(certificate) -> int:
    return sum(certificate.user.email in message.to for message in mail.outbox)


@pytest.fixture
def sweep_after_20s(settings):
    settings.CERTIFICATE_SWEEP_AFTER = 20


class TestPeriodicSweep:
    """Celery beat sweeps every few seconds; a certificate pending for longer than the
    threshold lost its task (its worker died, or the broker was down)."""

    def test_a_stalled_certificate_is_rendered_and_the_learner_told_once(
        self, certified_course, sweep_after_20s, django_capture_on_commit_callbacks
    ):
        stalled = CertificateFactory(course=certified_course.course)
        pending_since(stalled, 25)

        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 1

        stalled.refresh_from_db()
        assert stalled.status == Certificate.Status.READY
        assert stalled.pdf and stalled.render_attempts == 1
        assert emails_to(stalled) == 1

    def test_a_certificate_just_queued_is_left_to_its_task(
        self, certified_course, sweep_after_20s, django_capture_on_commit_callbacks
    ):
        fresh = CertificateFactory(course=certified_course.course)
        pending_since(fresh, 10)

        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 0

        fresh.refresh_from_db()
        assert fresh.status == Certificate.Status.PENDING
        assert fresh.render_attempts == 0

    def test_ready_failed_and_waiting_certificates_are_untouched(
        self, certified_course, sweep_after_20s, django_capture_on_commit_callbacks
    ):
        others = [
            CertificateFactory(course=certified_course.course, status=status)
            for status in (
                Certificate.Status.READY,
                Certificate.Status.FAILED,
                Certificate.Status.AWAITING_NAME,
            )
        ]
        for certificate in others:
            pending_since(certificate, 3600)

        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 0

        for certificate in others:
            after = Certificate.objects.get(pk=certificate.pk)
            assert after.status == certificate.status
            assert after.render_attempts == 0 and not after.pdf
        assert mail.outbox == []

    def test_sweeping_twice_renders_once(
        self, certified_course, sweep_after_20s, django_capture_on_commit_callbacks
    ):
        stalled = CertificateFactory(course=certified_course.course)
        pending_since(stalled, 25)

        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 1
        first = Certificate.objects.get(pk=stalled.pk)
        with django_capture_on_commit_callbacks(execute=True):
            assert issuing.sweep() == 0
            sweep_pending_certificates.delay(pending_since=time.time())

        again = Certificate.objects.get(pk=stalled.pk)
        assert again.render_attempts == 1
        assert again.pdf_sha256 == first.pdf_sha256
        assert emails_to(stalled) == 1

    def test_beat_sweeps_every_few_seconds_and_drops_sweeps_no_worker_took(self):
        entry = app.conf.beat_schedule["sweep-pending-certificates"]
        assert entry["task"] == sweep_pending_certificates.name
        assert entry["schedule"] <= 15
        # While no worker runs, beat's sweeps expire instead of piling up in the queue.
        assert entry["options"]["expires"] <= entry["schedule"]


class TestSweepOnWorkerStart:
    """A worker that starts renders at once everything pending before it started, however
    recently: after a crash the tasks it held wait out the visibility timeout."""

    def test_a_starting_worker_queues_a_sweep_of_what_was_pending_before_it(self, monkeypatch):
        queued = []
        monkeypatch.setattr(sweep_pending_certificates, "delay", lambda **kw: queued.append(kw))
        before = time.time()

        sweep_on_worker_start(sender=None)

        assert len(queued) == 1
        assert before <= queued[0]["pending_since"] <= time.time()

    def test_everything_pending_before_the_start_is_rendered(
        self, certified_course, sweep_after_20s, django_capture_on_commit_callbacks
    ):
        died_with_the_worker = CertificateFactory(course=certified_course.course)
        pending_since(died_with_the_worker, 2)  # younger than the periodic threshold
        started = time.time()
        queued_after = CertificateFactory(course=certified_course.course)
        pending_since(queued_after, -1)  # created after the start: it has its own task

        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_pending_certificates(pending_since=started) == 1

        assert Certificate.objects.get(pk=died_with_the_worker.pk).status == "ready"
        assert Certificate.objects.get(pk=queued_after.pk).status == "pending"


@pytest.mark.services("postgresql")
@pytest.mark.django_db(transaction=True)
class TestConcurrentSweeps:
    """On PostgreSQL, with real row locks: two sweeps at once (two workers started together,
    or beat's sweep meeting a starting worker's) and a sweep meeting a render in progress."""

    @pytest.fixture
    def stalled(self, wagtail_roots, certified_course, sweep_after_20s):
        certificates = [CertificateFactory(course=certified_course.course) for _ in range(4)]
        for certificate in certificates:
            pending_since(certificate, 60)
        return certificates

    @pytest.fixture
    def slow_drawing(self, monkeypatch):
        """Drawing a PDF takes a moment, so the sweeps overlap."""
        real = issuing.render_certificate

        def slow(data):
            time.sleep(0.2)
            return real(data)

        monkeypatch.setattr(issuing, "render_certificate", slow)

    def in_threads(self, *functions) -> list:
        results: list = [None] * len(functions)
        start = threading.Barrier(len(functions))

        def run(index, function):
            try:
                start.wait()
                results[index] = function()
            except Exception as error:  # shown by the assertion below
                results[index] = error
            finally:
                connection.close()

        threads = [
            threading.Thread(target=run, args=(index, function))
            for index, function in enumerate(functions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results

    def test_two_sweeps_at_once_render_each_certificate_once(self, stalled, slow_drawing):
        counts = self.in_threads(issuing.sweep, issuing.sweep)

        assert all(isinstance(count, int) for count in counts), counts
        assert sum(counts) == len(stalled)
        for certificate in stalled:
            after = Certificate.objects.get(pk=certificate.pk)
            assert after.status == Certificate.Status.READY
            assert after.render_attempts == 1
            assert emails_to(certificate) == 1

    def test_a_sweep_skips_a_certificate_a_live_render_holds(
        self, stalled, monkeypatch, sweep_after_20s
    ):
        """A worker is drawing the certificate (its render holds the row lock): the sweep
        neither waits for it nor draws it a second time."""
        busy, others = stalled[0], stalled[1:]
        drawing, finish = threading.Event(), threading.Event()
        real = issuing.render_certificate

        def held_open(data):
            if data.name == busy.name:
                drawing.set()
                finish.wait(30)
            return real(data)

        monkeypatch.setattr(issuing, "render_certificate", held_open)
        Certificate.objects.filter(pk=busy.pk).update(name="Held Open")
        busy.name = "Held Open"

        def live_render():
            issuing.render(busy.pk)
            return "rendered"

        def sweep_while_drawing():
            assert drawing.wait(30)
            started = time.monotonic()
            try:
                return issuing.sweep(), time.monotonic() - started
            finally:
                finish.set()

        (rendered, (swept, took)) = self.in_threads(live_render, sweep_while_drawing)

        assert rendered == "rendered"
        assert swept == len(others)
        assert took < 10  # not held up by the locked row
        for certificate in stalled:
            after = Certificate.objects.get(pk=certificate.pk)
            assert after.status == Certificate.Status.READY
            assert after.render_attempts == 1
        assert emails_to(busy) == 1
