"""A Redis cache that is never a single point of failure.

With Redis down, every read is a miss and every write is dropped (logged, not raised): pages
render from the database, slower, and every write the site makes answers truthfully, since
nothing it stores in the cache is the only copy. Once Redis answers again the cache fills
up by itself. After a failure the cache is not asked again for `RETRY_AFTER` seconds, so a
dead Redis costs one failed connection per process every few seconds, not one per call.
Rate limits fail open while Redis is down (and say so in the log).

A delete that fails is not forgotten: it is what tells every process that content changed
(core/content_cache.py bumps its generation by deleting a key), so the process replays it
before anything else once Redis answers again, and a change an editor made during an
outage shows when Redis is back, instead of the cache's older copy.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


def _resilient(fallback):
    """Wraps a cache method: on a Redis failure it answers `fallback(*args)` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            deletes = method.__name__ in ("delete", "delete_many")
            if time.monotonic() < self._down_until:
                if deletes:
                    self._remember_deletes(method.__name__, args, kwargs)
                return fallback(*args, **kwargs)
            try:
                if self._pending_deletes:
                    self._cache.delete_many(list(self._pending_deletes))
                    self._pending_deletes.clear()
                return method(self, *args, **kwargs)
            except FAILURES as error:
                self._down_until = time.monotonic() + RETRY_AFTER
                logger.warning("cache unavailable (%s): serving without it", error)
                if deletes:
                    self._remember_deletes(method.__name__, args, kwargs)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _miss(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _fresh_counter(key, delta=1, *args, **kwargs):
    return delta


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._pending_deletes: set[str] = set()

    def _remember_deletes(self, name: str, args, kwargs) -> None:
        keys = args[0] if args else kwargs.get("keys" if name == "delete_many" else "key")
        version = kwargs.get("version") or (args[1] if len(args) > 1 else None)
        for key in [keys] if name == "delete" else list(keys):
            self._pending_deletes.add(self.make_and_validate_key(key, version=version))

    get = _resilient(_miss)(RedisCache.get)
    get_many = _resilient(_empty)(RedisCache.get_many)
    has_key = _resilient(_false)(RedisCache.has_key)
    set = _resilient(_nothing)(RedisCache.set)
    add = _resilient(_false)(RedisCache.add)
    touch = _resilient(_false)(RedisCache.touch)
    set_many = _resilient(_all_failed)(RedisCache.set_many)
    delete = _resilient(_false)(RedisCache.delete)
    delete_many = _resilient(_nothing)(RedisCache.delete_many)
    incr = _resilient(_fresh_counter)(RedisCache.incr)
    clear = _resilient(_false)(RedisCache.clear)
