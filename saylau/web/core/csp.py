"""A Content-Security-Policy header on every response (Django 5.2 has none built in).

Scripts come from saylau's own static files only (no inline script, no eval): an injected
``<script>`` in a name would not run even if escaping failed somewhere. Inline styles stay
allowed (the results page colours its legend, htmx adds its indicator style); they cannot run
code. Nothing may frame saylau, post a form elsewhere or load a plugin. ``SAYLAU_CSP`` in the
settings replaces the policy; a view that sets its own header keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADER = "Content-Security-Policy"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = str(getattr(settings, "SAYLAU_CSP", DEFAULT_POLICY))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = self.policy
        return response
