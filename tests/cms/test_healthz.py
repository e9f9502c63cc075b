"""/healthz: what answered, and whether the host serves: "ok", "degraded" (200: the cache or
the broker is down, pages still render) or "down" (503: no database)."""

import os
import time

import pytest
from django.db import OperationalError


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def test_healthy_with_eager_celery(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # what an unset REDIS_URL gives
    assert healthz(client) == (
        200,
        {"db": "ok", "cache": "ok", "broker": "eager", "status": "ok"},
    )


def test_healthy_as_configured_by_the_environment(client, db):
    expected_broker = "ok" if os.environ.get("REDIS_URL") else "eager"
    assert healthz(client) == (
        200,
        {"db": "ok", "cache": "ok", "broker": expected_broker, "status": "ok"},
    )


def test_answer_is_never_cached(client, db):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


@pytest.mark.services("redis")
def test_broker_ok_when_redis_answers(client, db, settings, monkeypatch, redis_url):
    """Needs Redis at REDIS_URL (or 127.0.0.1:6379): skips without it, fails under
    REQUIRE_SERVICES=1."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setenv("CELERY_BROKER_URL", redis_url)
    assert healthz(client) == (
        200,
        {"db": "ok", "cache": "ok", "broker": "ok", "status": "ok"},
    )


def test_degraded_when_the_broker_is_down(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # nothing listens
    assert healthz(client) == (
        200,
        {"db": "ok", "cache": "ok", "broker": "down", "status": "degraded"},
    )


class BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server")


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("cache unreachable")

    def get(self, *args, **kwargs):
        raise ConnectionError("cache unreachable")


class ForgetfulCache:
    def set(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return None


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


def test_503_when_the_database_is_down(client, db, eager, monkeypatch):
    monkeypatch.setattr("cms.views.connection", BrokenConnection())
    assert healthz(client) == (
        503,
        {"db": "down", "cache": "ok", "broker": "eager", "status": "down"},
    )


@pytest.mark.parametrize("broken", [BrokenCache, ForgetfulCache])
def test_degraded_when_the_cache_is_down(client, db, eager, monkeypatch, broken):
    monkeypatch.setattr("cms.views.cache", broken())
    assert healthz(client) == (
        200,
        {"db": "ok", "cache": "down", "broker": "eager", "status": "degraded"},
    )


# /healthz/worker: is a Celery worker alive? ----------------------------------------------


def worker_health(client):
    response = client.get("/healthz/worker")
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.fixture
def with_broker(settings, monkeypatch):
    from cms.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False  # what REDIS_URL gives
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    settings.WORKER_HEARTBEAT_MAX_AGE = 60


def beat_at(seconds_ago: float) -> None:
    from django.core.cache import cache

    from cms.celery import HEARTBEAT_KEY

    cache.set(HEARTBEAT_KEY, time.time() - seconds_ago, 300)


def test_worker_eager_when_tasks_run_in_the_web_process(client, db, eager, monkeypatch):
    from cms.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    assert worker_health(client) == (200, {"worker": "eager", "heartbeat_age": None})


def test_worker_ok_while_its_heartbeat_is_fresh(client, db, with_broker):
    beat_at(12)
    assert worker_health(client) == (200, {"worker": "ok", "heartbeat_age": 12})


def test_worker_down_once_its_heartbeat_is_stale(client, db, with_broker):
    """A worker killed with SIGKILL stops beating: after the threshold it is down, 503."""
    beat_at(61)
    assert worker_health(client) == (503, {"worker": "down", "heartbeat_age": 61})


def test_worker_down_when_none_ever_beat(client, db, with_broker):
    assert worker_health(client) == (503, {"worker": "down", "heartbeat_age": None})


def test_worker_down_when_the_cache_is_down(client, db, with_broker, monkeypatch):
    monkeypatch.setattr("cms.celery.cache", BrokenCache())
    assert worker_health(client) == (503, {"worker": "down", "heartbeat_age": None})


def test_a_dead_worker_does_not_fail_the_load_balancers_check(client, db, with_broker, monkeypatch):
    """/healthz keeps the web processes in the load balancer: pages are served without a
    worker (certificates wait as pending); /healthz/worker is the alarm."""
    monkeypatch.setattr("cms.views._check_broker", lambda: "ok")
    assert healthz(client) == (
        200,
        {"db": "ok", "cache": "ok", "broker": "ok", "status": "ok"},
    )
    assert worker_health(client)[0] == 503


class TestHeartbeat:
    """The thread a worker starts when it is ready: it writes the time now and then every
    interval, until the worker shuts down."""

    @pytest.fixture(autouse=True)
    def _memory_cache(self, settings):
        # The thread has its own database connection, which the test's transaction would
        # lock out of SQLite's cache table; the threading is what is tested here.
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "heartbeat-tests",
            }
        }

    def test_beats_at_once_and_then_every_interval(self):
        from django.core.cache import cache

        from cms.celery import HEARTBEAT_KEY, Heartbeat, last_heartbeat

        heartbeat = Heartbeat(interval=0.2, max_age=60)
        heartbeat.start()
        try:
            deadline = time.monotonic() + 5
            while last_heartbeat() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            first = last_heartbeat()
            assert first is not None and time.time() - first < 5
            while last_heartbeat() == first and time.monotonic() < deadline:
                time.sleep(0.05)
            assert last_heartbeat() > first
        finally:
            heartbeat.stop()
        assert not heartbeat._thread.is_alive()
        stopped_at = cache.get(HEARTBEAT_KEY)
        time.sleep(0.4)
        assert cache.get(HEARTBEAT_KEY) == stopped_at  # no beat after the shutdown

    def test_a_cache_outage_does_not_end_the_heartbeat(self, monkeypatch):
        from cms.celery import Heartbeat

        calls = []

        class FlakyCache:
            def set(self, *args, **kwargs):
                calls.append(args)
                if len(calls) == 1:
                    raise ConnectionError("cache unreachable")

        monkeypatch.setattr("cms.celery.cache", FlakyCache())
        heartbeat = Heartbeat(interval=0.05, max_age=60)
        heartbeat.start()
        try:
            deadline = time.monotonic() + 5
            while len(calls) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            heartbeat.stop()
        assert len(calls) >= 3

    def test_the_worker_starts_one_heartbeat_and_stops_it(self, settings, monkeypatch):
        from cms import celery

        settings.WORKER_HEARTBEAT_INTERVAL = 60
        started = []
        monkeypatch.setattr(celery.Heartbeat, "start", lambda self: started.append(self))
        monkeypatch.setattr(celery.Heartbeat, "stop", lambda self: started.remove(self))
        monkeypatch.setattr(celery, "_heartbeat", None)

        celery.start_heartbeat(sender=None)
        celery.start_heartbeat(sender=None)
        assert len(started) == 1
        assert started[0].interval == 60

        celery.stop_heartbeat(sender=None)
        assert started == [] and celery._heartbeat is None
