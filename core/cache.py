"""A Redis cache that is never a single point of failure.

With Redis down, every read is a miss and every write is dropped (logged, not raised): pages
render from the database, slower, and every write the site makes answers truthfully, since
nothing it stores in the cache is the only copy. Once Redis answers again the cache fills
up by itself. After a failure the cache is not asked again for `RETRY_AFTER` seconds, so a
dead Redis costs one failed connection per process every few seconds, not one per call.
Rate limits fail open while Redis is down (and say so in the log).
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
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except FAILURES as error:
                self._down_until = time.monotonic() + RETRY_AFTER
                logger.warning("cache unavailable (%s): serving without it", error)
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
