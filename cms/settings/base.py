"""Settings shared by every environment; values come from the environment (DESIGN.md)."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cms",
    "core",
    "accounts",
    "courses",
    "certificates",
    "events",
    "plans",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
]
# Widgets render with the project's templates too (templates/wagtailadmin/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    # Keeps the content generation for the request, and answers a visitor without a
    # session with a whole page from the cache before anything else runs: the page was
    # stored with every header the middleware below gave it (cms/page_cache.py).
    "cms.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "cms.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads a request's body (the CSRF check reads the form).
    "core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Wagtail marks its own preview views SAMEORIGIN; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite in WAL mode unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # One connection per worker thread, kept between requests: opening SQLite and running
    # the PRAGMAs above on every request costs more than many a page's queries.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
elif env.bool("DATABASE_POOL", default=True):
    # PostgreSQL: psycopg 3's connection pool, per process (Django's own pool support):
    # a request borrows an open connection instead of opening one, and a broken one is
    # replaced. The pool holds the connections, so Django keeps none itself.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=1),
        "max_size": env.int("DATABASE_POOL_MAX", default=4),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10),
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the cache, the broker and the rate-limit store when REDIS_URL is set;
# otherwise the database cache keeps allauth's rate limits real across processes.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # Never a single point of failure: with Redis down, reads miss and writes are
        # dropped, and pages render from the database (core/cache.py).
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="foresight"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=0.5),
            },
        }
    }
    # Sessions are read from Redis and written through to the database: with Redis down
    # they are read from the database, and nobody is signed out when Redis restarts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        },
        # Wagtail stores an image's rendition in the cache on every view: in the database
        # cache that would be a write on every read, so renditions stay in each process's
        # memory (briefly: an editor's new focal point shows within a minute).
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 60,
        },
    }

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died unacknowledged is delivered again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker keeps its database connection across tasks (Celery would close it, and with it
# a pool, after each one) for this many tasks; close_old_connections around every task
# (cms/celery.py) still drops a connection that broke or errored.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=100)
CELERY_TIMEZONE = "Europe/Helsinki"
# A worker's death must cost seconds: the render tasks it held wait out the visibility
# timeout, so the sweep renders a certificate pending for longer than CERTIFICATE_SWEEP_AFTER
# seconds, every CERTIFICATE_SWEEP_EVERY seconds and, for all pending ones, when a worker
# starts. (A shorter visibility timeout is no fix: it would hand long tasks out twice.)
CERTIFICATE_SWEEP_AFTER = env.int("CERTIFICATE_SWEEP_AFTER", default=20)
CERTIFICATE_SWEEP_EVERY = env.int("CERTIFICATE_SWEEP_EVERY", default=15)
# Every worker writes a heartbeat to the cache this often; /healthz/worker calls the workers
# down when the newest is older than WORKER_HEARTBEAT_MAX_AGE seconds.
WORKER_HEARTBEAT_INTERVAL = env.int("WORKER_HEARTBEAT_INTERVAL", default=10)
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=60)
CELERY_BEAT_SCHEDULE = {
    "sweep-pending-certificates": {
        "task": "certificates.tasks.sweep_pending_certificates",
        "schedule": float(CERTIFICATE_SWEEP_EVERY),
        # Beat keeps sending while no worker runs: a sweep that waited longer than its
        # interval is dropped, the next one does the same work.
        "options": {"expires": CERTIFICATE_SWEEP_EVERY},
    },
    "publish-scheduled-pages": {
        "task": "cms.tasks.publish_scheduled",
        "schedule": crontab(minute="*"),
    },
    # Expired sessions (signed-in and anonymous) go every night (accounts/tasks.py).
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
        "options": {"expires": 60 * 60},
    },
    # Data exports past their window, and sign-ups never confirmed (accounts/tasks.py).
    "remove-expired-exports": {
        "task": "accounts.tasks.remove_expired_exports",
        "schedule": crontab(minute=23),
        "options": {"expires": 60 * 60},
    },
    "finish-deletions": {
        "task": "accounts.tasks.finish_deletions",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 15 * 60},
    },
    # The day-before reminders of events (events/tasks.py).
    "event-reminders": {
        "task": "events.tasks.send_reminders",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 15 * 60},
    },
    "remove-unconfirmed-signups": {
        "task": "accounts.tasks.remove_unconfirmed_signups",
        "schedule": crontab(hour=3, minute=41),
        "options": {"expires": 60 * 60},
    },
}

# Retention (issue 14): a data export can be downloaded for DATA_EXPORT_DAYS days, then its
# file goes; an export still unfinished after DATA_EXPORT_STALE_MINUTES failed (its worker
# died) and may be asked for again; an account whose email address was never confirmed is
# removed UNCONFIRMED_SIGNUP_DAYS days after it signed up.
DATA_EXPORT_DAYS = env.int("DATA_EXPORT_DAYS", default=7)
DATA_EXPORT_STALE_MINUTES = env.int("DATA_EXPORT_STALE_MINUTES", default=60)
UNCONFIRMED_SIGNUP_DAYS = env.int("UNCONFIRMED_SIGNUP_DAYS", default=14)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 first (memory-hard; a sign-up or log-in takes tens of milliseconds of one core
# instead of PBKDF2's half a second, so a crowd signing up does not starve page views).
# Older PBKDF2 hashes still verify, and are rehashed with Argon2 at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, with permissions cached between requests (accounts/backends.py).
    "accounts.backends.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Anonymous learners keep their progress in the session: keep it for a long time.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 180

# django-allauth: email login, mandatory verification.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so they are visible and reviewable.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
# How many proxies (load balancer, TLS terminator) stand in front of the site: the client's
# address is read from X-Forwarded-For behind them (core.ratelimit.client_ip).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# A second factor: required for everyone who can open the admin (enrolled on their first
# admin visit), optional for learners. TOTP apps with recovery codes, and passkeys.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Ennakointikurssi"
MFA_TOTP_TOLERANCE = 1  # a phone's clock may be one 30-second step off
MFA_PASSKEY_LOGIN_ENABLED = True
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Passwords are reset and changed through allauth only (rate-limited, one account system).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Languages: Finnish first, then Swedish, then English.
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
]
LANGUAGE_NAMES_TRANSLATED = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Private files: certificate PDFs and data exports, served only by views that check.
    "certificates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage; credentials come from the standard AWS_* variables.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    for name in ("certificates", "exports"):
        STORAGES[name] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **STORAGES["default"]["OPTIONS"],
                "custom_domain": None,
                "location": f"private/{name}",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        }

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Ennakointikurssi <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Ennakoinnin perusteet"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# The right-hand side of every event's iCalendar UID: keep it when the site moves, so that
# subscribed calendars keep recognising the events.
EVENT_UID_DOMAIN = env(
    "EVENT_UID_DOMAIN", default=urlsplit(WAGTAILADMIN_BASE_URL).hostname or "localhost"
)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "txt", "vtt", "mp4", "webm"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The largest request body, by path prefix (the longest prefix wins), refused with 413
# before it is read: a certificate PDF to compare, and the editors' uploads of images,
# documents and captioned videos.
# Content-Security-Policy: scripts, styles, images and media from this site only, no
# inline script or style anywhere (the admin's few inline scripts are replaced, see
# templates/wagtailadmin/ and static/js/admin-csp.js); video players may be framed.
MEDIA_ORIGINS = [
    origin
    for origin in [env("AWS_S3_CUSTOM_DOMAIN", default=""), env("AWS_S3_ENDPOINT_URL", default="")]
    if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# No avatars fetched from Gravatar: a third-party request naming the editor's email hash.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), publickey-credentials-get=(self), fullscreen=(self)"
)
REQUEST_BODY_LIMIT = DATA_UPLOAD_MAX_MEMORY_SIZE
REQUEST_BODY_LIMITS = {
    "/verify/": 10 * 1024 * 1024 + 64 * 1024,
    "/admin/": env.int("ADMIN_UPLOAD_MAX_BYTES", default=200 * 1024 * 1024),
}

# A learner's own words in a reflection, at most this many characters.
REFLECTION_MAX_LENGTH = 5000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Wagtail logs every page action and background task at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# A quiz submission larger than this is refused before it is read.
QUIZ_MAX_PAYLOAD = 64 * 1024

# Printed on certificates whose course has no certificate template.
CERTIFICATE_DEFAULT_ISSUER = env(
    "CERTIFICATE_DEFAULT_ISSUER", default="Ennakoinnin perusteet yrittäjille – Kymenlaakso"
)
# Seconds a worker waits before drawing a certificate: only for drills that kill a worker
# mid-task (tests/integration); always 0 in production.
CERTIFICATE_RENDER_DELAY = env.float("CERTIFICATE_RENDER_DELAY", default=0)
