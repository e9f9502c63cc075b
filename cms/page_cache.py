"""Serving pages without asking the database what it answered a moment ago.

Three layers, all under the content generation of core/content_cache.py, so an editor's
publish, unpublish, move, delete or scheduled publish is on the very next request:

- the site for a host, and the route from an address to its page (Wagtail asks the
  database for the site, the home page's translation and each slug of the path on every
  request): `serve`;
- whole pages for visitors without a session (a first-time reader, a crawler, the crowd a
  newsletter sends): `PageCacheMiddleware`, first in the middleware stack, so a page from
  the cache costs about what a bare Django view does. Such a page is the same for every
  such visitor except the CSRF token of its forms and the visitor's own cookies, which are
  put in on the way out, so forms work with and without JavaScript;
- smaller pieces (the outline, the navigation, a lesson's rendered body) cache themselves
  under the same generation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_vary_headers
from wagtail import views as wagtail_views
from wagtail.models import Page

from cms.middleware import remember_language
from core import content_cache

if TYPE_CHECKING:
    from django.http import HttpRequest


# The route from an address to its page ---------------------------------------------------


def _walk(root: Page, components: list[str]) -> tuple[Page, list[str]]:
    """Wagtail's own routing, slug by slug, as far as pages route the usual way: the page
    reached and the components left for its own `route` (a routable page's sub-address)."""
    page, remaining = root, list(components)
    while remaining and type(page).route is Page.route:
        try:
            page = page.get_children().get(slug=remaining[0]).specific
        except Page.DoesNotExist as missing:
            raise Http404 from missing
        remaining = remaining[1:]
    prime = getattr(page, "prime_route_cache", None)
    if prime is not None:
        prime()
    return page, remaining


def route(request: HttpRequest, path: str):
    """What `Page.route_for_request` answers, from the cache after the first time."""
    site = content_cache.site_for(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    parts = ("route", site.id, translation.get_language(), *components)
    entry = content_cache.get(*parts)
    try:
        if entry is None:
            entry = _walk(site.root_page.localized.specific, components)
            content_cache.put(entry, *parts)
        page, remaining = entry
        return page.route(request, remaining)
    except Http404:
        return None


def serve(request: HttpRequest, path: str):
    """Wagtail's page view, with the route from the cache."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)


# Whole pages for visitors without a session ---------------------------------------------

PAGE_SECONDS = 10 * 60
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')


def without_csrf_tokens(html: str) -> tuple[str, int]:
    """HTML to store for everyone: each form's CSRF token replaced by a placeholder (and
    how many there were)."""
    return CSRF_INPUT.subn(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", html)


def with_csrf_token(html: str, request: HttpRequest) -> str:
    """Stored HTML with this visitor's own masked CSRF token in its forms (HTML without
    forms is left alone: no token, so no CSRF cookie, is asked for)."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


# Headers a stored page does not keep: the visitor's own cookies, and what the server
# adds or counts afresh for each answer.
NOT_KEPT_HEADERS = {"set-cookie", "content-length", "date", "server", "x-page-cache"}
NEVER_FROM_CACHE = ("/admin/", "/accounts/", "/documents/", "/media/", "/static/", "/healthz")
# Addresses where Wagtail's own reading of the site root paths stays: files, the health
# check, and the admin (whose page moves read them before and after the move).
NOT_CONTENT = ("/static/", "/media/", "/healthz", "/admin/")

# Each process keeps the pages it served last: most hits then cost one read of the
# generation from the shared cache and nothing else.
local_pages = content_cache.ProcessMemory(size=500, seconds=PAGE_SECONDS)

# Django's CSRF middleware, for its two steps around a page from the cache: reading the
# visitor's CSRF cookie, and setting one for a visitor who has none yet.
_csrf = CsrfViewMiddleware(lambda request: None)


def _sessionless(request: HttpRequest) -> bool:
    """A visitor who may get a stored page: one without a session, asking for an address
    without a query string. Whether the address is a page is known only when it is stored
    (`_storable`); other addresses are never found in the cache."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and not request.path_info.startswith(NEVER_FROM_CACHE)
    )


def _storable(request: HttpRequest, response) -> bool:
    match = getattr(request, "resolver_match", None)
    session = getattr(request, "session", None)
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and match is not None
        and match.url_name == "wagtail_serve"
        and not getattr(request, "is_preview", False)
        and not (session is not None and session.modified)
        and not (request.user.is_authenticated if hasattr(request, "user") else False)
        and not set(response.cookies) - {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
        and not cache_control & {"private", "no-store", "no-cache"}
    )


class CachedPage:
    """A page as every middleware left it, without the visitor's own cookies."""

    def __init__(self, response):
        self.content, tokens = without_csrf_tokens(response.content.decode(response.charset))
        # Without forms the bytes are the same for everyone; with forms, made per visitor.
        self.body = None if tokens else self.content.encode(response.charset)
        self.charset = response.charset
        self.headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in NOT_KEPT_HEADERS
        }

    def response(self, request: HttpRequest) -> HttpResponse:
        has_forms = self.body is None
        if has_forms:
            # A fresh masked token for this visitor, from their CSRF cookie (or a new one,
            # set below).
            _csrf.process_request(request)
            body = with_csrf_token(self.content, request).encode(self.charset)
        else:
            body = self.body
        response = HttpResponse(body, headers=self.headers)
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        if has_forms:
            _csrf.process_response(request, response)
        remember_language(request, response)
        return response


class PageCacheMiddleware:
    """First in the stack: keeps the content generation for the length of the request
    (read once, when first needed; core/content_cache.py), and answers a visitor without a
    session from the page cache.

    Only Wagtail pages are stored, only as rendered for a visitor with no session (no
    cookie but the CSRF and language ones, no query string), and only when rendering them
    neither started a session nor set anything private. The key is the content generation
    and the address, so any change an editor makes shows on the next request. A page is
    stored with the headers every middleware gave it (security, privacy, language), so a
    page from the cache is the page the stack would have answered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        with content_cache.RequestGeneration():
            if not _sessionless(request):
                if not request.path_info.startswith(NOT_CONTENT):
                    content_cache.prime_request(request)
                return self.get_response(request)
            key = content_cache.key("page", request.scheme, request.get_host(), request.path)
            page = local_pages.get(key)
            if page is None:
                page = cache.get(key)
                if page is not None:
                    local_pages.set(key, page)
            if page is not None:
                return page.response(request)
            content_cache.prime_request(request)
            response = self.get_response(request)
            if _storable(request, response):
                # The same address answers a signed-in learner differently: no shared
                # cache on the way may hand this page to a visitor with cookies.
                patch_vary_headers(response, ("Cookie",))
                page = CachedPage(response)
                cache.set(key, page, PAGE_SECONDS)
                local_pages.set(key, page)
                response["X-Page-Cache"] = "miss"
            return response
