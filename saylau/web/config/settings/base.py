"""Settings shared by every environment. Environment-specific files import * from here."""

from __future__ import annotations

from pathlib import Path

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from saylau.web.config import env
from saylau.web.core.latin import LANG_INFO as KAZAKH_LATIN_INFO

WEB_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = env.data_dir()

SECRET_KEY = env.get_str("SAYLAU_SECRET_KEY", "insecure-development-key-never-used-in-production")
DEBUG = env.get_bool("SAYLAU_DEBUG", False)
ALLOWED_HOSTS = env.get_list("SAYLAU_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # saylau, one app per part of the domain (architecture.md)
    "saylau.web.core",
    "saylau.web.accounts",
    "saylau.web.audit",
    "saylau.web.territory",
    "saylau.web.register",
    "saylau.web.elections",
    "saylau.web.results",
    "saylau.web.commissions",
    "saylau.web.listaudit",
    "saylau.web.signing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "saylau.web.core.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "saylau.web.core.latin.KazakhLatinMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "saylau.web.accounts.otp.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # after the messages: a language not offered goes to the Kazakh page with a message
    "saylau.web.core.languages.UnofferedLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "saylau.web.elections.middleware.OutsideWindowMiddleware",
]

ROOT_URLCONF = "saylau.web.config.urls"
WSGI_APPLICATION = "saylau.web.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
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

DATABASES = {"default": env.database_config(default_sqlite=DATA_DIR / "saylau.sqlite3")}
CACHES = {"default": env.cache_config(default_dir=DATA_DIR / "cache")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Kazakh, the state language, by default (pages without a language prefix, and any language
# not offered), with Russian, the official language, and English for guests.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
    # Kazakh in the 2021 Latin alphabet, written from the Kazakh pages (core/latin.py).
    ("kk-latn", _("Kazakh (Latin)")),
]
LANG_INFO.update(KAZAKH_LATIN_INFO)
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
MEDIA_ROOT = DATA_DIR / "media"

# A session lasts one working day; officials sign in again the next morning.
SESSION_COOKIE_AGE = 60 * 60 * 10

# How many reverse proxies in front of saylau append to X-Forwarded-For. 0 (the default)
# trusts no header and takes the TCP peer address: a client could otherwise claim any address
# and walk around the per-client limits (sign-in, find my precinct).
SAYLAU_TRUSTED_PROXY_COUNT = env.get_int("SAYLAU_TRUSTED_PROXY_COUNT", 0)

# Failed sign-ins: after this many failures for one user name from one client address within
# the window, that client may not try that name again until the window has passed; after
# SAYLAU_LOGIN_MAX_FAILURES_PER_USER from anywhere, nobody may (a slow, spread-out guess).
SAYLAU_LOGIN_MAX_FAILURES = env.get_int("SAYLAU_LOGIN_MAX_FAILURES", 5, minimum=1)
SAYLAU_LOGIN_MAX_FAILURES_PER_USER = env.get_int(
    "SAYLAU_LOGIN_MAX_FAILURES_PER_USER", 20, minimum=1
)
SAYLAU_LOGIN_MAX_FAILURES_PER_CLIENT = env.get_int(
    "SAYLAU_LOGIN_MAX_FAILURES_PER_CLIENT", 20, minimum=1
)
SAYLAU_LOGIN_WINDOW_SECONDS = env.get_int("SAYLAU_LOGIN_WINDOW_SECONDS", 15 * 60, minimum=1)

# Officials may enrol a TOTP device; the production settings make it mandatory.
SAYLAU_REQUIRE_OTP = env.get_bool("SAYLAU_REQUIRE_OTP", False)
# An import that would remove more than this share of the region's active persons (and at
# least the minimum) is refused unless confirmed (--allow-removals, or on the import page).
SAYLAU_MASS_REMOVAL_PERCENT = env.get_int("SAYLAU_MASS_REMOVAL_PERCENT", 5)
SAYLAU_MASS_REMOVAL_MIN = env.get_int("SAYLAU_MASS_REMOVAL_MIN", 20)

#: Run "as of" this moment (ISO 8601, local time): the application clock
#: (saylau.web.core.clock) starts there and runs on, so that the demo can show a whole
#: election under the rules of its calendar. Unset in production: the real clock.
SAYLAU_AS_OF = env.get_moment("SAYLAU_AS_OF")
# Public results pages: seconds a process keeps the "what changed last" stamp (public_cache).
SAYLAU_PUBLIC_STAMP_SECONDS = env.get_int("SAYLAU_PUBLIC_STAMP_SECONDS", 2)
# Build every public page of an election into the cache when its results are published
# (results.warm, on the task queue).
SAYLAU_WARM_PUBLIC_PAGES = env.get_bool("SAYLAU_WARM_PUBLIC_PAGES", True)

#: The secret that seals the commissions' private signing keys at rest (AES-256-GCM;
#: docs/signing.md). Development falls back to SECRET_KEY; production requires its own.
SAYLAU_SIGNING_SECRET = env.get_str("SAYLAU_SIGNING_SECRET") or SECRET_KEY
# Background jobs (imports, list audits) run on the task queue: django-tasks with its database
# backend (SQLite or PostgreSQL, no other server). `saylau worker` runs the tasks; `saylau
# serve` starts one beside the web server; production runs it as its own service.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: A running job whose heartbeat is older than this lost its worker: resumed or failed.
SAYLAU_JOB_STALE_MINUTES = env.get_int("SAYLAU_JOB_STALE_MINUTES", 10, minimum=1)
#: How many times a job is started (first run, retries of database errors, resumptions).
SAYLAU_JOB_MAX_ATTEMPTS = env.get_int("SAYLAU_JOB_MAX_ATTEMPTS", 3, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
