"""Production settings: secrets from the environment, refuse to start without them.

Every missing or wrong variable is named in one :class:`ConfigurationError`, so that an
operator fixes them all at once instead of one per start.
"""

from saylau.web.config import env
from saylau.web.core.deploy import hosts_problem, secret_key_problem

from .base import *  # noqa: F403

DEBUG = False

_problems: list[tuple[str, str]] = []
SECRET_KEY = env.get_str("SAYLAU_SECRET_KEY") or ""
if not SECRET_KEY:
    _problems.append(("SAYLAU_SECRET_KEY", "is not set"))
elif (_weak := secret_key_problem(SECRET_KEY)) is not None:
    _problems.append(("SAYLAU_SECRET_KEY", _weak))
ALLOWED_HOSTS = env.get_list("SAYLAU_ALLOWED_HOSTS", [])
if (_hosts := hosts_problem(ALLOWED_HOSTS)) is not None:
    _problems.append(("SAYLAU_ALLOWED_HOSTS", _hosts))
SAYLAU_SIGNING_SECRET = env.get_str("SAYLAU_SIGNING_SECRET") or ""
if len(SAYLAU_SIGNING_SECRET) < 32 or SAYLAU_SIGNING_SECRET == SECRET_KEY:
    _problems.append(
        ("SAYLAU_SIGNING_SECRET", "must be at least 32 random characters, not the SECRET_KEY")
    )
if env.get_str("DATABASE_URL") is None:
    _problems.append(("DATABASE_URL", "is not set; production runs on PostgreSQL"))
if _problems:
    raise env.ConfigurationError(
        "production settings", "; ".join(f"{name} {problem}" for name, problem in _problems)
    )

SAYLAU_REQUIRE_OTP = True
SECURE_SSL_REDIRECT = env.get_bool("SAYLAU_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Static files are collected (`saylau manage collectstatic`) and served by WhiteNoise with
# content-hashed names, compressed, cached for a year: no separate file server is needed.
MIDDLEWARE = [
    *MIDDLEWARE[:1],  # noqa: F405 (SecurityMiddleware first)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
