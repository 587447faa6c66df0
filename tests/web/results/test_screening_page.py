"""The public screening page lists flags with explanations and says a flag is not proof."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse

from saylau.web.core import clock
from saylau.web.results import services

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("in_russian")
def test_the_screening_page_flags_round_figures_and_says_a_flag_is_not_proof(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists(precincts_per_district=5)
    with clock.travel(datetime(2027, 3, 21, 22, 0)):  # entered on election night, in time
        for i, p in enumerate(precincts):
            votes = None if i == 0 else {"amanat": 503 + i, "auyl": 201 + i, "ak-zhol": 97 + 2 * i}
            data = protocol_data(p, votes, against_all=10 if i == 0 else 11)
            services.submit_protocol(actor=None, election=election, precinct=p, data=data)
    url = reverse("results:public_screening", args=[election.pk])
    assert client.get(url).status_code == 404  # nothing before publication
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    page = client.get(url).content.decode()
    assert "Отметка — не доказательство." in page
    assert f"№{precincts[0].number}" in page
    assert "Отметки есть у 1 из 10 участков." in page
