"""Declined mandates and party decisions: the list's mandates pass on, audited and published."""

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.elections.models import Candidate
from saylau.web.results import services
from saylau.web.results.errors import NotComplete, ResultsError
from saylau.web.results.models import Mandate, MandateDecision
from saylau.web.results.services.decisions import record_decision
from tests.factories import user_for

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db

VOTES = [
    {"amanat": 600, "auyl": 150, "ak-zhol": 120},
    {"amanat": 400, "auyl": 260, "ak-zhol": 80},
    {"amanat": 500, "auyl": 100, "ak-zhol": 100},
    {"amanat": 300, "auyl": 240, "ak-zhol": 160},
]
DAY = dt.date(2027, 3, 25)


@pytest.fixture
def distributed() -> Any:
    """amanat wins 3 of 5 seats; candidates 1-3 of its list hold them."""
    election, precincts = election_with_lists(candidates=4)
    for p, votes in zip(precincts, VOTES, strict=True):
        services.submit_protocol(
            actor=None, election=election, precinct=p, data=protocol_data(p, votes)
        )
    services.distribute_mandates(actor=None, election=election)
    amanat = election.party_lists.get(party__code="amanat")
    return election, amanat


def _holders(election: Any, party_list: Any) -> list[int]:
    return list(
        Mandate.objects.filter(distribution__election=election, party_list=party_list)
        .order_by("candidate__position")
        .values_list("candidate__position", flat=True)
    )


def test_a_declined_mandate_passes_to_the_next_on_the_list(distributed) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    regional = user_for(Role.REGIONAL, place=election.region)
    second = amanat.candidates.get(position=2)
    record_decision(
        actor=regional,
        election=election,
        party_list=amanat,
        kind="declined",
        candidate=second,
        decided_on=DAY,
        reason="written statement",
    )
    assert _holders(election, amanat) == [1, 3, 4]
    event = AuditEvent.objects.filter(action="results.mandates.declined").get()
    assert event.new["elected"] == [str(amanat.candidates.get(position=p).pk) for p in (1, 3, 4)]
    assert len(event.old["elected"]) == 3


def test_with_no_one_left_on_the_list_the_seat_stays_vacant(distributed) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    for position in (1, 2):
        record_decision(
            actor=None,
            election=election,
            party_list=amanat,
            kind="excluded",
            candidate=amanat.candidates.get(position=position),
            decided_on=DAY,
        )
    assert _holders(election, amanat) == [3, 4]
    distribution = election.distribution
    distribution.refresh_from_db()
    assert distribution.allocation["vacant"]["amanat"] == 1
    assert distribution.allocation["seats"]["amanat"] == 3  # the party keeps its seats


def test_a_party_decision_sets_the_order_and_a_later_decline_follows_it(distributed) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    ids = [amanat.candidates.get(position=p).pk for p in (4, 3, 1, 2)]
    record_decision(
        actor=None,
        election=election,
        party_list=amanat,
        kind="party_order",
        order=ids,
        decided_on=DAY,
        body="party congress",
    )
    assert _holders(election, amanat) == [1, 3, 4]
    basis = set(Mandate.objects.filter(party_list=amanat).values_list("basis", flat=True))
    assert basis == {"party_decision of 2027-03-25"}
    record_decision(
        actor=None,
        election=election,
        party_list=amanat,
        kind="declined",
        candidate=amanat.candidates.get(position=4),
        decided_on=DAY,
    )
    assert _holders(election, amanat) == [1, 2, 3]


def test_decisions_that_do_not_fit_the_list_are_refused_whole(distributed) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    stranger = Candidate.objects.filter(election=election).exclude(party_list=amanat).first()
    with pytest.raises(ResultsError):
        record_decision(
            actor=None,
            election=election,
            party_list=amanat,
            kind="declined",
            candidate=stranger,
            decided_on=DAY,
        )
    with pytest.raises(ResultsError):
        record_decision(
            actor=None,
            election=election,
            party_list=amanat,
            kind="party_order",
            order=[stranger.pk],
            decided_on=DAY,
        )
    assert not MandateDecision.objects.exists()
    assert _holders(election, amanat) == [1, 2, 3]


def test_nothing_is_recorded_before_the_mandates_are_distributed() -> None:
    election, _precincts = election_with_lists()
    party_list = election.party_lists.first()
    with pytest.raises(NotComplete):
        record_decision(
            actor=None,
            election=election,
            party_list=party_list,
            kind="declined",
            candidate=party_list.candidates.first(),
            decided_on=DAY,
        )
    assert not MandateDecision.objects.exists()


def test_the_published_results_follow_a_decline_recorded_after_publication(
    client, distributed
) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    services.sign_off(actor=None, election=election)
    services.publish(actor=None, election=election)
    first = amanat.candidates.get(position=1)
    record_decision(
        actor=None,
        election=election,
        party_list=amanat,
        kind="declined",
        candidate=first,
        decided_on=DAY,
    )
    data = json.loads(client.get(reverse("results:public_json", args=[election.pk])).content)
    names = next(p for p in data["parties"] if p["code"] == "amanat")["mandates"]
    assert first.full_name not in names and amanat.candidates.get(position=4).full_name in names


def test_the_commission_records_a_decline_on_the_mandates_page(client, distributed) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    url = reverse("results:mandates", args=[election.pk])
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    page = client.get(url)
    assert page.status_code == 200 and "Аманат кандидат 1" in page.content.decode()
    second = amanat.candidates.get(position=2)
    response = client.post(
        reverse("results:record_decision", args=[election.pk]),
        {
            "party_list": amanat.pk,
            "kind": "declined",
            "candidate": second.pk,
            "decided_on": "2027-03-25",
            "reason": "statement",
        },
    )
    assert response.status_code == 302
    assert _holders(election, amanat) == [1, 3, 4]
    bad = client.post(
        reverse("results:record_decision", args=[election.pk]),
        {
            "party_list": amanat.pk,
            "kind": "party_order",
            "order": "9, x",
            "decided_on": "2027-03-25",
        },
    )
    assert bad.status_code == 422 and MandateDecision.objects.count() == 1


def test_only_the_deciding_commission_records_and_others_see_nothing_before_sign_off(
    client, distributed
) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    district = election.region.districts.first()
    client.force_login(user_for(Role.TERRITORIAL, place=district))
    assert client.get(reverse("results:mandates", args=[election.pk])).status_code == 404
    response = client.post(
        reverse("results:record_decision", args=[election.pk]),
        {
            "party_list": amanat.pk,
            "kind": "declined",
            "candidate": amanat.candidates.first().pk,
            "decided_on": "2027-03-25",
        },
    )
    assert response.status_code == 404 and not MandateDecision.objects.exists()
    services.sign_off(actor=None, election=election)
    assert client.get(reverse("results:mandates", args=[election.pk])).status_code == 200


def test_the_printed_protocol_of_mandate_distribution_lists_the_decisions(
    client, distributed
) -> None:  # type: ignore[no-untyped-def]
    election, amanat = distributed
    record_decision(
        actor=None,
        election=election,
        party_list=amanat,
        kind="declined",
        candidate=amanat.candidates.get(position=2),
        decided_on=DAY,
    )
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    response = client.get(reverse("results:mandates_pdf", args=[election.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    page = client.get(reverse("results:mandates", args=[election.pk])).content.decode()
    assert "25.03.2027" in page and amanat.candidates.get(position=2).full_name in page
