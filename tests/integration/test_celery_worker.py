"""Certificates through a real Celery worker process on Redis, sharing the test database.

These need what production has: PostgreSQL (a database another process can open) and
Redis (at REDIS_URL, or 127.0.0.1:6379). Without them they skip with the reason; CI sets
REQUIRE_SERVICES=1, so there they run, and fail if a service is missing.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from certificates.issuing import issue_for_completion
from certificates.models import Certificate
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis", "postgresql")]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _postgres_and_clean_queue(wagtail_roots, redis_url, monkeypatch):
    assert connection.vendor == "postgresql", "a worker process cannot share SQLite's test db"
    import redis

    monkeypatch.setenv("REDIS_URL", redis_url)  # the workers' broker, as they inherit it
    client = redis.Redis.from_url(redis_url)
    # No task or unacknowledged message left over from another run. (Not FLUSHDB: that would
    # also drop kombu's exchange bindings, which a producer declares once per connection.)
    leftovers = ("celery", "unacked", "unacked_index", "unacked_mutex")
    client.delete(*leftovers)
    # Publish on a fresh connection to the configured broker: earlier tests may have left
    # Celery's pools bound elsewhere (the broker-down tests point it at a dead address).
    from cms.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    app._pool = None
    app.amqp._producer_pool = None
    yield
    client.delete(*leftovers)


def start_worker(tmp_path, name: str, **extra_env) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        **extra_env,
    }
    log_path = tmp_path / f"{name}.log"
    log = log_path.open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # Publish only once the worker has declared its queue and is consuming.
    wait_for(lambda: " ready." in log_path.read_text(), 60, f"worker {name} to start", tmp_path)
    return worker


def stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
    worker.wait(timeout=30)


def wait_for(predicate, seconds: float, what: str, tmp_path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    logs = "\n".join(p.read_text() for p in tmp_path.glob("*.log"))
    pytest.fail(f"timed out waiting for {what}\n{logs[-4000:]}")


def ready_certificate(course):
    """A learner who confirmed a name before completes a course: the certificate is pending
    and its rendering is on the queue."""
    learner = UserFactory(full_name="Ελένη Παπαδοπούλου")
    Certificate.objects.create(
        user=learner,
        course=course,
        language="fi",
        name=learner.full_name,
        course_title="earlier",
        completed_on="2026-01-01",
        status="ready",
        is_current=False,
    )
    from django.utils import timezone

    from courses.models import Enrolment

    Enrolment.objects.create(user=learner, course=course, completed_at=timezone.now())
    certificate = issue_for_completion(learner, course, timezone.now())
    assert certificate.status == Certificate.Status.PENDING
    return certificate


def test_a_worker_renders_the_certificate(course, tmp_path, django_capture_on_commit_callbacks):
    worker = start_worker(tmp_path, "renderer")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            certificate = ready_certificate(course.course)
        wait_for(
            lambda: Certificate.objects.get(pk=certificate.pk).status == "ready",
            60,
            "the worker to render the certificate",
            tmp_path,
        )
    finally:
        stop(worker)
    certificate.refresh_from_db()
    assert certificate.pdf and len(certificate.pdf_sha256) == 64


def test_a_worker_killed_mid_task_still_gives_one_certificate(
    course, tmp_path, django_capture_on_commit_callbacks
):
    """The first worker is killed with SIGKILL while it draws the certificate; the task was
    not acknowledged, so after the visibility timeout a second worker renders it: exactly
    one certificate, rendered once."""
    slow = start_worker(
        tmp_path, "doomed", CERTIFICATE_RENDER_DELAY="30", CELERY_VISIBILITY_TIMEOUT="5"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            certificate = ready_certificate(course.course)
        log = tmp_path / "doomed.log"
        wait_for(
            lambda: "render_certificate_task" in log.read_text() and "received" in log.read_text(),
            60,
            "the first worker to take the task",
            tmp_path,
        )
        time.sleep(1)
    finally:
        stop(slow, signal.SIGKILL)
    assert Certificate.objects.get(pk=certificate.pk).status == "pending"

    time.sleep(6)  # past the visibility timeout
    rescuer = start_worker(tmp_path, "rescuer", CELERY_VISIBILITY_TIMEOUT="5")
    try:
        wait_for(
            lambda: Certificate.objects.get(pk=certificate.pk).status == "ready",
            90,
            "the second worker to render the certificate",
            tmp_path,
        )
    finally:
        stop(rescuer)
    assert Certificate.objects.filter(course=course.course, is_current=True).count() == 1
    certificate.refresh_from_db()
    assert certificate.render_attempts == 1


def test_unpublishing_the_last_missing_lesson_completes_through_the_worker(
    course, tmp_path, django_capture_on_commit_callbacks
):
    """An editor unpublishes the one lesson a learner had left: the re-evaluation goes
    through Redis to a real worker, which completes the learner and issues the certificate
    (pending the name, as a first certificate)."""
    from courses.learners import AccountLearner
    from courses.models import Enrolment

    learner = UserFactory(full_name="")
    for lesson in course.lessons[:-1]:
        AccountLearner(learner).complete(lesson, course.course.outline())
    assert not Enrolment.objects.filter(user=learner, completed_at__isnull=False).exists()
    worker = start_worker(tmp_path, "evaluator")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            course.lessons[-1].unpublish()
        wait_for(
            lambda: Certificate.objects.filter(user=learner).exists(),
            60,
            "the worker to complete the learner and issue the certificate",
            tmp_path,
        )
    finally:
        stop(worker)
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert Certificate.objects.get(user=learner).status == Certificate.Status.AWAITING_NAME


def test_a_worker_exports_and_then_erases_an_account(
    course, tmp_path, django_capture_on_commit_callbacks
):
    """Issue 14 through Redis and a real worker: the learner's export is built and offered,
    then their deletion (withdrawing the certificate) erases the account and the export."""
    from accounts import tasks
    from accounts.models import DataExport, User
    from accounts.privacy import Choice

    learner = UserFactory(full_name="Aino Aalto")
    certificate = Certificate.objects.create(
        user=learner,
        course=course.course,
        language="fi",
        name=learner.full_name,
        course_title="Ennakoinnin perusteet",
        completed_on="2026-01-01",
        status="ready",
        pdf_sha256="0" * 64,
    )
    worker = start_worker(tmp_path, "privacy")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            export = tasks.request_export(learner)
        wait_for(
            lambda: DataExport.objects.get(pk=export.pk).status == "ready",
            60,
            "the worker to build the export",
            tmp_path,
        )
        export.refresh_from_db()
        assert export.file.storage.exists(export.file.name)
        with django_capture_on_commit_callbacks(execute=True):
            tasks.delete_account(learner, Choice.WITHDRAW)
        wait_for(
            lambda: not User.objects.filter(pk=learner.pk).exists(),
            60,
            "the worker to erase the account",
            tmp_path,
        )
    finally:
        stop(worker)
    certificate.refresh_from_db()
    assert certificate.user_id is None and certificate.validity == "withdrawn"
    assert certificate.name == ""
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not export.file.storage.exists(export.file.name)
