"""The client's address behind the site's proxies, and rate limits on atomic counters.

Every limit of the site (allauth's, through the account adapter, and the site's own) keys
on `client_ip`, so visitors behind the same load balancer do not share one bucket.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: with TRUSTED_PROXY_COUNT proxies in front of the site, the
    address the outermost trusted proxy saw, read from X-Forwarded-For from the right (the
    left part is whatever the client claims, so it is never trusted)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        return "unknown"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window opens again


def hit(scope: str, key: str, limit: int, window: int) -> Verdict:
    """Counts one request of `key` in the current fixed window of `window` seconds.

    `cache.add` creates the counter only if it is missing and `cache.incr` adds one in
    the cache itself (Redis INCR), so parallel requests are all counted: no read-then-write.
    """
    now = time.time()
    start = int(now // window) * window
    counter = f"ratelimit:{scope}:{key}:{start}"
    cache.add(counter, 0, timeout=window + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired between add and incr: this request opens the window
        cache.add(counter, 1, timeout=window + 1)
        count = 1
    return Verdict(allowed=count <= limit, retry_after=max(1, int(start + window - now) + 1))
