"""Request body limits, enforced before anything reads the body.

Django's CSRF check reads a POST's form, and a multipart form is spooled to a temporary
file as it is read: a 300 MB upload would be on disk before any view could refuse it.
This middleware answers 413 from the declared length alone, before the body is touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

MB = 1024 * 1024


def body_limit(path: str) -> int:
    """The largest body a request to `path` may declare: the longest matching prefix of
    REQUEST_BODY_LIMITS, else REQUEST_BODY_LIMIT."""
    matches = [
        (len(prefix), limit)
        for prefix, limit in settings.REQUEST_BODY_LIMITS.items()
        if path.startswith(prefix)
    ]
    return max(matches)[1] if matches else settings.REQUEST_BODY_LIMIT


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request.path_info)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = limit + 1  # a length that is not a number is not read either
        if length > limit:
            message = _("What you sent is too large: at most %(limit)s MB can be sent here.") % {
                "limit": f"{limit / MB:.0f}" if limit >= MB else f"{limit / MB:.1f}"
            }
            return render(request, "413.html", {"message": message}, status=413)
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Personal pages are never stored by a browser or proxy cache, and no page may use
    the device's sensors or payment features.

    A page is personal when the visitor has a session (signed in, or an anonymous learner
    whose progress lives there) or gets one with this response: then
    `Cache-Control: private, no-store`. A first-time reader's page is left cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        gets_session = settings.SESSION_COOKIE_NAME in response.cookies
        if has_session or gets_session:
            patch_cache_control(response, private=True, no_store=True)
            # patch_cache_control keeps public/max-age from a view; a personal page has none.
            response["Cache-Control"] = ", ".join(
                part
                for part in response["Cache-Control"].split(", ")
                if not part.startswith(("public", "max-age", "s-maxage"))
            )
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
