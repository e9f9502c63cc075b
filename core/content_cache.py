"""What published content looks like, cached until the content changes.

Every cached reading of the site's content (routes, outlines, navigation, rendered bodies,
whole pages for visitors without a session) lives under one *generation*: a random token in
the cache. Any change an editor makes (a page saved, published, unpublished, moved or
deleted, scheduled publishing included; a snippet, a setting, an image, a document, a
privacy setting or a site changed) starts a new generation (cms/receivers.py lists what),
at once and again when the change commits, so the next request reads afresh and a reader
can never store what an uncommitted change is about to replace under the generation that
follows it. Old generations are never read again and expire.

The generation is read once per request (cms.page_cache.PageCacheMiddleware keeps
it for the request's length) and once per call outside requests. With the cache down every
read misses and pages render from the database, as before.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

if TYPE_CHECKING:
    from collections.abc import Callable

GENERATION_KEY = "content:generation"
# Long enough to matter, short enough that a change made behind Django's back (a raw SQL
# update, a restored backup) shows within the hour.
CACHE_SECONDS = 60 * 60


class ProcessMemory:
    """What this process read, kept as the very objects (no copy, no pickling), the most
    recently used `size` of them, each for at most `seconds`.

    Values under a generation never change, so each process keeps those it read: most
    requests then ask the shared cache only for the generation. Callers treat what they
    get as read-only (pages from the route cache, outlines, rendered HTML); a value is
    shared by every request of this process.
    """

    def __init__(self, size: int, seconds: float):
        self.size, self.seconds = size, seconds
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key: str, value: Any, seconds: float | None = None) -> None:
        expires = time.monotonic() + min(seconds or self.seconds, self.seconds)
        with self._lock:
            self._items[key] = (expires, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


local = ProcessMemory(size=3000, seconds=CACHE_SECONDS)

_request_generation: ContextVar[str | None] = ContextVar("content_generation", default=None)


def _read_generation() -> str:
    """The current generation's token, a new one (shared by every process) if none."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY) or generation
    return generation


_UNREAD = "unread"


def generation() -> str:
    """The content generation: read once per request (when first needed), and on every
    call outside requests."""
    current = _request_generation.get()
    if current is None:
        return _read_generation()
    if current is _UNREAD:
        current = _read_generation()
        _request_generation.set(current)
    return current


@functools.cache
def code_fingerprint() -> str:
    """A digest of the project's code and templates, read once per process: the cached
    values' shapes are the code's, so a deploy never reads what older code stored (and
    during a rolling deploy, old and new processes keep out of each other's way)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=6)
    for package in ("core", "accounts", "courses", "certificates", "cms", "templates"):
        for path in sorted((root / package).rglob("*")):
            if path.suffix in (".py", ".html") and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts: Any) -> str:
    return ":".join(["content", code_fingerprint(), generation(), *map(str, parts)])


def _get(cache_key: str) -> Any:
    value = local.get(cache_key)
    if value is None:
        value = cache.get(cache_key)
        if value is not None:
            local.set(cache_key, value)
    return value


def _put(cache_key: str, value: Any, timeout: int) -> None:
    cache.set(cache_key, value, timeout)
    local.set(cache_key, value, timeout)


def get(*parts: Any) -> Any:
    return _get(key(*parts))


def put(value: Any, *parts: Any, timeout: int = CACHE_SECONDS) -> None:
    _put(key(*parts), value, timeout)


def get_or_set(read: Callable[[], Any], *parts: Any, timeout: int = CACHE_SECONDS) -> Any:
    """The cached value, else `read()` (stored for the next request). `None` is not
    cached: `read` returns something else for "nothing"."""
    cache_key = key(*parts)
    value = _get(cache_key)
    if value is None:
        value = read()
        if value is not None:
            _put(cache_key, value, timeout)
    return value


def bump(**kwargs) -> None:
    """Content changed: start a new generation now, and again when the change commits."""
    if _request_generation.get() is not None:
        _request_generation.set(_UNREAD)
    # Now, and when the transaction commits: a reader in between stores under a
    # generation nobody asks for after it.
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


class RequestGeneration:
    """For one request: read the generation once, forget it when the request ends."""

    def __enter__(self):
        self._token = _request_generation.set(_UNREAD)
        return self

    def __exit__(self, *exc):
        _request_generation.reset(self._token)
        return False


def site_for(request):
    """The request's Wagtail site, from the cache (Wagtail asks the database on every
    request), kept where Wagtail looks for it, `request._wagtail_site`."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        from django.http.request import split_domain_port
        from wagtail.models import Site

        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()

        def read():
            return Site._find_for_request(request) or False  # "no site" is False

        request._wagtail_site = get_or_set(read, "site", hostname, port) or None
    return request._wagtail_site


def site_root_paths() -> list:
    """Wagtail's site root paths (every page URL is built from them), from this process's
    memory: Wagtail reads them from the shared cache on every request."""
    from wagtail.models import Site

    return get_or_set(Site.get_site_root_paths, "site-root-paths")


def prime_request(request) -> None:
    """Where Wagtail looks for the site root paths during a request, the ones from this
    process's memory, read when a page's URL is first built (a redirect or a file never
    reads them)."""
    from django.utils.functional import SimpleLazyObject

    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = SimpleLazyObject(site_root_paths)
