"""The access policy (saylau.web.accounts.policy), and the probes of issue 11 item 1 kept as
regression tests: a trainer or an akimat of the right territory could create an election,
register lists, enter and accept protocols, distribute, sign off and publish."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client, override_settings

from saylau.web.accounts.models import Role
from saylau.web.accounts.policy import (
    ANONYMOUS,
    COUNTRY,
    RULES,
    SYSTEM,
    Action,
    Place,
    PolicyDenied,
    SystemActor,
    allows,
    as_actor,
    label_of,
    require,
    user_of,
)
from saylau.web.audit.models import AuditEvent
from saylau.web.elections import services as elections
from saylau.web.elections.models import Election, Party
from saylau.web.results import services as results
from saylau.web.results.models import Distribution, Protocol
from tests.factories import user_for
from tests.web.results.factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_count(settings: Any) -> None:
    """The results probes run the night after the factories' election day, when protocols,
    tabulation and publication are in their windows: what refuses them here is the policy."""
    from tests.web.results.conftest import AFTER_THE_COUNT

    settings.SAYLAU_AS_OF = AFTER_THE_COUNT

WRITERS_OF_NOTHING_BUT_TRAINING = (Role.TRAINER, Role.OBSERVER)


# -- the policy itself ---------------------------------------------------------------


def test_every_action_has_a_row_in_the_table() -> None:
    assert set(RULES) == set(Action)


def test_the_observer_may_do_nothing_and_the_trainer_only_record_training() -> None:
    for action, roles in RULES.items():
        assert Role.OBSERVER not in roles, action
        if action is not Action.TRAINING_RECORD:
            assert Role.TRAINER not in roles, action


def test_the_akimat_never_touches_an_election_a_protocol_or_a_result() -> None:
    for action, roles in RULES.items():
        if action.value.startswith(("election.", "results.")):
            assert Role.AKIMAT not in roles, action


def test_the_system_actor_is_recognised_in_one_place() -> None:
    assert as_actor(None) == SYSTEM
    assert as_actor("saylau demo") == SystemActor("saylau demo")
    assert as_actor(SYSTEM) is SYSTEM
    assert as_actor(object()) is ANONYMOUS
    assert label_of("saylau demo") == "saylau demo" and user_of("saylau demo") is None
    assert allows(SYSTEM, Action.RESULTS_PUBLISH, COUNTRY)


def test_the_anonymous_user_and_an_inactive_account_are_refused_everything() -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PolicyDenied) as caught:
        require(AnonymousUser(), Action.PROTOCOL_SUBMIT)
    assert caught.value.code == "policy.anonymous"
    cec = user_for(Role.CEC, is_active=False)
    assert not allows(cec, Action.ELECTION_CREATE, COUNTRY)


def test_a_refusal_names_the_role_or_the_place_with_a_stable_code() -> None:
    _election, precincts = election_with_lists(precincts_per_district=1, districts=2)
    mine, theirs = precincts
    secretary = user_for(Role.PRECINCT, place=mine)
    trainer = user_for(Role.TRAINER, place=mine.region)
    assert allows(secretary, Action.PROTOCOL_SUBMIT, mine)
    with pytest.raises(PolicyDenied) as outside:
        require(secretary, Action.PROTOCOL_SUBMIT, theirs)
    assert outside.value.code == "policy.place"
    with pytest.raises(PolicyDenied) as role:
        require(trainer, Action.PROTOCOL_SUBMIT, mine)
    assert role.value.code == "policy.role"


def test_a_place_knows_its_level() -> None:
    assert COUNTRY.level == "country"
    assert Place(region_id=1).level == "region"
    assert Place(region_id=1, district_id=2).level == "district"
    assert Place(region_id=1, district_id=2, precinct_id=3).level == "precinct"


# -- issue 11 item 1: the trainer and the akimat --------------------------------------


def _submitted(election: Election, precincts: list) -> list[Protocol]:
    return [
        results.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
        for p in precincts
    ]


@pytest.mark.parametrize("role", [Role.TRAINER, Role.OBSERVER])
def test_a_trainer_or_observer_cannot_create_an_election(role: str) -> None:
    election, _precincts = election_with_lists(precincts_per_district=1, districts=1)
    user = user_for(role, place=election.region)
    before = Election.objects.count()
    with pytest.raises(PolicyDenied):
        elections.create_election(
            actor=user,
            name_ru="Выборы",
            name_kk="Сайлау",
            body="maslikhat_oblast",
            day=dt.date(2027, 3, 1),
            region=election.region,
            list_seats=10,
        )
    assert Election.objects.count() == before


@pytest.mark.parametrize("role", [Role.TRAINER, Role.AKIMAT, Role.OBSERVER])
def test_a_trainer_akimat_or_observer_cannot_register_a_list(role: str) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    user = user_for(role, place=precincts[0].district if role == Role.AKIMAT else election.region)
    party = Party.objects.create(code="new", name_ru="Новая", name_kk="Жаңа")
    with pytest.raises(PolicyDenied):
        elections.register_party_list(actor=user, election=election, party=party)
    assert not election.party_lists.filter(party=party).exists()


@pytest.mark.parametrize("role", [Role.TRAINER, Role.AKIMAT, Role.OBSERVER])
def test_a_trainer_akimat_or_observer_cannot_enter_a_protocol(role: str) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    p = precincts[0]
    user = user_for(role, place=p.district if role == Role.AKIMAT else election.region)
    with pytest.raises(PolicyDenied):
        results.submit_protocol(actor=user, election=election, precinct=p, data=protocol_data(p))
    assert not Protocol.objects.exists()


@pytest.mark.parametrize("role", [Role.TRAINER, Role.AKIMAT, Role.PRECINCT])
def test_only_a_higher_commission_accepts_a_correction(role: str) -> None:
    """The trainer accepted a correction of another user's protocol (193 votes became 10)."""
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    p = precincts[0]
    (first,) = _submitted(election, [p])
    fixed = results.submit_correction(
        actor=None,
        protocol=first,
        data=protocol_data(p, {"amanat": 10, "auyl": 200, "ak-zhol": 100}),
        reason="probe",
    )
    place = {Role.TRAINER: election.region, Role.AKIMAT: p.district, Role.PRECINCT: p}[role]
    with pytest.raises(PolicyDenied):
        results.accept_correction(actor=user_for(role, place=place), correction=fixed)
    first.refresh_from_db()
    assert first.is_current
    results.accept_correction(actor=user_for(Role.TERRITORIAL, place=p.district), correction=fixed)


