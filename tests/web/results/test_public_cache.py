"""Public pages are served from the cache until a publication changes them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from saylau.web.results import services

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


def test_a_published_page_is_cached_in_two_queries_and_a_new_publication_replaces_it(
    client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.results.models import Distribution

    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    url = reverse("results:public", args=[election.pk])
    first = client.get(url)
    assert first.status_code == 200 and "X-Saylau-Cache" not in first
    with django_assert_max_num_queries(1):
        again = client.get(url)
    assert again["X-Saylau-Cache"] == "hit"
    strip = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')
    assert strip.sub(b"", again.content) == strip.sub(b"", first.content)
    json_url = reverse("results:public_json", args=[election.pk])
    assert client.get(json_url)["Content-Type"].startswith("application/json")
    assert client.get(json_url)["Content-Type"].startswith("application/json")  # from cache
    Distribution.objects.filter(election=election).update(published_at=None)
    assert client.get(url).status_code == 404  # unpublished: never served from the cache


def test_a_cached_page_gives_each_reader_their_own_csrf_token(client) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    url = reverse("results:public", args=[election.pk])
    client.get(url)
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url)
    assert page["X-Saylau-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None and "__saylau_csrf" not in page.content.decode()
    switched = reader.post(
        reverse("set_language"),
        {"language": "kk", "next": url, "csrfmiddlewaretoken": token.group(1)},
    )
    assert switched.status_code == 302


def test_a_signed_in_reader_never_gets_nor_leaves_a_cached_page(client) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from saylau.web.accounts.models import Role
    from tests.factories import user_for

    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    url = reverse("results:public", args=[election.pk])
    official = user_for(Role.CEC)
    client.force_login(official)
    mine = client.get(url)
    assert "X-Saylau-Cache" not in mine and official.username in mine.content.decode()
    anonymous = Client().get(url)
    assert "X-Saylau-Cache" not in anonymous  # nothing was stored from the official's page
    assert official.username not in anonymous.content.decode()
    assert "X-Saylau-Cache" not in client.get(url)


def test_a_kept_stamp_spares_the_database_and_lapses_after_its_seconds(
    client, settings, django_assert_max_num_queries, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.results import public_cache
    from saylau.web.results.models import Distribution

    settings.SAYLAU_PUBLIC_STAMP_SECONDS = 2
    public_cache._stamps.clear()
    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    url = reverse("results:public", args=[election.pk])
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(url)["X-Saylau-Cache"] == "hit"
    # Unpublished: within the kept seconds the old stamp still serves the page; after them,
    # never again.
    Distribution.objects.filter(election=election).update(published_at=None)
    moment = public_cache.time.monotonic()
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: moment + 2.5)
    assert client.get(url).status_code == 404
    public_cache._stamps.clear()


def test_a_publication_builds_every_public_page_for_every_language_before_a_reader_asks(
    client, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    from saylau.web.results.warm import LANGUAGES

    settings.SAYLAU_WARM_PUBLIC_PAGES = True  # the task runs at once in the tests
    cache.clear()
    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    services.distribute_mandates(actor=None, election=election)
    services.sign_off(actor=None, election=election)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(actor=None, election=election)
    # The first reader of each page, in each language, gets it from the cache at once.
    district = precincts[0].district_id
    with translation.override("kk"):  # the addresses without a language prefix
        urls = [
            reverse("results:public", args=[election.pk]),
            reverse("results:public_json", args=[election.pk]),
            reverse("results:live", args=[election.pk]),
            reverse("results:live_district", args=[election.pk, district]),
            reverse("results:live_precinct", args=[election.pk, precincts[-1].pk]),
        ]
    for prefix in ("", "/ru", "/en"):
        for url in urls:
            with django_assert_max_num_queries(4):  # the stamp of what changed last, only
                answer = client.get(prefix + url)
            assert answer.get("X-Saylau-Cache") == "hit", (prefix + url, answer.status_code)
    assert len(LANGUAGES) == 3
