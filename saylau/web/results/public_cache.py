"""Public results pages are cached whole and their cache invalidates itself on publication.

The key of a cached answer holds a *stamp* read with one small query: for published results,
the moment of publication (for preliminary ones, also when the distribution was computed)
and the newest mandate decision (a decline changes who holds the
mandates); for the live (preliminary) pages, the number of protocols in force, the newest protocol change and
the newest turnout report. A new publication, decision or protocol gives a new stamp, so no page is
ever served stale and nothing has to be deleted. The pages live in ``CACHES`` (files shared by
the workers of one host by default, Redis across hosts: ``SAYLAU_CACHE_URL``). A ten-minute
timeout bounds what is kept, and what a re-signature after a lost key (docs/signing.md) would
leave unseen.

On election night a thousand readers ask for the same stamp many times a second; each process
keeps a stamp for ``SAYLAU_PUBLIC_STAMP_SECONDS`` (default 2) before asking the database again,
so a new protocol or a publication reaches the public pages within that many seconds.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from saylau.web.core import clock
from saylau.web.elections.models import Election

from .models import Distribution, MandateDecision, Protocol, TurnoutReport
from .selectors import PUBLIC, language

TIMEOUT = 600
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")
#: A page holds the reader's CSRF token (the language switcher posts it): it is kept in the
#: cache as this marker and each reader gets their own token in its place.
_CSRF_MARKER = b"__saylau_csrf_token__"
_CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _stored(content: bytes) -> bytes:
    found = _CSRF_FIELD.search(content)
    return content.replace(found.group(1), _CSRF_MARKER) if found else content


def _served(request: HttpRequest, content: bytes) -> bytes:
    if _CSRF_MARKER not in content:
        return content
    return content.replace(_CSRF_MARKER, get_token(request).encode())


def published_stamp(election_pk: int) -> str | None:
    decisions = (
        MandateDecision.objects.filter(election_id=OuterRef("election_id"))
        .order_by()
        .values("election_id")
        .annotate(last=Max("id"))
        .values("last")
    )
    row = (
        Distribution.objects.filter(PUBLIC, election_id=election_pk)
        .annotate(decision=Subquery(decisions))
        .values_list("published_at", "decision", "preliminary_published_at", "computed_at")
        .first()
    )
    if row is None:
        return None
    published, decision, preliminary, computed = row
    if published is not None or preliminary is None:
        return f"p{published.timestamp() if published else 0}:{decision or 0}"
    # Preliminary: a distribution run again after a correction shows new figures.
    return f"r{preliminary.timestamp()}:{computed.timestamp()}:{decision or 0}"


def live_stamp(election_pk: int) -> str | None:
    """``None`` before voting day (the view answers 404 itself)."""
    day = Election.objects.filter(pk=election_pk).values_list("day", flat=True).first()
    if day is None or day > clock.today():
        return None
    row = Protocol.objects.filter(election_id=election_pk).aggregate(
        n=Count("id"),
        current=Count("id", filter=Q(is_current=True)),
        decided=Max("decided_at"),
    )
    decided = row["decided"].timestamp() if row["decided"] else 0
    turnout = TurnoutReport.objects.filter(election_id=election_pk).aggregate(
        last=Max("id"), at=Max("entered_at")
    )
    changed = turnout["at"]
    published = published_stamp(election_pk) or ""
    return (
        f"l{row['n']}:{row['current']}:{decided}:{turnout['last']}:"
        f"{changed.timestamp() if changed else 0}:{published}"
    )


_stamps: dict[tuple[str, int], tuple[float, str | None]] = {}
_stamps_lock = threading.Lock()


def current_stamp(kind: str, election_pk: int) -> str | None:
    """The stamp of ``kind`` ("published" or "live"), read again at most every
    ``SAYLAU_PUBLIC_STAMP_SECONDS`` in this process."""
    keep = float(getattr(settings, "SAYLAU_PUBLIC_STAMP_SECONDS", 2))
    key = (kind, election_pk)
    moment = time.monotonic()
    if keep > 0:
        with _stamps_lock:
            kept = _stamps.get(key)
        if kept is not None and kept[0] > moment:
            return kept[1]
    stamp = published_stamp(election_pk) if kind == "published" else live_stamp(election_pk)
    if keep > 0:
        with _stamps_lock:
            if len(_stamps) > 1_000:
                _stamps.clear()
            _stamps[key] = (moment + keep, stamp)
    return stamp


def cached_public(
    kind: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Cache a public view's 200 answers to anonymous readers under (path, query,
    language, stamp)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, election_pk: int, **kwargs: Any) -> HttpResponse:
            # A signed-in reader's page carries their name and menu: never stored, never
            # served from what another reader saw.
            if request.method != "GET" or request.user.is_authenticated:
                return view(request, election_pk, **kwargs)
            stamp = current_stamp(kind, election_pk)
            if stamp is None:
                return view(request, election_pk, **kwargs)  # it answers 404
            raw = f"{request.get_full_path()}|{language()}|{stamp}"
            key = "public:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                response = HttpResponse(_served(request, content))
                for name, value in headers.items():
                    response[name] = value
                response["X-Saylau-Cache"] = "hit"
                return response
            response = view(request, election_pk, **kwargs)
            if response.status_code == 200 and not getattr(response, "streaming", False):
                headers = {h: response[h] for h in _KEPT_HEADERS if h in response}
                cache.set(key, (_stored(response.content), headers), TIMEOUT)
            return response

        return wrapper

    return decorate
