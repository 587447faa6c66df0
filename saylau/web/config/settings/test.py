"""Settings for the test suite: fast hashing, the same databases as production."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SAYLAU_REQUIRE_OTP = False
# Tasks run at once in the test's own thread (one test goes through the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
