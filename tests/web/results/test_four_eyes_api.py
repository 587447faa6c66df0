"""Bad input and abuse through the API (issue 13): a replayed confirmation, a confirmation that
comes after its step was overtaken, a request that skips a phase, an act that does not exist, a
protocol of a precinct that does not vote in the election: refused with a stable code, nothing
changed, the attempt audited."""

from __future__ import annotations

import json
from typing import Any

import pytest

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.results.four_eyes import (
    NotAConfirmer,
    NotPending,
    decline_action,
    request_action,
)
from saylau.web.results.models import ActionRequest, Distribution, Protocol
from tests.factories import DistrictFactory, PrecinctFactory, RegionFactory, user_for

from .factories import protocol_data

pytestmark = pytest.mark.django_db


def _ask(client: Any, election: Any, action: str, **extra: Any) -> Any:
    body = json.dumps({"action": action, **extra})
    url = f"/api/results/elections/{election.pk}/requests"
    return client.post(url, body, content_type="application/json")


def _confirm(client: Any, request_id: int) -> Any:
    return client.post(f"/api/results/requests/{request_id}/confirm")


def _refused() -> list[dict[str, Any]]:
    events = AuditEvent.objects.filter(action="results.four_eyes.refused").order_by("pk")
    return [e.new for e in events]


def _done(client: Any, chair: Any, secretary: Any, election: Any, action: str) -> None:
    client.force_login(chair)
    asked = _ask(client, election, action)
    assert asked.status_code == 201, asked.json()
    client.force_login(secretary)
    assert _confirm(client, asked.json()["id"]).status_code == 200


@pytest.mark.parametrize(
    ("action", "code"),
    [
        ("sign_off", "results.not_complete"),  # nothing distributed yet
        ("publish_preliminary", "results.not_complete"),
        ("publish", "results.not_signed_off"),
        ("register_mandates", "results.not_signed_off"),
    ],
)
def test_a_request_that_skips_a_phase_gets_409_and_is_audited(
    client: Any, counted: Any, action: str, code: str
) -> None:
    election, _p, chair, _secretary = counted
    client.force_login(chair)
    response = _ask(client, election, action)
    assert response.status_code == 409 and response.json()["code"] == code
    assert not ActionRequest.objects.exists() and not Distribution.objects.exists()
    assert _refused() == [{"step": "request", "code": code, "action": action}]


def test_a_replayed_confirmation_gets_409_and_changes_nothing(client: Any, counted: Any) -> None:
    election, _p, chair, secretary = counted
    client.force_login(chair)
    asked = _ask(client, election, "distribute").json()
    client.force_login(secretary)
    assert _confirm(client, asked["id"]).status_code == 200
    computed = Distribution.objects.get(election=election).computed_at
    replay = _confirm(client, asked["id"])
    assert replay.status_code == 409
    assert replay.json()["code"] == "results.four_eyes.not_pending"
    assert Distribution.objects.get(election=election).computed_at == computed
    assert AuditEvent.objects.filter(action="results.mandates.distribute").count() == 1
    assert _refused()[-1] == {
        "step": "confirm",
        "code": "results.four_eyes.not_pending",
        "request": asked["id"],
    }


def test_a_confirmation_after_its_step_was_overtaken_is_refused_and_stays_pending(
    client: Any, counted: Any
) -> None:
    election, _p, chair, secretary = counted
    _done(client, chair, secretary, election, "distribute")
    client.force_login(chair)
    late = _ask(client, election, "publish_preliminary").json()
    _done(client, chair, secretary, election, "sign_off")  # the sign-off came first
    client.force_login(secretary)
    response = _confirm(client, late["id"])
    assert response.status_code == 409 and response.json()["code"] == "results.frozen"
    assert Distribution.objects.get(election=election).preliminary_published_at is None
    assert ActionRequest.objects.get(pk=late["id"]).status == "pending"
    assert _refused()[-1]["code"] == "results.frozen"


def test_the_same_official_confirming_through_the_api_is_refused_and_audited(
    client: Any, counted: Any
) -> None:
    election, _p, chair, _secretary = counted
    client.force_login(chair)
    asked = _ask(client, election, "distribute").json()
    response = _confirm(client, asked["id"])
    assert response.status_code == 409
    assert response.json()["code"] == "results.four_eyes.same_official"
    assert not Distribution.objects.exists()
    assert _refused()[-1]["code"] == "results.four_eyes.same_official"


def test_an_act_that_does_not_exist_is_refused_and_audited(client: Any, counted: Any) -> None:
    election, _p, chair, _secretary = counted
    client.force_login(chair)
    response = _ask(client, election, "annul_the_election")
    assert response.status_code == 422 and response.json()["field"] == "action"
    assert not ActionRequest.objects.exists()
    assert _refused()[-1]["action"] == "annul_the_election"


def test_someone_outside_the_commissions_territory_cannot_even_see_a_request(
    client: Any, counted: Any
) -> None:
    election, _p, chair, _secretary = counted
    client.force_login(chair)
    asked = _ask(client, election, "distribute").json()
    elsewhere = RegionFactory(code="ALA", name_ru="Алматинская область")
    client.force_login(user_for(Role.REGIONAL, place=elsewhere))
    assert _confirm(client, asked["id"]).status_code == 404
    assert ActionRequest.objects.get(pk=asked["id"]).status == "pending"


def test_a_protocol_of_a_precinct_that_does_not_vote_in_the_election_is_refused(
    client: Any, counted: Any
) -> None:
    election, _p, _chair, _secretary = counted
    before = Protocol.objects.count()
    elsewhere = RegionFactory(code="ALA", name_ru="Алматинская область")
    stranger = PrecinctFactory(district=DistrictFactory(region=elsewhere))
    client.force_login(user_for(Role.CEC))
    url = f"/api/results/elections/{election.pk}/precincts/{stranger.pk}/protocol"
    response = client.post(
        url, json.dumps(protocol_data(stranger)), content_type="application/json"
    )
    assert response.status_code == 404  # the CEC sees every precinct: not of this election
    assert Protocol.objects.count() == before


def test_a_replayed_or_foreign_refusal_is_refused_and_audited(counted: Any) -> None:
    election, _p, chair, secretary = counted
    asked = request_action(actor=chair, election=election, action="distribute")
    outsider = user_for(Role.REGIONAL, place=election.region)  # no seat on the commission
    with pytest.raises(NotAConfirmer):
        decline_action(actor=outsider, request_id=asked.pk)
    assert ActionRequest.objects.get(pk=asked.pk).status == "pending"
    decline_action(actor=secretary, request_id=asked.pk)
    with pytest.raises(NotPending):
        decline_action(actor=secretary, request_id=asked.pk)
    assert ActionRequest.objects.get(pk=asked.pk).status == "refused"
    # (the secretary's own refusal of the request is recorded under the same action, without
    # a refusal code: it is a decision, not a refused attempt)
    assert [r["code"] for r in _refused() if "code" in r] == [
        "results.four_eyes.not_a_confirmer",
        "results.four_eyes.not_pending",
    ]
    assert not Distribution.objects.exists()
