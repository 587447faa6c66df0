"""Who is asking: the client address that per-client limits count against."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client, as far as it can be trusted.

    With no trusted proxy (``SAYLAU_TRUSTED_PROXY_COUNT = 0``, the default) it is the TCP peer,
    whatever headers say: a client could otherwise name any address in X-Forwarded-For and
    walk around a rate limit. Behind N trusted proxies it is the N-th address from the right of
    X-Forwarded-For (each proxy appends the address it was called from; entries further left
    were written by the client and prove nothing).

    >>> from django.test import RequestFactory
    >>> from django.test.utils import override_settings
    >>> r = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2",
    ...                          HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    >>> client_address(r)
    '10.0.0.2'
    >>> with override_settings(SAYLAU_TRUSTED_PROXY_COUNT=1):
    ...     client_address(r)
    '203.0.113.7'
    """
    peer = str(request.META.get("REMOTE_ADDR") or "unknown")
    proxies = int(getattr(settings, "SAYLAU_TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return peer
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return peer
    return forwarded[-proxies]
