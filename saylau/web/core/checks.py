"""``manage.py check --deploy``: what Django's own deployment checks let through.

Django warns about a secret key shorter than 50 characters or with fewer than 5 distinct ones,
so "abcde" * 10 passes it; and it says nothing about ``ALLOWED_HOSTS = ["*"]``. These are
errors here (the production settings refuse to start with them as well).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from . import deploy

CSP_MIDDLEWARE = "saylau.web.core.csp.ContentSecurityPolicyMiddleware"


@register(Tags.security, deploy=True)
def check_deploy_secrets(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    weak = deploy.secret_key_problem(str(getattr(settings, "SECRET_KEY", "")))
    if weak is not None:
        errors.append(Error(f"SECRET_KEY {weak}", hint="set SAYLAU_SECRET_KEY", id="saylau.E001"))
    hosts = deploy.hosts_problem(list(getattr(settings, "ALLOWED_HOSTS", [])))
    if hosts is not None:
        errors.append(
            Error(f"ALLOWED_HOSTS {hosts}", hint="set SAYLAU_ALLOWED_HOSTS", id="saylau.E002")
        )
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                "no Content-Security-Policy header", hint=f"add {CSP_MIDDLEWARE}", id="saylau.E003"
            )
        )
    return errors
