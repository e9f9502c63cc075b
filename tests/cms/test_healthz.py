"""/healthz: 200 with what answered, 503 naming what is down."""

import os

import pytest
from django.db import OperationalError


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def test_healthy_with_eager_celery(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # what an unset REDIS_URL gives
    assert healthz(client) == (200, {"db": "ok", "cache": "ok", "broker": "eager"})


def test_healthy_as_configured_by_the_environment(client, db):
    expected_broker = "ok" if os.environ.get("REDIS_URL") else "eager"
    assert healthz(client) == (200, {"db": "ok", "cache": "ok", "broker": expected_broker})


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
    assert healthz(client) == (200, {"db": "ok", "cache": "ok", "broker": "ok"})


def test_503_when_the_broker_is_down(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # nothing listens
    assert healthz(client) == (503, {"db": "ok", "cache": "ok", "broker": "down"})


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
    assert healthz(client) == (503, {"db": "down", "cache": "ok", "broker": "eager"})


@pytest.mark.parametrize("broken", [BrokenCache, ForgetfulCache])
def test_503_when_the_cache_is_down(client, db, eager, monkeypatch, broken):
    monkeypatch.setattr("cms.views.cache", broken())
    assert healthz(client) == (503, {"db": "ok", "cache": "down", "broker": "eager"})
