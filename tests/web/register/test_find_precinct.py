"""Find my precinct: the same shape and time for found and not found, rate-limited, public."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .builders import iin, standard_persons

API = "/api/register/find-precinct"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_a_voter_sees_their_precinct_hours_accessibility_and_initials_only(
    world: Any, client: Client
) -> None:
    world.p101.ramp = True
    world.p101.save()
    voter = standard_persons()[0]
    resp = client.post(reverse("register:find_precinct"), {"iin": voter.iin})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "№101" in html or "101" in html
    assert world.p101.polling_address in html
    assert "Ә. Е. Қ." in html
    assert "Әбілов" not in html and voter.iin not in html


def test_the_api_answers_found_and_not_found_in_the_same_shape(world: Any, client: Client) -> None:
    found = client.post(API, {"iin": standard_persons()[0].iin}, content_type="application/json")
    missing = client.post(API, {"iin": iin(555)}, content_type="application/json")
    garbage = client.post(API, {"iin": "12"}, content_type="application/json")
    assert found.status_code == missing.status_code == garbage.status_code == 200
    assert set(found.json()) == set(missing.json()) == set(garbage.json())
    assert found.json()["found"] and found.json()["precinct_number"] == 101
    assert found.json()["masked_name"] == "Ә. Е. Қ."
    assert missing.json()["status"] == "not_listed" and garbage.json()["status"] == "malformed"
    assert missing.json()["found"] is False and missing.json()["precinct_number"] is None


def test_every_answer_takes_at_least_the_minimum_time(
    world: Any, client: Client, settings: Any
) -> None:
    settings.SAYLAU_LOOKUP_MIN_SECONDS = 0.15
    for value in (standard_persons()[0].iin, iin(556)):
        started = time.monotonic()
        client.post(API, {"iin": value}, content_type="application/json")
        assert time.monotonic() - started >= 0.15


def test_a_client_asking_too_often_is_refused_for_a_while(
    world: Any, client: Client, settings: Any
) -> None:
    settings.SAYLAU_LOOKUP_RATE = 3
    codes = [
        client.post(API, {"iin": iin(600 + n)}, content_type="application/json").status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    limited = client.post(reverse("register:find_precinct"), {"iin": standard_persons()[0].iin})
    assert limited.status_code == 429
    assert world.p101.polling_address not in limited.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(API, {"iin": iin(700)}, content_type="application/json").status_code == 200


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_the_page_is_public_and_speaks_three_languages(
    world: Any, client: Client, lang: str
) -> None:
    prefix = "" if lang == "kk" else f"/{lang}"
    resp = client.get(f"{prefix}/register/find/")
    assert resp.status_code == 200
    assert 'label for="id_iin"' in resp.content.decode()


def test_the_openapi_schema_documents_the_lookup(client: Client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/register/find-precinct" in schema["paths"]


def test_found_and_not_found_are_padded_to_the_same_duration(
    world: Any, client: Client, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a fake clock: whatever the lookup itself takes, the answer leaves at the minimum."""
    from saylau.web.register.services import lookup

    settings.SAYLAU_LOOKUP_MIN_SECONDS = 0.4
    clock = [1000.0]
    real = lookup._answer

    def slow_answer(value: str, who: str) -> lookup.LookupAnswer:
        answer = real(value, who)
        clock[0] += 0.05 if answer.found else 0.01  # a found voter costs a join more
        return answer

    fake = SimpleNamespace(
        monotonic=lambda: clock[0], sleep=lambda s: clock.__setitem__(0, clock[0] + s)
    )
    monkeypatch.setattr("saylau.web.register.services.lookup.time", fake)
    monkeypatch.setattr(lookup, "_answer", slow_answer)
    took: dict[str, float] = {}
    for label, value in (("found", standard_persons()[0].iin), ("missing", iin(557))):
        start = clock[0]
        body = client.post(API, {"iin": value}, content_type="application/json").json()
        assert body["found"] is (label == "found")
        took[label] = clock[0] - start
    assert took["found"] == pytest.approx(0.4) and took["missing"] == pytest.approx(0.4)


def test_a_refused_answer_has_the_same_shape_as_the_others(
    world: Any, client: Client, settings: Any
) -> None:
    settings.SAYLAU_LOOKUP_RATE = 1
    first = client.post(API, {"iin": iin(801)}, content_type="application/json")
    refused = client.post(API, {"iin": iin(802)}, content_type="application/json")
    assert (first.status_code, refused.status_code) == (200, 429)
    assert set(first.json()) == set(refused.json()) and refused.json()["limited"] is True


def test_the_limit_trusts_x_forwarded_for_only_behind_configured_proxies(
    world: Any, settings: Any
) -> None:
    settings.SAYLAU_LOOKUP_RATE = 1
    # No trusted proxy: a client naming a fresh address in the header each time is still one
    # client (its TCP address).
    liar = Client(REMOTE_ADDR="198.51.100.5")
    codes = [
        liar.post(
            API,
            {"iin": iin(810 + n)},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 429, 429]
    # Behind one proxy, the clients it forwards count separately (the proxy's address does
    # not make them one), and what a client prepends to the header is ignored.
    settings.SAYLAU_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    a = [
        proxy.post(
            API,
            {"iin": iin(820 + n)},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.10",
        ).status_code
        for n in range(2)
    ]
    b = proxy.post(
        API,
        {"iin": iin(830)},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="203.0.113.11",
    ).status_code
    assert a == [200, 429] and b == 200


def test_an_ipv6_client_counts_by_its_64_block(world: Any, settings: Any) -> None:
    settings.SAYLAU_LOOKUP_RATE = 1
    one = Client(REMOTE_ADDR="2001:db8:1:2::10")
    other_address_same_block = Client(REMOTE_ADDR="2001:db8:1:2:ffff::99")
    assert one.post(API, {"iin": iin(840)}, content_type="application/json").status_code == 200
    again = other_address_same_block.post(API, {"iin": iin(841)}, content_type="application/json")
    assert again.status_code == 429