@pytest.mark.parametrize("role", [Role.TRAINER, Role.AKIMAT, Role.OBSERVER])
def test_a_trainer_akimat_or_observer_cannot_distribute_sign_off_or_publish(role: str) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    _submitted(election, precincts)
    user = user_for(role, place=precincts[0].district if role == Role.AKIMAT else election.region)
    with pytest.raises(PolicyDenied):
        results.distribute_mandates(actor=user, election=election)
    assert not Distribution.objects.exists()
    results.distribute_mandates(actor=None, election=election)
    with pytest.raises(PolicyDenied):
        results.sign_off(actor=user, election=election)
    results.sign_off(actor=None, election=election)
    with pytest.raises(PolicyDenied):
        results.publish(actor=user, election=election)
    assert Distribution.objects.get().published_at is None


@pytest.mark.usefixtures("in_russian")
def test_the_trainer_is_refused_the_pages_that_write_results(client: Client) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    p = precincts[0]
    client.force_login(user_for(Role.TRAINER, place=election.region))
    before = AuditEvent.objects.count()
    assert client.get(f"/elections/{election.pk}/").status_code == 200
    assert client.get("/elections/new/").status_code == 403
    assert client.get(f"/results/elections/{election.pk}/precincts/{p.pk}/enter/").status_code == 403
    for action in ("distribute", "sign-off", "publish"):
        response = client.post(f"/results/elections/{election.pk}/{action}/")
        assert response.status_code == 403, action
    assert AuditEvent.objects.count() == before


@pytest.mark.usefixtures("in_russian")
def test_the_tabulation_page_offers_no_entry_links_to_a_trainer(client: Client) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    client.force_login(user_for(Role.TRAINER, place=election.region))
    page = client.get(f"/results/elections/{election.pk}/").content.decode()
    assert f"/precincts/{precincts[0].pk}/enter/" not in page


# -- issue 11 item 7: refusals in the API are JSON, never a 500 --------------------------


@override_settings(DEBUG=True)
@pytest.mark.parametrize("role", [Role.TRAINER, Role.OBSERVER])
def test_an_api_refusal_is_json_403_even_with_debug_on(client: Client, role: str) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    p = precincts[0]
    client.force_login(user_for(role, place=election.region))
    client.raise_request_exception = False
    url = f"/api/results/elections/{election.pk}/precincts/{p.pk}/protocol"
    response = client.post(url, json.dumps(protocol_data(p)), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "policy.role"
    token = client.post("/api/results/device-tokens", "{}", content_type="application/json")
    assert token.status_code == 403 and token.json()["code"] == "policy.role"
    assert not Protocol.objects.exists()


def test_the_api_answers_anonymous_calls_with_json_401(client: Client) -> None:
    election, precincts = election_with_lists(precincts_per_district=1, districts=1)
    response = client.get(f"/api/results/elections/{election.pk}/live")
    assert response.status_code == 401 and response["Content-Type"].startswith("application/json")
