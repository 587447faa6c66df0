"""Production settings: secrets from the environment, refuse to start without them."""

from saylau.web.config import env

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.get_str("SAYLAU_SECRET_KEY", required=True)
if SECRET_KEY is not None and len(SECRET_KEY) < 50:
    raise env.ConfigurationError("SAYLAU_SECRET_KEY", "must be at least 50 random characters")
ALLOWED_HOSTS = env.get_list("SAYLAU_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise env.ConfigurationError(
        "SAYLAU_ALLOWED_HOSTS", "is not set; list the host names saylau serves"
    )
if env.get_str("DATABASE_URL") is None:
    raise env.ConfigurationError("DATABASE_URL", "is not set; production runs on PostgreSQL")

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
