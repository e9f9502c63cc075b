"""Rate limits key on the visitor behind the site's proxies, and count on atomic counters."""

import threading

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core.ratelimit import client_ip, hit

rf = RequestFactory()


def request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


class TestClientIp:
    def test_without_a_proxy_the_peer_is_the_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_ip(request("203.0.113.5", "198.51.100.7")) == "203.0.113.5"

    def test_behind_one_proxy_the_address_it_saw(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(request("10.0.0.1", "198.51.100.7")) == "198.51.100.7"

    def test_a_forged_left_part_is_ignored(self, settings):
        """The client may send any X-Forwarded-For; the proxy appends what it saw."""
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(request("10.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"

    def test_behind_two_proxies(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        assert client_ip(request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1")) == ("198.51.100.7")

    @pytest.mark.parametrize("forwarded", ["", "not-an-address", ", ,"])
    def test_junk_is_never_an_address(self, settings, forwarded):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(request("10.0.0.1", forwarded)) in ("10.0.0.1", "unknown")

    def test_ipv6(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(request("10.0.0.1", "2001:db8::1")) == "2001:db8::1"


@pytest.mark.django_db
@pytest.mark.usefixtures("limiter_clock")
class TestVerificationBehindTheProxy:
    """Fifty visitors behind the load balancer each get their own 30 lookups a minute."""

    def test_visitors_behind_the_proxy_have_their_own_limits(self, client, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for visitor in range(40):
            response = client.get(
                "/verify/0000-0000-0000-0000.json",
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{visitor}",
            )
            assert response.status_code == 404

    def test_one_visitor_is_limited_with_retry_after(self, client, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        statuses = [
            client.get(
                "/verify/0000-0000-0000-0000.json",
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR="198.51.100.9",
            )
            for _ in range(31)
        ]
        assert [r.status_code for r in statuses[:30]] == [404] * 30
        assert statuses[30].status_code == 429
        assert 1 <= int(statuses[30]["Retry-After"]) <= 61

    def test_the_html_page_says_when_to_retry(self, client):
        for _ in range(30):
            client.get("/verify/0000-0000-0000-0000/")
        response = client.get("/verify/0000-0000-0000-0000/")
        assert response.status_code == 429
        assert int(response["Retry-After"]) >= 1


@pytest.mark.django_db
def test_allauth_keys_its_limits_on_the_same_address(settings):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_adapter().get_client_ip(request("10.0.0.1", "198.51.100.7")) == "198.51.100.7"


@pytest.mark.services("redis")
def test_parallel_hits_on_redis_are_all_counted(settings, redis_url):
    """A thousand lookups at once, in 50 threads: exactly the limit gets through."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "ratelimit-test",
        }
    }
    cache.clear()
    allowed = []
    lock = threading.Lock()

    def worker():
        for _ in range(20):
            verdict = hit("parallel", "198.51.100.1", 30, 60)
            with lock:
                allowed.append(verdict.allowed)

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.clear()

    assert len(allowed) == 1000
    # The window may turn over during the run: then twice the limit at most.
    assert 30 <= sum(allowed) <= 60
