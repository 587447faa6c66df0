import json

import pytest
from django.test import Client

from saylau.web.accounts.models import Role
from saylau.web.results import services
from saylau.web.results.models import Protocol
from tests.factories import user_for

from .factories import (
    election_with_lists,
    protocol_data,
    single_member_data,
    single_member_districts,
)

pytestmark = pytest.mark.django_db


def url(election_id: int, precinct_id: int, what: str = "protocol") -> str:
    return f"/api/results/elections/{election_id}/precincts/{precinct_id}/{what}"


def test_a_secretary_submits_over_the_api_and_a_second_post_gets_409(client: Client) -> None:
    election, precincts = election_with_lists()
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    body = json.dumps(protocol_data(p))
    first = client.post(url(election.pk, p.pk), body, content_type="application/json")
    assert first.status_code == 201, first.content
    assert first.json()["sha256"] == Protocol.objects.get().sha256
    again = client.post(url(election.pk, p.pk), body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "results.already_submitted"


def test_an_inconsistent_protocol_gets_422_with_the_findings(client: Client) -> None:
    election, precincts = election_with_lists()
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    data = protocol_data(p)
    data["ballots_received"] += 1
    checked = client.post(
        url(election.pk, p.pk, "check"), json.dumps(data), content_type="application/json"
    )
    assert checked.status_code == 200 and checked.json()["ok"] is False
    refused = client.post(url(election.pk, p.pk), json.dumps(data), content_type="application/json")
    assert refused.status_code == 422
    assert [f["code"] for f in refused.json()["findings"]] == ["ballot_balance"]
    assert not Protocol.objects.exists()


def test_every_endpoint_hides_another_precinct_from_a_precinct_user(client: Client) -> None:
    election, precincts = election_with_lists()
    mine, theirs = precincts[0], precincts[1]
    row = services.submit_protocol(
        actor=None, election=election, precinct=theirs, data=protocol_data(theirs)
    )
    client.force_login(user_for(Role.PRECINCT, place=mine))
    body = json.dumps(protocol_data(theirs))
    assert (
        client.post(url(election.pk, theirs.pk), body, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(
            url(election.pk, theirs.pk, "check"), body, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get(f"/api/results/protocols/{row.pk}").status_code == 404
    live = client.get(f"/api/results/elections/{election.pk}/live").json()
    assert live["totals"]["protocols"] == 0 and live["expected"] == 1
    assert client.get(f"/api/results/public/{election.pk}").status_code == 404


def test_the_api_refuses_anonymous_writes(client: Client) -> None:
    election, precincts = election_with_lists()
    response = client.post(url(election.pk, precincts[0].pk), "{}", content_type="application/json")
    assert response.status_code in (401, 403)


def test_a_single_member_protocol_over_the_api_must_carry_its_districts_candidates(
    client: Client,
) -> None:
    election, precincts = election_with_lists()
    districts = single_member_districts(election, precincts)
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    data = single_member_data(p, districts[0], [300, 200, 100])
    data["votes"] = data["votes"][:2]  # a candidate left out
    refused = client.post(url(election.pk, p.pk), json.dumps(data), content_type="application/json")
    assert refused.status_code == 422 and refused.json()["field"] == "votes"
    good = single_member_data(p, districts[0], [300, 200, 100])
    accepted = client.post(
        url(election.pk, p.pk), json.dumps(good), content_type="application/json"
    )
    assert accepted.status_code == 201, accepted.content
    assert Protocol.objects.get(race="single_member").data["district"] == "1"
