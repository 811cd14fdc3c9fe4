"""Settings for 招商引资目标管理平台, read from the environment.

- ``DATABASE_URL``: SQLite file ``db.sqlite3`` in the project by default; PostgreSQL in production and CI
  (``postgres://user@host:5432/name``).
- ``DEBUG``: on by default for a newcomer's first run; ``DEBUG=0`` selects the production settings, which
  then require ``SECRET_KEY`` and ``ALLOWED_HOSTS`` from the environment.
"""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "units",
    "targets",
    "projects",
    "reports",
    "workbook",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "config.middleware.ChineseMethodNotAllowedMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into a clear page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "units.auth.ThrottledSignInBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "units.context_processors.role",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spends ~300 ms compiling the report statement (its recursive CTE makes
    # the planner's cost estimate large) to save a few: a web portal's queries are better off without it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked"; WAL lets readers go on meanwhile.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "units.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]  # each in its own language, as a menu should say them
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"

# The prefecture whose counties the city ranks among (兄弟县市, INTERFACES.md §6): "南通六县（市）第一".
PREFECTURE_NAME = os.environ.get("PREFECTURE_NAME", "南通")
USE_I18N = True
USE_TZ = True
# Django's zh_Hans formats group digits by four with no separator; ours print 12,345.67.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # vendor/plotly.min.js, from inside the installed plotly package (never committed; see the module).
    "config.staticfinders.PlotlyFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if not DEBUG:
    # Under gunicorn whitenoise serves the collected static files (plotly.js included), compressed.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Uploads: a workbook is small; anything larger is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The targets grid posts 12 fields per unit (6 targets and their versions): a county's 108 units need
# 1,300 fields, a province-scale city's 2,000 units 24,000. Django's default of 1,000 refused the demo.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 30_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WORKBOOK_MAX_UPLOAD_BYTES = int(os.environ.get("WORKBOOK_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "config.uploads.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CACHES = {
    "default": (
        # A Redis that is down is a cache miss, never an error page (config/cache.py).
        {"BACKEND": "config.cache.SoftRedisCache", "LOCATION": os.environ["REDIS_URL"],
         "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# E-mail (reminders, returned months): the console in the demo and in development; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zhaoshang-noreply@localhost")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Sign-in throttling (django-axes): five failures lock that user name from that address for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Across user names, one address may fail this many sign-ins before it waits too (units.auth): guessing
# one password on each of many accounts is stopped without locking the accounts of colleagues.
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "20"))
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy set TRUSTED_PROXY_COUNT (usually 1): failures then count per real client
# address, not per proxy, so nobody can lock the staff account for everyone from one address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "units.auth.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The admin's "revert to this version" would save a row past the portal's checks (versions, locked
# months, reasons): the history is for reading only.
SIMPLE_HISTORY_REVERT_DISABLED = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS-only cookies. SECURE_COOKIES=0 exists only for the load test on plain-HTTP loopback.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Content-Security-Policy (django-csp): scripts only from the portal itself — no inline script, no CDN.
# Plotly sets inline styles on the charts it draws, hence 'unsafe-inline' for styles alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 12 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
