"""The test run: same engines as the environment gives (SQLite by default, PostgreSQL in CI)."""

from cms.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media" / "private"  # noqa: F405
STORAGES["certificates"]["OPTIONS"] = {"location": PRIVATE_MEDIA_ROOT}  # noqa: F405
STORAGES["exports"]["OPTIONS"] = {"location": PRIVATE_MEDIA_ROOT}  # noqa: F405

# Passkeys over plain http on localhost (the browser treats it as a secure context).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
