"""Settings for the Najiz portal, read from the environment.

Three modes, chosen by DJANGO_ENV:

* ``development`` (default): runs with nothing installed. SQLite in WAL mode and Celery's
  filesystem broker under the git-ignored ``var/`` folder, the development SMS/email outbox.
* ``test``: as development, with an in-memory broker and fast password hashing.
* ``production``: refuses to start without SECRET_KEY and ALLOWED_HOSTS; secure cookies, HSTS.

DATABASE_URL (PostgreSQL) and REDIS_URL (Celery broker and cache) switch any mode to the real
services.
"""

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

if not PRODUCTION:
    VAR_DIR.mkdir(exist_ok=True)


def _development_secret_key() -> str:
    """A random key kept in var/ so that sessions survive a restart; never used in production."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Production needs SECRET_KEY: a random string of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS: a comma-separated list of host names.")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _development_secret_key()
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
    DEBUG = env.bool("DEBUG", default=not TESTING)

# Where the public reaches the portal: the QR codes and verification links printed on issued documents
# point here, never at whatever Host header a request happened to carry.
PUBLIC_BASE_URL = env.str(
    "PUBLIC_BASE_URL",
    default=f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "identity",
    "requests_tracker",
    "cases",
    "enforcement",
    "poa",
    "contracts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "najiz.middleware.ArabicFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "najiz.middleware.PrivatePagesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "identity.middleware.TermsAcceptanceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "najiz.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "identity.middleware.CounterUnavailableMiddleware",
]

if PRODUCTION:
    # Static files from the web process itself, compressed and cache-busted; development serves them
    # through runserver and the tests through the live server.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "najiz.urls"
WSGI_APPLICATION = "najiz.wsgi.application"
ASGI_APPLICATION = "najiz.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "requests_tracker.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = env.str("DATABASE_URL", default="")
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "najiz.sqlite3",
            "OPTIONS": {
                # WAL lets the web server, worker and beat read while one of them writes;
                # IMMEDIATE takes the write lock at BEGIN so that two writers queue instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery broker: Redis through REDIS_URL; otherwise what needs nothing installed.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # A miss while Redis is away, never a failed page (najiz/cache.py).
    CACHES = {"default": {"BACKEND": "najiz.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
else:
    # A file cache is shared by the web server, the worker and beat, as Redis would be.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "celery-broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        # The exchange tables; kombu's default is a "control" folder in the working directory.
        "control_folder": str(_broker_dir / "control"),
        # The worker reads at most its prefetch (two tasks) per poll and then sleeps until the next:
        # at kombu's default of one second, a burst of notices queued after commit drained at two a
        # second, and what was still queued after a minute was sent by the outbox sweep instead.
        "polling_interval": 0.1,
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TIMEZONE = "Asia/Riyadh"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Publishing gives up quickly when the broker is down: the outbox keeps the message for the sweep.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "requests_tracker.relay_outbox", "schedule": 60.0},
    "sweep-deadlines": {"task": "requests_tracker.sweep_deadlines", "schedule": 60.0},
    "purge-sign-in-attempts": {"task": "identity.purge_sign_in_attempts", "schedule": 15 * 60.0},
}
if REDIS_URL:
    # A task is acknowledged after it ran, so a killed worker's task is delivered again; the
    # visibility timeout must outlast the longest task (CELERY_TASK_TIME_LIMIT) with room to spare.
    CELERY_TASK_ACKS_LATE = True
    CELERY_TASK_REJECT_ON_WORKER_LOST = True
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

AUTH_USER_MODEL = "identity.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sign-in: only through the national single sign-on, as a django-allauth social provider.
AUTHENTICATION_BACKENDS = [
    # Django's model backend, with each user's permissions kept in the shared cache.
    "identity.permissions_cache.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "national_sso_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
SOCIALACCOUNT_ONLY = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "national_id"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*"]
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_ADAPTER = "identity.adapters.PortalAccountAdapter"
ACCOUNT_USER_DISPLAY = "identity.adapters.user_display"
SOCIALACCOUNT_ADAPTER = "identity.adapters.PortalSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
# NATIONAL_SSO_URL names a real SSO (its discovery document is read from there); empty means the
# mock national SSO that this deployment serves at /sso/.
NATIONAL_SSO_URL = env.str("NATIONAL_SSO_URL", default="")
NATIONAL_SSO_CLIENT_ID = env.str("NATIONAL_SSO_CLIENT_ID", default="najiz-portal")
NATIONAL_SSO_ISSUER = env.str("NATIONAL_SSO_ISSUER", default="")
NATIONAL_SSO_MOCK = not NATIONAL_SSO_URL
SOCIALACCOUNT_PROVIDERS = {
    "national_sso": {
        "APPS": [
            {"client_id": NATIONAL_SSO_CLIENT_ID, "secret": "", "settings": {"server_url": NATIONAL_SSO_URL}}
        ]
    }
}
# The terms of use a person accepts before any service; a new version asks again.
TERMS_VERSION = "1448-1"

# SMS: the development outbox (/dev/outbox/, printed) unless an HTTP gateway is configured. An
# empty SMS_BACKEND (compose passes one when it is not set) is no choice at all.
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
# Where legal notices go: the national registry's mobile for an ID (identity.registry).
NATIONAL_REGISTRY_BACKEND = env.str(
    "NATIONAL_REGISTRY_BACKEND", default="identity.registry.MockNationalRegistry"
)
# Who holds an IBAN, and the court's transfers: the mock banks' sample accounts (enforcement.bank).
BANK_REGISTRY_BACKEND = env.str("BANK_REGISTRY_BACKEND", default="enforcement.bank.MockBankRegistry")
DEV_OUTBOX_SMS_BACKEND = "identity.gateways.DevOutboxSmsBackend"
SMS_BACKEND = env.str("SMS_BACKEND", default="") or (
    "identity.gateways.HttpSmsBackend" if SMS_GATEWAY_URL else DEV_OUTBOX_SMS_BACKEND
)
SMS_SENDER = env.str("SMS_SENDER", default="MOJ")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=5.0)

# Production never runs on the mock SSO or the development SMS outbox by accident: only a
# deployment that says it is a demonstration may (and `check --deploy` warns while it does).
DEMO_MODE = env.bool("DEMO_MODE", default=False)
if PRODUCTION and not DEMO_MODE:
    if NATIONAL_SSO_MOCK:
        raise ImproperlyConfigured(
            "Production needs NATIONAL_SSO_URL: without it sign-in runs on the mock national SSO. "
            "For a demonstration deployment on the mocks, set DEMO_MODE=true."
        )
    if SMS_BACKEND == DEV_OUTBOX_SMS_BACKEND or not SMS_GATEWAY_URL:
        raise ImproperlyConfigured(
            "Production needs a real SMS gateway: SMS_GATEWAY_URL, and an SMS_BACKEND other than the "
            "development outbox. For a demonstration deployment on the mocks, set DEMO_MODE=true."
        )

# Language and time: Arabic first, English second; Riyadh time.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Day before month and the Kingdom's number separators, in the portal and the admin (najiz/formats/).
# USE_THOUSAND_SEPARATOR stays off: it would put separators into every integer a template prints,
# identifiers in form values included; amounts are grouped where they are shown (the money filter).
FORMAT_MODULE_PATH = ["najiz.formats"]
TIME_ZONE = "Asia/Riyadh"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploaded documents live outside every public tree and are served only by access-checked views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
DOCUMENT_MAX_PER_REQUEST = env.int("DOCUMENT_MAX_PER_REQUEST", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = DOCUMENT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600

# Content-Security-Policy: scripts only from this site or with the per-response nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # Django admin widgets still set a few style attributes; styles cannot run code.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Sessions are read from the cache (Redis with REDIS_URL) and written through to the database, so a
# page costs no session query and a restart of Redis signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
# Signed-in sessions end after 30 minutes without activity and 12 hours after signing in (DESIGN §3;
# najiz.middleware.SessionLimitsMiddleware), with a warning 2 minutes before the first. The cookie
# lasts no longer than a session may, and not past closing the browser: computers are shared.
SESSION_IDLE_SECONDS = 30 * 60
SESSION_MAX_SECONDS = 12 * 60 * 60
SESSION_WARNING_SECONDS = 2 * 60
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads nothing from it: the token travels in hx-headers.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The reverse proxies in front of the portal (IPs or CIDR ranges, comma-separated). Only with them
# set are X-Forwarded-Proto (is the request HTTPS?) and X-Forwarded-For (the client's IP, see
# identity.network) believed; the portal must then be reachable through those proxies only.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Email through Django's MAILERS: the console in development, memory in tests, and in production
# the SMTP server of EMAIL_URL (smtp://user:password@host:587 with +tls or +ssl).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Najiz <no-reply@najiz.localhost>")
EMAIL_URL = env.str("EMAIL_URL", default="smtp://localhost:25" if PRODUCTION else "")
if EMAIL_URL:
    _email = env.email_url_config(EMAIL_URL)
    _smtp_options = {
        "host": _email.get("EMAIL_HOST"),
        "port": _email.get("EMAIL_PORT"),
        "username": _email.get("EMAIL_HOST_USER") or "",
        "password": _email.get("EMAIL_HOST_PASSWORD") or "",
        "use_tls": bool(_email.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
        "timeout": 10,
    }
    MAILERS = {
        "default": {
            "BACKEND": _email["EMAIL_BACKEND"],
            "OPTIONS": _smtp_options if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend") else {},
        }
    }
elif TESTING:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    MAILERS = {"default": {"BACKEND": "identity.gateways.DevOutboxEmailBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
