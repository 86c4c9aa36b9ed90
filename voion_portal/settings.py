"""Settings for the Voion portal, read from the environment.

Defaults are safe for production (DEBUG off, secure cookies, HSTS off until
asked for); `make run` switches on DEBUG for local work on SQLite.
"""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Left empty when unset with DEBUG off: commands that sign nothing (makemigrations,
# migrate, collectstatic in a build step) still run, Django refuses any use of the empty
# key, and `wsgi.py` refuses to start a server without one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A failed CSRF check gets the Dutch 403 page, which never reads the request body.
CSRF_FAILURE_VIEW = "voion_portal.site.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "voion_portal.core.staticfiles.PortalStaticFilesConfig",  # django.contrib.staticfiles
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    # Editors' workflow: version history and revert; CSV/XLSX import and export.
    "reversion",
    "import_export",
    "csp",
    "axes",
    # Work done in the background (mail): Django's task framework, backported, with its
    # database backend; `manage.py db_worker` runs the tasks (docs/operations.md).
    "django_tasks",
    "django_tasks_db",
    "voion_portal",
    "voion_portal.taxonomy",
    "instrumenten",
    "pilots",
    "kennisbank",
    "jaarplan",
    "keuzehulp",
    "selectie",
]
# The benchmark and synthetic data (`perf/`) are no part of the running portal: only the
# benchmark run (`make bench`) and the test settings add them.
if env_bool("PERF_TOOLS", False):
    INSTALLED_APPS.append("perf")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy and no caching of /admin/ (voion_portal.core.security).
    "csp.middleware.CSPMiddleware",
    "voion_portal.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag / Last-Modified and 304s, also for pages served from the page cache.
    "django.middleware.http.ConditionalGetMiddleware",
    # Counts searches and clicks on their results for the editors, also those answered
    # from the page cache below it (voion_portal.search.counting); keeps nothing personal.
    "voion_portal.search.counting.SearchCountingMiddleware",
    # Anonymous visitors get cached pages before sessions or the database are touched.
    "voion_portal.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The old address of a renamed item answers 301 to its new one (voion_portal.site).
    "voion_portal.site.redirects.OldAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A friendly 503 while the database is unreachable (voion_portal.core.faults).
    "voion_portal.core.faults.DatabaseUnavailableMiddleware",
    # Admin lock-out after repeated failed logins; django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "voion_portal.urls"
