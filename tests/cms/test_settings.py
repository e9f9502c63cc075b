"""Production settings pass Django's deployment checks, and refuse to start without a
secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment: only what locates the program and the services, so variables a
    # test run sets for itself (DJANGO_ALLOW_ASYNC_UNSAFE, SECRET_KEY...) cannot leak in.
    environment = {
        key: os.environ[key]
        for key in ("PATH", "HOME", "LANG", "DATABASE_URL", "REDIS_URL")
        if key in os.environ
    }
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PUBLIC_URL = "https://kurssi.example.fi"


def test_deploy_check_passes_with_a_strong_secret_key():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        WAGTAILADMIN_BASE_URL=PUBLIC_URL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "base_url",
    [None, "http://127.0.0.1:8000", "https://localhost", "http://kurssi.example.fi"],
)
def test_the_deploy_check_refuses_a_base_url_that_is_not_public(base_url):
    env = {"SECRET_KEY": secrets.token_urlsafe(50)}
    if base_url is not None:
        env["WAGTAILADMIN_BASE_URL"] = base_url
    result = manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert "certificates.E001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_cache_and_celery_follow_redis_url(settings):
    """Without REDIS_URL the cache is the database (rate limits still shared between
    processes) and Celery runs tasks eagerly; with it, Redis serves both (the cache through
    the backend that serves without Redis when Redis is down)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "core.cache.ResilientRedisCache"
        assert settings.CELERY_BROKER_URL == os.environ["REDIS_URL"]
        assert not settings.CELERY_TASK_ALWAYS_EAGER
    else:
        assert backend == "django.core.cache.backends.db.DatabaseCache"
        assert settings.CELERY_TASK_ALWAYS_EAGER
