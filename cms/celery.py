"""Celery app. Tasks run eagerly in-process when REDIS_URL is unset (settings decide).

A running worker writes a heartbeat to the cache, which `/healthz/worker` reads."""

import logging
import os
import threading
import time

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_ready, worker_shutdown
from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@task_prerun.connect
@task_postrun.connect
def _drop_broken_connections(task=None, **kwargs) -> None:
    """As Django does around a request: a connection that errored or broke is closed; a
    healthy one is kept for the next task (CELERY_DB_REUSE_MAX). Not for a task run
    eagerly or inside a transaction (its caller's: a worker never runs a task in one)."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        return
    close_old_connections()


HEARTBEAT_KEY = "celery-worker-heartbeat"


class Heartbeat:
    """Writes the time to the cache every `interval` seconds from a thread of the worker's
    main process. A thread, not the consumer's timer: a long task (under --pool=solo the
    consumer runs it) must not make a live worker look dead. It dies with the process."""

    def __init__(self, interval: float, max_age: float) -> None:
        self.interval, self.max_age = interval, max_age
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def beat(self) -> None:
        # The newest beat of any worker: one live worker is enough for the tasks to run.
        cache.set(HEARTBEAT_KEY, time.time(), timeout=self.max_age)

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                self.beat()
            except Exception:  # the cache may be down for a while; keep trying
                logger.exception("Worker heartbeat: could not write to the cache")
            self._stopped.wait(self.interval)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)


def last_heartbeat() -> float | None:
    """When a worker last said it was alive (a Unix time), or None."""
    return cache.get(HEARTBEAT_KEY)


_heartbeat: Heartbeat | None = None


@worker_ready.connect
def start_heartbeat(sender, **kwargs) -> None:
    global _heartbeat
    if _heartbeat is None:
        _heartbeat = Heartbeat(
            settings.WORKER_HEARTBEAT_INTERVAL, settings.WORKER_HEARTBEAT_MAX_AGE
        )
        _heartbeat.start()


@worker_shutdown.connect
def stop_heartbeat(sender, **kwargs) -> None:
    global _heartbeat
    if _heartbeat is not None:
        _heartbeat.stop()
        _heartbeat = None
