"""Preliminary results: the deciding commission publishes them after the count and before its
sign-off, with a second official's confirmation; every public page and download marks them
preliminary; the official results, after the sign-off, replace them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from saylau.web.audit.models import AuditEvent
from saylau.web.core import clock
from saylau.web.elections.phases import phase_of_election
from saylau.web.elections.windows import OutsideWindow
from saylau.web.results import services
from saylau.web.results.errors import Frozen, NotComplete
from saylau.web.results.four_eyes import SameOfficial, confirm_action, request_action
from saylau.web.results.models import ActionRequest, Distribution, Protocol

from .factories import protocol_data

pytestmark = pytest.mark.django_db


def _do(action: str, election: Any, asker: Any, confirmer: Any) -> ActionRequest:
    row = request_action(actor=asker, election=election, action=action)
    return confirm_action(actor=confirmer, request_id=row.pk)


def _page(client: Any, name: str, election: Any, lang: str) -> str:
    with translation.override(lang):
        return str(client.get(reverse(name, args=[election.pk])).content.decode())


def _refusal_codes() -> list[str]:
    return [e.new["code"] for e in AuditEvent.objects.filter(action="results.four_eyes.refused")]


def test_preliminary_results_are_public_only_once_a_second_official_confirms(
    client, counted
) -> None:  # type: ignore[no-untyped-def]
    election, _, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    page = reverse("results:public", args=[election.pk])
    assert client.get(page).status_code == 404  # tabulated is not published
    asked = request_action(actor=chair, election=election, action="publish_preliminary")
    assert client.get(page).status_code == 404  # asked is not published either
    with pytest.raises(SameOfficial):
        confirm_action(actor=chair, request_id=asked.pk)
    assert Distribution.objects.get(election=election).preliminary_published_at is None
    confirm_action(actor=secretary, request_id=asked.pk)
    assert phase_of_election(election).phase == "preliminary"
    event = AuditEvent.objects.get(action="results.publish_preliminary")
    assert event.actor_id == secretary.pk and event.new["protocols"] == 4
    ru = _page(client, "results:public", election, "ru")
    assert "Предварительные итоги" in ru and "Официальные итоги" not in ru
    assert "Алдын ала қорытындылар" in _page(client, "results:public", election, "kk")
    en = _page(client, "results:public", election, "en")
    assert "Preliminary results" in en and "Official results" not in en
    document = client.get(reverse("results:public_json", args=[election.pk])).json()
    assert document["status"] == "preliminary" and document["signed_off_at"] is None
    nist = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    assert nist["Status"] == "unofficial-complete"
    csv = client.get(reverse("results:public_csv", args=[election.pk]))
    assert f"results-{election.pk}-preliminary.csv" in csv["Content-Disposition"]
    with translation.override("en"):
        index = client.get(reverse("results:public_index")).content.decode()
    assert "preliminary results" in index


def test_the_official_publication_replaces_the_preliminary_results(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, _, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    _do("publish_preliminary", election, secretary, chair)
    assert "Preliminary results" in _page(client, "results:public", election, "en")
    _do("sign_off", election, chair, secretary)
    # Signed, not yet published: the public still sees the preliminary results, marked so.
    assert client.get(reverse("results:public_json", args=[election.pk])).json()["status"] == (
        "preliminary"
    )
    _do("publish", election, chair, secretary)
    en = _page(client, "results:public", election, "en")
    assert "Official results" in en and "Preliminary results" not in en
    document = client.get(reverse("results:public_json", args=[election.pk])).json()
    assert document["status"] == "official" and document["published_at"]
    nist = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    assert nist["Status"] == "certified"
    csv = client.get(reverse("results:public_csv", args=[election.pk]))
    assert f'"results-{election.pk}.csv"' in csv["Content-Disposition"]
    assert phase_of_election(election).phase == "published"


def test_preliminary_publication_before_the_distribution_or_after_the_sign_off_is_refused(
    counted: Any,
) -> None:
    election, _, chair, secretary = counted
    with pytest.raises(NotComplete):
        request_action(actor=chair, election=election, action="publish_preliminary")
    _do("distribute", election, chair, secretary)
    _do("sign_off", election, chair, secretary)
    with pytest.raises(Frozen):
        request_action(actor=chair, election=election, action="publish_preliminary")
    assert not ActionRequest.objects.filter(action="publish_preliminary").exists()
    assert Distribution.objects.get(election=election).preliminary_published_at is None
    assert _refusal_codes() == ["results.not_complete", "results.frozen"]


def test_preliminary_publication_before_the_polls_close_gets_409_with_the_rule(
    client, counted
) -> None:  # type: ignore[no-untyped-def]
    election, _, chair, _secretary = counted
    client.force_login(chair)
    url = f"/api/results/elections/{election.pk}/requests"
    with clock.travel(dt.datetime(2027, 3, 21, 19, 59)):
        response = client.post(
            url, json.dumps({"action": "publish_preliminary"}), content_type="application/json"
        )
    assert response.status_code == 409
    assert response.json()["code"] == "outside_window.not_yet"
    assert "21.03.2027 20:00" in response.json()["message"]
    assert not ActionRequest.objects.exists()
    assert _refusal_codes() == ["outside_window.not_yet"]


def test_the_service_itself_keeps_to_the_window(counted: Any) -> None:
    election, _, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    with clock.travel(dt.datetime(2027, 3, 21, 19, 59)), pytest.raises(OutsideWindow):
        services.publish_preliminary(actor=None, election=election)
    assert Distribution.objects.get(election=election).preliminary_published_at is None


def test_the_tabulation_page_offers_preliminary_publication_to_an_official(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, _, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    client.force_login(chair)
    url = reverse("results:publish_preliminary", args=[election.pk])
    page = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert url in page
    client.post(url, {"confirm": "yes"})
    asked = ActionRequest.objects.get(action="publish_preliminary")
    assert asked.requested_by == chair and asked.status == "pending"
    client.force_login(secretary)
    client.post(
        reverse("results:decide_request", args=[asked.pk]),
        {"decision": "confirm", "confirm": "yes"},
    )
    assert Distribution.objects.get(election=election).preliminary_published_at is not None
    page = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert url not in page
    # The dashboard's results panel leads to them, as preliminary.
    with translation.override("en"):
        home = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("results:public", args=[election.pk]) in home and "Preliminary results" in home


def test_a_correction_tabulated_again_shows_on_the_cached_preliminary_page(client, counted) -> None:  # type: ignore[no-untyped-def]
    election, _, chair, secretary = counted
    _do("distribute", election, chair, secretary)
    _do("publish_preliminary", election, secretary, chair)
    url = reverse("results:public_json", args=[election.pk])
    before = client.get(url).json()["totals"]["votes"]["amanat"]
    assert client.get(url)["X-Saylau-Cache"] == "hit"
    first = Protocol.objects.filter(election=election, is_current=True).order_by("pk").first()
    assert first is not None
    data = protocol_data(first.precinct, {"amanat": 499, "auyl": 201, "ak-zhol": 100})
    fix = services.submit_correction(actor=None, protocol=first, data=data, reason="recount")
    services.accept_correction(actor=None, correction=fix)
    _do("distribute", election, chair, secretary)  # two officials again
    after = client.get(url).json()
    assert after["status"] == "preliminary" and after["totals"]["votes"]["amanat"] == before - 1
