"""Local development: the embedded default (SQLite, eager Celery, console email)."""

from cms.settings.base import *  # noqa: F403
from cms.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-key-never-use-in-production")  # noqa: S105
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Passkeys over plain http on localhost (the browser treats it as a secure context).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
