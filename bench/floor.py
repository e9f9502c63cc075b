"""The floor of `make bench`: a bare Django view returning about 18 KB of HTML.

Served by gunicorn with the same options as the site, it is what no page can beat on this
machine: the same server, the same Python, Django's request and response, no middleware,
no template, no database. `gunicorn bench.floor:application`.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

from core.process import tune_garbage_collector

SIZE = int(os.environ.get("BENCH_FLOOR_BYTES", 18 * 1024))
ROW = '<li><a href="/fi/kurssit/ennakoinnin-perusteet/">Ennakoinnin perusteet</a></li>\n'
HTML = (
    '<!doctype html>\n<html lang="fi"><head><meta charset="utf-8"><title>Floor</title>'
    "</head><body><ul>\n" + ROW * (SIZE // len(ROW)) + "</ul></body></html>\n"
).encode()

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "floor-only"),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(HTML, content_type="text/html; charset=utf-8")


urlpatterns = [path("", floor)]
application = get_wsgi_application()
# The same garbage-collector settings as the site's processes (cms/wsgi.py).
tune_garbage_collector()
