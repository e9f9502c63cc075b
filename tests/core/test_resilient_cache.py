"""The Redis cache backend answers like an empty cache when Redis does not answer, and
leaves Redis alone for a few seconds after a failure (no service needed: nothing listens)."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from core import cache as resilient

DEAD = "redis://127.0.0.1:9/0"  # nothing listens on the discard port


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "dead": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": DEAD,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    return caches["dead"]


def test_reads_miss_and_writes_are_dropped(dead_cache):
    assert dead_cache.get("key") is None
    assert dead_cache.get("key", "default") == "default"
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.set("key", "value") is None
    assert dead_cache.add("key", "value") is False
    assert dead_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert dead_cache.delete("key") is False
    assert dead_cache.has_key("key") is False
    assert dead_cache.incr("counter") == 1
    assert dead_cache.get_or_set("key", lambda: "computed") == "computed"


def test_a_failure_keeps_it_away_from_redis_for_a_while(dead_cache, monkeypatch):
    calls = []
    real = dead_cache._cache.get

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(dead_cache._cache, "get", counting)
    monkeypatch.setattr(resilient, "RETRY_AFTER", 60)
    for _ in range(5):
        assert dead_cache.get("key") is None
    assert len(calls) == 1


def test_the_rate_limiter_fails_open_without_redis(dead_cache, monkeypatch):
    from core import ratelimit

    monkeypatch.setattr(ratelimit, "cache", dead_cache)
    verdicts = [ratelimit.hit("test", "198.51.100.7", 2, 60) for _ in range(5)]
    assert all(verdict.allowed for verdict in verdicts)


def test_a_delete_made_while_redis_was_down_happens_when_it_answers(dead_cache, monkeypatch):
    """Deleting is how content changes reach every process (the content generation): a
    delete that failed is replayed before anything else once Redis answers again."""
    deleted = []
    dead_cache.delete("content:generation")
    dead_cache.delete_many(["a", "b"])
    assert dead_cache._pending_deletes == {
        dead_cache.make_and_validate_key(key) for key in ("content:generation", "a", "b")
    }
    # Redis answers again.
    monkeypatch.setattr(dead_cache, "_down_until", 0.0)
    monkeypatch.setattr(dead_cache._cache, "delete_many", lambda keys: deleted.extend(keys))
    monkeypatch.setattr(dead_cache._cache, "get", lambda key, default=None: default)
    assert dead_cache.get("anything") is None
    assert sorted(deleted) == sorted(
        dead_cache.make_and_validate_key(key) for key in ("content:generation", "a", "b")
    )
    assert not dead_cache._pending_deletes