WSGI_APPLICATION = "voion_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "voion_portal.core.context_processors.site",
                "voion_portal.core.context_processors.preview",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url: str) -> dict:
    """A shared Redis cache that an outage degrades to misses, never to errors.

    django-redis with IGNORE_EXCEPTIONS: while Redis cannot be reached, reads are
    misses and writes do nothing (each logged as a warning), so pages are rendered
    uncached; the next request after Redis is back uses it again. The short timeouts
    keep an unreachable host from holding requests up."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "voion",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.5")),
            "SOCKET_TIMEOUT": float(os.environ.get("CACHE_TIMEOUT", "0.5")),
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "voion_portal.cache"

# The local-memory cache by default (one per process); set CACHE_URL (or REDIS_URL)
# to redis://host:6379/0 to share one cache between several app servers.
_SHARED_CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
# Where processes on one machine share the content generation without Redis: one small
# file per topic, this path plus ".<topic>" (default: in the temp directory).
PAGE_CACHE_STAMP_FILE = os.environ.get("PAGE_CACHE_STAMP_FILE") or str(
    Path(tempfile.gettempdir())
    / f"voion-portal-{hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:12]}.stamp"
)
# "shared" holds what the task worker computes for the web processes (facet counts
# recomputed after an edit): Redis when there is one, else a table in the database.
if _SHARED_CACHE_URL:
    CACHES = {
        "default": redis_cache(_SHARED_CACHE_URL),
        "shared": redis_cache(_SHARED_CACHE_URL),
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "voion-portal",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "voion_gedeelde_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        # The page cache's second tier: what one worker rendered, the other workers on
        # the machine serve from these files instead of rendering it again
        # (voion_portal.core.pagecache). With Redis the page cache is shared already.
        "pages": {
            "BACKEND": "voion_portal.core.pagefiles.PageFileCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR") or f"{PAGE_CACHE_STAMP_FILE}.pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Whole-page cache for anonymous visitors (voion_portal.core.pagecache); 0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "default"
SHARED_CACHE_ALIAS = "shared"
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/",)
# The machine-wide tier under a per-process page cache ("pages" above), if configured.
PAGE_CACHE_MACHINE_ALIAS = "pages"
# After an edit, costly values (the facet counts of a large list) are recomputed by the
# task worker while visitors see those from before the edit; a page showing them is
# cached this many seconds only. Should the worker not deliver within the grace period,
# the next visitor computes the value himself.
STALE_PAGE_SECONDS = int(os.environ.get("STALE_PAGE_SECONDS", "2"))
REFRESH_GRACE_SECONDS = int(os.environ.get("REFRESH_GRACE_SECONDS", "15"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: it refuses locked-out logins before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Our own Dutch for strings Django and the admin's packages leave in English (compiled
# .mo committed; `make messages` rebuilds it).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The media library's files (voion_portal.media). By default on this machine's disk, served
# by the portal itself under MEDIA_URL; on several servers in S3-compatible object storage
# (MEDIA_STORAGE=s3, needs `pip install '.[s3]'`; docs/operations.md).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
if os.environ.get("MEDIA_STORAGE", "local") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY"),
            # Addresses are stored in rendered texts: they must not expire.
            "querystring_auth": False,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
MEDIA_MAX_IMAGE_BYTES = int(os.environ.get("MEDIA_MAX_IMAGE_MB", "10")) * 1024 * 1024
MEDIA_MAX_DOCUMENT_BYTES = int(os.environ.get("MEDIA_MAX_DOCUMENT_MB", "25")) * 1024 * 1024
MEDIA_MAX_IMAGE_PIXELS = 40_000_000
# Larger uploads go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The public origin, used for absolute links in feeds and sitemaps.
SITE_NAME = "Voion portal"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security. Everything is on by default; a TLS-terminating proxy sets
# SECURE_PROXY_SSL_HEADER and SECURE_SSL_REDIRECT=true.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (visitors never log in): a working day, not Django's two weeks,
# for accounts that can read personal data. Counted from the login, not from the last click.
SESSION_COOKIE_AGE = int(float(os.environ.get("STAFF_SESSION_HOURS", "8")) * 3600)
# Where a login without a `next` address lands, and where logging in starts.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the app append to X-Forwarded-For. 0: the client
# address is REMOTE_ADDR and X-Forwarded-For is ignored (it can be forged).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (django-csp 4): only our own scripts, styles and images; no inline
# script, no framing, forms post to this site only. The admin works under it unchanged.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *env_list("CSP_IMG_ORIGINS")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        # Browsers report what the policy blocked (voion_portal.core.cspreports).
        "report-uri": ["/csp-rapport/"],
    }
}
CSP_REPORT_RATE_LIMIT = int(os.environ.get("CSP_REPORT_RATE_LIMIT", "20"))  # per address, 10 min
CSP_REPORT_RETENTION_DAYS = int(os.environ.get("CSP_REPORT_RETENTION_DAYS", "30"))
# Browser features the portal never uses (voion_portal.core.security.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@voion.nl")
# SMTP, used when EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Listing pages
PAGE_SIZE = 20
# Search ranks at most this many of the newest matches per content type (voion_portal.search):
# ten result pages. Finding and ranking them costs time in proportion for common words
# (500 instead of 200 added 5-17 ms to /zoeken/ at 100,000 articles).
SEARCH_RANK_CANDIDATES = int(os.environ.get("SEARCH_RANK_CANDIDATES", "200"))
# How those newest matches are found on PostgreSQL: "auto" chooses per query from the
# planner's estimates; "date-index" walks the publication-date index (cheap for common
# words), "match-sort" sorts all matches from the GIN index (cheap for rare words).
# Forcing one helps where the estimates mislead (see docs/search.md).
# The search overview counts each group's matches up to this many, then says "meer dan":
# an exact count of a common word reads a third of a large kennisbank.
SEARCH_GROUP_TOTAL_CAP = int(os.environ.get("SEARCH_GROUP_TOTAL_CAP", "1000"))
SEARCH_NEWEST_MATCHES = os.environ.get("SEARCH_NEWEST_MATCHES", "auto")
if SEARCH_NEWEST_MATCHES not in {"auto", "date-index", "match-sort"}:
    raise ValueError("SEARCH_NEWEST_MATCHES must be auto, date-index or match-sort.")

# Who hears about a new interest registration (comma-separated addresses).
PILOT_NOTIFICATION_EMAILS = env_list("PILOT_NOTIFICATION_EMAILS")

# django-import-export: an import runs in one transaction (any bad row changes nothing);
# importing needs the model's change permission, exporting its view permission (the
# content admins also require add for importing, see voion_portal.editors.admin).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Link checking (`manage.py check_links`): seconds per request, parallel requests, and whether
# addresses on this machine or a private network may be requested (only tests need that).
LINK_CHECK_TIMEOUT = float(os.environ.get("LINK_CHECK_TIMEOUT", "10"))
LINK_CHECK_WORKERS = int(os.environ.get("LINK_CHECK_WORKERS", "8"))
LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False

# Rate limit on public POSTs (the interest form): at most this many per client address per
# window, counted in the default cache; a shared cache (CACHE_URL) makes it hold across workers.
INTEREST_RATE_LIMIT = int(os.environ.get("INTEREST_RATE_LIMIT", "5"))
INTEREST_RATE_WINDOW = int(os.environ.get("INTEREST_RATE_WINDOW", "600"))
# The same for "Was deze pagina nuttig?" answers, which cost a visitor one click each.
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "20"))
FEEDBACK_RATE_WINDOW = int(os.environ.get("FEEDBACK_RATE_WINDOW", "600"))

# Handled interest registrations older than this many days are removed by
# `manage.py purge_registrations` (AVG: keep personal data no longer than needed).
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "365"))
# How often the worker tries the mails about a registration before giving up.
REGISTRATION_MAIL_ATTEMPTS = int(os.environ.get("REGISTRATION_MAIL_ATTEMPTS", "5"))

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Weekly search counts (what visitors searched for, for the editors) are kept this many
# days; `manage.py purge_search_log` removes the weeks that ended before.
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "365"))

# django-axes: after AXES_FAILURE_LIMIT failed admin logins for one username from one
# address, or from one address for any usernames, further attempts from that address are
# refused for AXES_COOLOFF_MINUTES (a friendly Dutch page). Never per username alone: then
# anyone anywhere could lock a named editor out.
# Asking for a password-reset link by e-mail (voion_portal.editors.password_reset): per
# client address per window, like the public forms.
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5"))
PASSWORD_RESET_RATE_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_WINDOW", "3600"))
PASSWORD_RESET_TIMEOUT = 2 * 3600  # a link works for two hours
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "voion_portal.core.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_RESET_ON_SUCCESS = True
