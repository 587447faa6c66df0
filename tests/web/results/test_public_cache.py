"""Public pages are served from the cache until a publication changes them."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
    assert again["X-Saylau-Cache"] == "hit" and again.content == first.content
    json_url = reverse("results:public_json", args=[election.pk])
    assert client.get(json_url)["Content-Type"].startswith("application/json")
    assert client.get(json_url)["Content-Type"].startswith("application/json")  # from cache
    Distribution.objects.filter(election=election).update(published_at=None)
    assert client.get(url).status_code == 404  # unpublished: never served from the cache
