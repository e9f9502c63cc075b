from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def remember_language(request, response) -> None:
    """Sets the language cookie to the language of a language-prefixed address, unless it
    already says so."""
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    if prefix in LANGUAGE_CODES and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != prefix:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            prefix,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )


class LanguageCookieMiddleware:
    """Remembers the language of the last language-prefixed page in the language cookie.

    Pages outside the language prefixes (/accounts/, /verify/) then speak the language the
    visitor was reading in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        remember_language(request, response)
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 outside the language prefixes stays a 404.

    Django would redirect /verify/UNKNOWN/ to /fi/verify/UNKNOWN/ because Wagtail's page
    route matches any path there; printed and admin addresses must answer for themselves.
    """

    NEUTRAL_PREFIXES = ("/verify/", "/accounts/", "/admin/", "/documents/", "/healthz", "/i18n/")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.NEUTRAL_PREFIXES):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
