from django.conf import settings
from django.utils import translation


class LanguageCookieMiddleware:
    """Remembers the language of the last language-prefixed page in the language cookie.

    Pages outside the language prefixes (/accounts/, /verify/) then speak the language the
    visitor was reading in.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        response = self.get_response(request)
        prefix = request.path_info.lstrip("/").split("/", 1)[0]
        if prefix in self.codes and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != prefix:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                prefix,
                max_age=settings.LANGUAGE_COOKIE_AGE or 60 * 60 * 24 * 365,
                path=settings.LANGUAGE_COOKIE_PATH,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
            )
        return response


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


class AdminPreviewFramingMiddleware:
    """Lets Wagtail's admin frame its own previews while every other page stays DENY.

    X_FRAME_OPTIONS is DENY site-wide; the clickjacking middleware leaves a header that is
    already set, so previews (page, snippet and block previews) answer SAMEORIGIN.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        if path.startswith("/admin/") and ("/preview/" in path or "block-preview" in path):
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response
