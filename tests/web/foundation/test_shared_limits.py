"""Issue 11, item 8: the lookup's rate limit and the sign-in limits hold across worker
processes (they are counted in the database, not in a process's memory) and across names."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saylau.web.core import ratelimit
from saylau.web.core.models import RateCounter
from tests.factories import user_for

pytestmark = pytest.mark.django_db

API = "/api/register/find-precinct"


def forget_process_memory() -> None:
    """What another gunicorn worker would know: nothing of this process's memory."""
    cache.clear()


def test_the_lookup_budget_is_shared_by_every_worker(client: Client, settings: Any) -> None:
    settings.SAYLAU_LOOKUP_RATE = 3
    settings.SAYLAU_LOOKUP_MIN_SECONDS = 0
    codes = []
    for n in range(6):
        forget_process_memory()  # each request as if another worker answered it
        body = {"iin": f"{n:012d}"}
        codes.append(client.post(API, body, content_type="application/json").status_code)
    assert codes == [200, 200, 200, 429, 429, 429]
    assert RateCounter.objects.get(key="register:lookup:127.0.0.1").count == 6


def test_a_counter_starts_again_when_its_window_has_passed() -> None:
    assert [ratelimit.hit("k", limit=2, window=60) for _ in range(3)] == [False, False, True]
    RateCounter.objects.filter(key="k").update(window_start=timezone.now() - timedelta(seconds=61))
    assert ratelimit.hit("k", limit=2, window=60) is False


def test_a_hundred_failed_sign_ins_with_a_hundred_names_from_one_client_are_limited(
    client: Client, settings: Any
) -> None:
    from saylau.web.audit.models import AuditEvent

    settings.SAYLAU_LOGIN_MAX_FAILURES_PER_CLIENT = 20
    url = reverse("accounts:login")
    codes = [
        client.post(url, {"username": f"guess{n}", "password": "x"}).status_code for n in range(100)
    ]
    assert codes[:20] == [200] * 20
    assert set(codes[20:]) == {429}
    # Refused attempts are not processed (no password is checked, nothing more is counted).
    assert AuditEvent.objects.filter(action="accounts.login.failed").count() == 20
    # A real user from that client is refused too while the window lasts; elsewhere not.
    user_for("cec", username="anna")
    assert client.post(url, {"username": "anna", "password": "pw"}).status_code == 429
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.post(url, {"username": "anna", "password": "pw"}).status_code == 302
