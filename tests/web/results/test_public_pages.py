"""The public results page shows the per-precinct table a page at a time."""

import pytest
from django.urls import reverse

from saylau.web.core.formats import figure
from saylau.web.results import services
from saylau.web.results.views import public

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


def test_the_precinct_table_is_paginated_and_every_hash_is_on_some_page(
    client, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists(precincts_per_district=3, districts=2)
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    monkeypatch.setattr(public, "PRECINCTS_PER_PAGE", 4)
    url = reverse("results:public", args=[election.pk])
    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()
    rows = election.protocols.order_by("precinct__number")
    assert all(r.sha256 in first for r in rows[:4]) and rows[4].sha256 not in first
    assert all(r.sha256 in second for r in rows[4:]) and rows[0].sha256 not in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    # a page out of range shows the last page, not an error
    assert rows[5].sha256 in client.get(url + "?page=99").content.decode()
    # the totals are of every precinct on every page
    total = sum(r.voters for r in rows)
    grouped = figure(total, "kk")  # grouped as the reader's language writes it
    assert f"<dd>{grouped}</dd>" in first and f"<dd>{grouped}</dd>" in second
