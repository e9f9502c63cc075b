"""The worker-crash drill of issue 12: workers killed with SIGKILL mid-render cost seconds.

Real Celery workers on PostgreSQL and Redis (see test_celery_worker.py). The killed workers'
render tasks stay in Redis's unacknowledged set for the whole visibility timeout (an hour
here, as in production); the worker started after them renders their certificates at once,
by its start-up sweep. Meanwhile /healthz/worker says the workers are down.
"""

import signal
import time

import pytest
from django.urls import reverse

from certificates.models import Certificate
from tests.integration.test_celery_worker import (  # noqa: F401 (an autouse fixture)
    _postgres_and_clean_queue,
    ready_certificate,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis", "postgresql")]

RENDER_DELAY = 30  # the doomed workers are killed well inside it
HEARTBEAT_MAX_AGE = 3


@pytest.fixture
def worker_env(tmp_path):
    mail = tmp_path / "mail"
    mail.mkdir()
    return {
        "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
        "EMAIL_FILE_PATH": str(mail),
        "CELERY_VISIBILITY_TIMEOUT": "3600",  # recovery must not come from redelivery
        "WORKER_HEARTBEAT_INTERVAL": "1",
    }


@pytest.fixture
def heartbeat_seen_here(settings, redis_url):
    """This process reads the workers' heartbeat where they write it: the Redis cache."""
    import os

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.WORKER_HEARTBEAT_MAX_AGE = HEARTBEAT_MAX_AGE
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "foresight"),
        }
    }


def worker_health(client) -> str:
    return client.get(reverse("healthz_worker")).json()["worker"]


def emails_to(address: str, tmp_path) -> int:
    return sum(path.read_text().count(f"To: {address}") for path in (tmp_path / "mail").iterdir())


def test_certificates_of_killed_workers_are_rendered_once_soon_after_a_worker_is_back(
    course,
    tmp_path,
    client,
    worker_env,
    heartbeat_seen_here,
    redis_url,
    django_capture_on_commit_callbacks,
):
    """Two workers each start drawing a certificate (slowly) and a third certificate waits
    in the queue; both workers are killed with SIGKILL. Until a worker is back the
    certificates stay pending and /healthz/worker answers 503. A new worker renders all
    three within 30 s of being started, each once, each learner emailed once."""
    import redis

    doomed = [
        start_worker(
            tmp_path, f"doomed{n}", CERTIFICATE_RENDER_DELAY=str(RENDER_DELAY), **worker_env
        )
        for n in (1, 2)
    ]
    try:
        wait_for(lambda: worker_health(client) == "ok", 10, "a heartbeat", tmp_path)
        with django_capture_on_commit_callbacks(execute=True):
            certificates = [ready_certificate(course.course) for _ in range(3)]

        def both_drawing() -> bool:
            logs = [(tmp_path / f"doomed{n}.log").read_text() for n in (1, 2)]
            return all("render_certificate_task" in log and "received" in log for log in logs)

        wait_for(both_drawing, 30, "both workers to take a render task", tmp_path)
        time.sleep(1)
    finally:
        for worker in doomed:
            stop(worker, signal.SIGKILL)

    pks = [certificate.pk for certificate in certificates]
    assert set(Certificate.objects.filter(pk__in=pks).values_list("status", flat=True)) == {
        "pending"
    }
    # The two tasks the workers held are parked until the visibility timeout.
    assert redis.Redis.from_url(redis_url).hlen("unacked") == 2
    wait_for(lambda: worker_health(client) == "down", 10, "the workers to be seen down", tmp_path)
    assert client.get(reverse("healthz_worker")).status_code == 503

    back = time.monotonic()
    rescuer = start_worker(tmp_path, "rescuer", **worker_env)
    try:
        wait_for(
            lambda: Certificate.objects.filter(pk__in=pks, status="ready").count() == 3,
            30 - (time.monotonic() - back),
            "the new worker to render the stalled certificates",
            tmp_path,
        )
        took = time.monotonic() - back
        assert worker_health(client) == "ok"
    finally:
        stop(rescuer)

    assert took < 30
    for certificate in Certificate.objects.filter(pk__in=pks).select_related("user"):
        assert certificate.render_attempts == 1
        assert certificate.notified_at is not None
        assert emails_to(certificate.user.email, tmp_path) == 1
