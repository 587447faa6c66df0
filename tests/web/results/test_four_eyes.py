"""Four eyes on what cannot be undone: one official asks, a second (chair or secretary, not the
first) confirms; every refusal changes nothing and is audited."""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.core import clock
from saylau.web.elections.windows import OutsideWindow
from saylau.web.results import services
from saylau.web.results.errors import (
    AlreadyRequested,
    Frozen,
    NotAConfirmer,
    NotAnOfficial,
    NotPending,
    NotSignedOff,
    SameOfficial,
)
from saylau.web.results.four_eyes import confirm_action, request_action
from saylau.web.results.models import ActionRequest, Distribution, Protocol
from tests.factories import user_for

from .factories import election_with_lists, officials_of, protocol_data

pytestmark = pytest.mark.django_db


def _do(action: str, election: Any, asker: Any, confirmer: Any, **kw: Any) -> ActionRequest:
    row = request_action(actor=asker, election=election, action=action, **kw)
    return confirm_action(actor=confirmer, request_id=row.pk)


def _refusals() -> list[dict[str, Any]]:
    return [e.new for e in AuditEvent.objects.filter(action="results.four_eyes.refused")]


def test_the_sign_off_is_done_only_when_a_second_official_confirms(counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    asked = request_action(actor=secretary, election=election, action="sign_off")
    assert Distribution.objects.get(election=election).signed_off_at is None
    done = confirm_action(actor=chair, request_id=asked.pk)
    d = Distribution.objects.get(election=election)
    assert d.signed_off_at is not None and d.signed_off_by == chair
    assert (done.requested_by, done.confirmed_by, done.status) == (secretary, chair, "confirmed")
    actions = list(AuditEvent.objects.values_list("action", "actor_id"))
    assert ("results.four_eyes.request", secretary.pk) in actions
    assert ("results.four_eyes.confirm", chair.pk) in actions
    assert ("results.sign_off", chair.pk) in actions


def test_the_same_official_cannot_confirm_their_own_request(counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, _secretary = counted
    asked = request_action(actor=chair, election=election, action="distribute")
    with pytest.raises(SameOfficial):
        confirm_action(actor=chair, request_id=asked.pk)
    assert not Distribution.objects.exists()
    assert ActionRequest.objects.get(pk=asked.pk).status == "pending"
    assert _refusals()[-1]["code"] == "results.four_eyes.same_official"


def test_a_replayed_confirmation_is_refused_and_changes_nothing(counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, secretary = counted
    done = _do("distribute", election, chair, secretary)
    computed = Distribution.objects.get(election=election).computed_at
    with pytest.raises(NotPending):
        confirm_action(actor=secretary, request_id=done.pk)
    assert Distribution.objects.get(election=election).computed_at == computed
    assert _refusals()[-1]["code"] == "results.four_eyes.not_pending"


def test_an_ordinary_member_or_another_commission_cannot_ask_or_confirm(counted) -> None:  # type: ignore[no-untyped-def]
    election, precincts, chair, _secretary = counted
    outsider = user_for(Role.REGIONAL, place=election.region)  # no seat on the commission
    with pytest.raises(NotAnOfficial):
        request_action(actor=outsider, election=election, action="distribute")
    territorial = user_for(Role.TERRITORIAL, place=precincts[0].district)
    with pytest.raises(NotAnOfficial):
        request_action(actor=territorial, election=election, action="distribute")
    asked = request_action(actor=chair, election=election, action="distribute")
    with pytest.raises(NotAConfirmer):
        confirm_action(actor=outsider, request_id=asked.pk)
    assert not Distribution.objects.exists()


def test_one_pending_request_per_act(counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, secretary = counted
    request_action(actor=chair, election=election, action="distribute")
    with pytest.raises(AlreadyRequested):
        request_action(actor=secretary, election=election, action="distribute")
    assert ActionRequest.objects.count() == 1


def test_a_request_that_skips_a_phase_is_refused_and_audited(counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, _secretary = counted
    with pytest.raises(NotSignedOff):
        request_action(actor=chair, election=election, action="publish")
    assert not ActionRequest.objects.exists()
    assert _refusals()[-1] == {
        "step": "request",
        "code": "results.not_signed_off",
        "action": "publish",
    }


def test_the_api_refuses_publication_before_sign_off_with_409_and_a_code(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, secretary = counted
    client.force_login(chair)
    url = f"/api/results/elections/{election.pk}/requests"
    body = json.dumps({"action": "publish"})
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "results.not_signed_off"
    asked = client.post(url, json.dumps({"action": "distribute"}), content_type="application/json")
    assert asked.status_code == 201
    again = client.post(f"/api/results/requests/{asked.json()['id']}/confirm")
    assert again.status_code == 409 and again.json()["code"] == "results.four_eyes.same_official"
    client.force_login(secretary)
    done = client.post(f"/api/results/requests/{asked.json()['id']}/confirm")
    assert done.status_code == 200 and done.json()["status"] == "confirmed"


def test_nothing_is_asked_before_the_polls_close(counted) -> None:  # type: ignore[no-untyped-def]
    election, _p, chair, _secretary = counted
    before = dt.datetime(2027, 3, 21, 19, 59)
    with clock.travel(before), pytest.raises(OutsideWindow) as caught:
        request_action(actor=chair, election=election, action="distribute")
    assert caught.value.code == "outside_window.not_yet"
    assert not ActionRequest.objects.exists()


def test_a_recount_after_sign_off_reopens_exactly_that_precinct(counted) -> None:  # type: ignore[no-untyped-def]
    election, precincts, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    _do("sign_off", election, secretary, chair)
    first = Protocol.objects.get(election=election, precinct=precincts[0], is_current=True)
    other = Protocol.objects.get(election=election, precinct=precincts[1], is_current=True)
    with pytest.raises(Frozen):
        services.submit_correction(
            actor=None, protocol=first, data=protocol_data(precincts[0]), reason="typo"
        )
    decision = "recount ordered by decision No. 7 of the regional commission"
    _do("cancel_protocol", election, chair, secretary, protocol=first, reason=decision)
    first.refresh_from_db()
    assert first.status == "cancelled" and not first.is_current
    d = Distribution.objects.get(election=election)
    assert d.signed_off_at is None and d.reopened_precincts == [precincts[0].pk]
    with pytest.raises(Frozen):  # every other precinct stays as signed
        services.submit_correction(
            actor=None, protocol=other, data=protocol_data(precincts[1]), reason="typo"
        )
    recount = services.submit_correction(
        actor=None,
        protocol=first,
        data=protocol_data(precincts[0], {"amanat": 499, "auyl": 201, "ak-zhol": 100}),
        reason=decision,
    )
    services.accept_correction(actor=None, correction=recount)
    _do("distribute", election, chair, secretary)
    _do("sign_off", election, secretary, chair)
    assert Distribution.objects.get(election=election).reopened_precincts == []
    cancel = AuditEvent.objects.get(action="results.protocol.cancel")
    assert cancel.new["decision"] == decision and "signed_off_at" in cancel.old


def test_after_sign_off_the_protocol_page_offers_no_correction(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, precincts, chair, secretary = counted
    row = Protocol.objects.get(election=election, precinct=precincts[0], is_current=True)
    secretary_of_precinct = user_for(Role.PRECINCT, place=precincts[0])
    client.force_login(secretary_of_precinct)
    page = reverse("results:protocol", args=[row.pk])
    assert reverse("results:correct", args=[row.pk]) in client.get(page).content.decode()
    _do("distribute", election, chair, secretary)
    _do("sign_off", election, secretary, chair)
    assert reverse("results:correct", args=[row.pk]) not in client.get(page).content.decode()
    response = client.get(reverse("results:correct", args=[row.pk]))
    assert response.status_code == 302  # back to the protocol, with the reason, before any field


@pytest.mark.django_db(transaction=True)
def test_two_officials_confirming_at_once_do_it_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    chair, secretary = officials_of(election)
    from saylau.web.commissions.models import Member, MemberRole
    from tests.web.commissions.factories import PersonFactory

    deputy = user_for(Role.REGIONAL, place=election.region)
    Member.objects.filter(person__user=chair).update(role=MemberRole.DEPUTY_CHAIR)
    commission = Member.objects.get(person__user=secretary).commission
    Member.objects.create(
        commission=commission,
        person=PersonFactory(user=deputy),
        level="regional",
        role=MemberRole.CHAIR,
        nominated_by="party",
        term_start="2026-01-10",
    )
    asked = request_action(actor=chair, election=election, action="distribute")
    results: list[str] = []
    barrier = threading.Barrier(2)

    def confirm(user: Any) -> None:
        barrier.wait()
        try:
            confirm_action(actor=user, request_id=asked.pk)
            results.append("confirmed")
        except NotPending:
            results.append("not_pending")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(u,)) for u in (secretary, deputy)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["confirmed", "not_pending"]
    assert AuditEvent.objects.filter(action="results.mandates.distribute").count() == 1
    assert AuditEvent.objects.filter(action="results.four_eyes.confirm").count() == 1


def test_the_election_moves_through_its_phases_to_registered_mandates(counted) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.elections.phases import phase_of_election

    election, _p, chair, secretary = counted
    assert phase_of_election(election).phase == "tabulation"
    with pytest.raises(NotSignedOff):
        request_action(actor=chair, election=election, action="register_mandates")
    for action, phase in (
        ("distribute", "tabulation"),
        ("sign_off", "signed"),
        ("publish", "published"),
        ("register_mandates", "mandates"),
    ):
        _do(action, election, chair, secretary)
        election.refresh_from_db()
        assert phase_of_election(election).phase == phase, action
