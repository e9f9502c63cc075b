from django.conf import settings


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
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
