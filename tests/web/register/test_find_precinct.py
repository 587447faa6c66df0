"""Find my precinct: the same shape and time for found and not found, rate-limited, public."""

from __future__ import annotations

import time
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
    assert missing.json() == garbage.json()
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
    prefix = "" if lang == "ru" else f"/{lang}"
    resp = client.get(f"{prefix}/register/find/")
    assert resp.status_code == 200
    assert 'label for="id_iin"' in resp.content.decode()


def test_the_openapi_schema_documents_the_lookup(client: Client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/register/find-precinct" in schema["paths"]
