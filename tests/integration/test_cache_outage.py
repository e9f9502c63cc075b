"""A cache is never a single point of failure (issue 13, item 7).

A drill on PostgreSQL + Redis killed Redis for 30 s: every HTML page answered 500 (Wagtail's
site root paths and the header and footer links read the cache), and lesson completions that
had been saved answered 500 (the next page's URL is built after the commit). Here a real
Redis, started for the test, is killed between requests and in the middle of one: pages
render from the database, every write answers truthfully, /healthz says "degraded" (not
"down"), and when Redis is back the cache is used again by itself.
"""

from __future__ import annotations

import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.db.models.signals import post_save

from core import cache as resilient
from courses.models import Enrolment, LessonCompletion
from tests.conftest import complete

pytestmark = pytest.mark.services("redis")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, on a free port, that the test can kill."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(settings, monkeypatch):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0.2)
    cache.clear()
    yield server
    server.kill()


def pages(course) -> list[str]:
    return [
        "/fi/",
        course.course.url,
        course.modules[0].url,
        course.lessons[0].url,
        "/fi/haku/?q=x",
    ]


def test_pages_render_from_the_database_while_redis_is_down(
    client, learner_client, course, redis_server
):
    for url in pages(course):
        assert client.get(url).status_code == 200, url

    redis_server.kill()
    for url in pages(course):
        assert client.get(url).status_code == 200, url
        assert learner_client.get(url).status_code == 200, url
    response = complete(learner_client, course.lessons[0])
    assert response.status_code == 302
    assert learner_client.get(response["Location"]).status_code == 200
    assert LessonCompletion.objects.filter(lesson=course.lessons[0]).count() == 1

    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["cache"] == "down" and health.json()["status"] == "degraded"


def test_a_completion_answers_truthfully_when_redis_dies_mid_request(
    learner_client, learner, course, redis_server
):
    def kill_redis(sender, instance, created, **kwargs):
        redis_server.kill()

    # The completion is inserted, then the enrolment saved: Redis dies in between.
    post_save.connect(kill_redis, sender=Enrolment, dispatch_uid="kill-redis")
    try:
        response = complete(learner_client, course.lessons[1])
    finally:
        post_save.disconnect(dispatch_uid="kill-redis")
    assert redis_server.process.poll() is not None  # Redis died during the request
    assert response.status_code == 302
    assert response["Location"] == course.lessons[2].url
    assert LessonCompletion.objects.filter(user=learner, lesson=course.lessons[1]).exists()
    assert learner_client.get(course.course.url).context["progress"].required_done == 1


def test_the_cache_is_used_again_once_redis_is_back(client, course, redis_server):
    redis_server.kill()
    assert client.get(course.course.url).status_code == 200
    cache.set("outage-probe", "lost")
    assert cache.get("outage-probe") is None

    redis_server.start()
    time.sleep(0.3)  # past RETRY_AFTER
    cache.set("outage-probe", "kept")
    assert cache.get("outage-probe") == "kept"
    health = client.get("/healthz").json()
    assert health["cache"] == "ok"
    assert client.get(course.course.url).status_code == 200
