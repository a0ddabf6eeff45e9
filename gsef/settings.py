"""Settings for the GSEF Knowledge Base, read from environment variables.

With nothing set, the site runs on a SQLite file in the project with DEBUG off.
Production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS (see .env.example).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# Without SECRET_KEY, a development run (DEBUG on) uses a fixed, plainly insecure key so that
# logins survive the autoreloader; anything else gets a throwaway key per process, and
# `check --deploy` reports it (gsef.checks).
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY"))
if SECRET_KEY_FROM_ENVIRONMENT:
    SECRET_KEY = os.environ["SECRET_KEY"]
elif DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"
else:
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from static/: no CDN
    "corsheaders",
    "gsef",
    "speakers",
    "sessions.apps.GsefSessionsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL byte or a broken %-escape in the address: 400 before anything else looks at it.
    "gsef.middleware.RejectMalformedRequestMiddleware",
    # CORS headers for partner sites, on /api/ only. Outside the page cache, so that a stored
    # answer gets the headers of each request's own Origin.
    "corsheaders.middleware.CorsMiddleware",
    # Whole pages for anonymous visitors (gsef/cache/). Before the rest, so that a hit runs
    # nothing else: the stored page already carries what the middlewares below added to it.
    "gsef.middleware.AnonymousPageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # An ETag on every page. The page cache answers anonymous visitors' conditional requests
    # itself, from the page it keeps; this answers them when the cache is off.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gsef.urls"
WSGI_APPLICATION = "gsef.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Django's form templates, with the commonest (inputs, labels, empty error lists) written in
# Python: the same HTML, without a trip through the template engine for each of them.
FORM_RENDERER = "gsef.form_rendering.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Parameters sent apart from the query text (server-side binding), so that psycopg prepares
# a query it has run five times on a connection and PostgreSQL plans it once: a detail page's
# queries have the same text for every record, and planning them (0.5 to 1 ms each, over wide
# rows and joins) cost as much as running them. DATABASE_PREPARED=false turns it off (behind
# a pooler in transaction mode, say).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the site speaks English and French; English is the first fallback of every text.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
# English falls back to French too: a report written in French is shown (marked as French)
# on the English site until someone translates it.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr")}
# The admin's translation tabs need jQuery UI; it is served from static/, never from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Moderators log in on the public site; staff use the admin's own login page.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "sessions:moderation"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(7 * 24 * 3600)))

# Login safety: after 10 failed logins for one account from one address within 5 minutes,
# that pair is locked out for 5 minutes (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "gsef.security.axes_username"  # cut to the 255 characters it stores
# Behind nginx the visitor's address is in X-Forwarded-For (one trusted proxy).
if env_bool("BEHIND_PROXY"):
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Security. Behind nginx, the proxy says whether the visitor came over HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies. Only logged-in people and forms get any. In production they are Secure and
# HttpOnly, and their __Host- names tell the browser to refuse them unless they came over
# HTTPS, for the whole host, without a Domain. With DEBUG on (http://127.0.0.1) plain names.
# No JavaScript of ours reads the CSRF cookie, so it is HttpOnly too.
COOKIE_PREFIX = "" if DEBUG else "__Host-"
SESSION_COOKIE_NAME = f"{COOKIE_PREFIX}sessionid"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = f"{COOKIE_PREFIX}csrftoken"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Only set_language (/i18n/setlang/) writes it; the language is otherwise in the URL.
LANGUAGE_COOKIE_NAME = f"{COOKIE_PREFIX}django_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Messages go to logged-in people (admin, moderators): keep them in the session rather
# than in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Content Security Policy (django-csp): everything from this host, no inline script or
# style, no plugins, no framing. JSON-LD blocks are data, not script, and are not affected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Caching. Whole public pages are cached for anonymous visitors (gsef/cache/), per language
# and per full URL, and dropped as soon as any content changes. Production points CACHE_URL
# (or REDIS_URL) at Redis, shared by every worker; without it each process keeps its own
# small cache in memory, so pages there live only PAGE_CACHE_SECONDS (60 by default).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL.")
    CACHES = {
        "default": {
            "BACKEND": "gsef.redis_cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "gsef",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gsef",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Off by default with DEBUG, so that a changed template shows at once while developing.
PAGE_CACHE = env_bool("PAGE_CACHE", default=not DEBUG)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if CACHE_URL else "60"))
# How long a shared cache in front (nginx's edge cache, a CDN) may answer with a public page
# (s-maxage), and how long more it may serve it while fetching a fresh one: an edit shows
# within EDGE_CACHE_SECONDS.
EDGE_CACHE_SECONDS = int(os.environ.get("EDGE_CACHE_SECONDS", "2"))
EDGE_STALE_SECONDS = int(os.environ.get("EDGE_STALE_SECONDS", "30"))

# The read-only API (sessions/api/). Anonymous clients are throttled per address (behind
# nginx, the visitor's address is the last one it adds to X-Forwarded-For). Pages the page
# cache answers never reach the throttle: only the work of rendering one is counted.
# API_THROTTLE_ANON: requests a second, minute, hour or day ("600/minute"), or "off".
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "").strip().lower() or "600/minute"
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["sessions.api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": None if API_THROTTLE_ANON == "off" else API_THROTTLE_ANON},
    "DEFAULT_SCHEMA_CLASS": "sessions.api.schema.ApiSchema",
    "UNAUTHENTICATED_USER": None,
    "NUM_PROXIES": 1 if env_bool("BEHIND_PROXY") else None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GSEF Knowledge Base API",
    "DESCRIPTION": (
        "Read-only access to the published sessions, initiatives (best practices), speakers, "
        "organisations, forums, themes and countries of the GSEF Knowledge Base. Every text "
        'comes in both languages, as an object {"en": ..., "fr": ...}; links to the '
        "web pages and country names are in the language asked by `?lang=en|fr` or the "
        "Accept-Language header (English by default). Lists take the same filters as the "
        "lists on the site and answer in the same order."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}
# Partner sites that may read the API from a browser: a comma-separated list of origins
# (https://partner.example), none by default. GET only, and only under /api/.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False

if env_bool("EMAIL_SMTP"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "knowledge-base@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes reports every login at INFO; failures and lockouts are WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}
