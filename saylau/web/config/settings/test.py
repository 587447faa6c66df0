"""Settings for the test suite: fast hashing, the same databases as production."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SAYLAU_REQUIRE_OTP = False
# Tasks run at once in the test's own thread (one test goes through the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test process its own cache (cleared between tests where a test depends on it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages see a new publication at once (no stamp kept between requests).
SAYLAU_PUBLIC_STAMP_SECONDS = 0
# Publishing in a test does not build every public page (one test does, on purpose).
SAYLAU_WARM_PUBLIC_PAGES = False
