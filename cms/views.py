import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from cms.celery import app as celery_app
from cms.celery import last_heartbeat

logger = logging.getLogger(__name__)


def _check_db() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value it was given")
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """What answers, and whether this host is serving: "ok"; "degraded" (200) when the
    cache or the broker is down, since pages render from the database without the cache
    and completed work waits for the sweep without the broker, so a load balancer keeps
    every host in; "down" (503) only without the database."""
    result = {}
    for name, check in (("db", _check_db), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            result[name] = check()
        except Exception:
            logger.exception("healthz: %s is down", name)
            result[name] = "down"
    if result["db"] == "down":
        result["status"] = "down"
    else:
        result["status"] = "degraded" if "down" in result.values() else "ok"
    return JsonResponse(result, status=503 if result["status"] == "down" else 200)


@never_cache
@require_GET
def healthz_worker(request: HttpRequest) -> JsonResponse:
    """Readiness of the background work: 200 while a Celery worker's heartbeat is fresh
    (or tasks run eagerly, in the web process); 503 when none is.

    Apart from /healthz on purpose: the site serves its pages without a worker, so a load
    balancer's /healthz must not take the web processes out over a dead worker; monitoring
    watches this one."""
    if celery_app.conf.task_always_eager:
        return JsonResponse({"worker": "eager", "heartbeat_age": None})
    try:
        beat = last_heartbeat()
    except Exception:
        logger.exception("healthz: the cache holding the worker heartbeat is down")
        beat = None
    age = None if beat is None else max(0, round(time.time() - beat))
    alive = age is not None and age <= settings.WORKER_HEARTBEAT_MAX_AGE
    return JsonResponse(
        {"worker": "ok" if alive else "down", "heartbeat_age": age}, status=200 if alive else 503
    )


def public_media(request: HttpRequest, path: str):
    """An image file from local media storage (the URL pattern admits images only)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def not_found(request: HttpRequest):
    raise Http404
