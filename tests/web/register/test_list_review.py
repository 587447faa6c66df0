"""The public review of the voter lists (Art. 26): while the lists are open for review a voter
asks the precinct commission to correct the list and the commission decides; before or after,
the request is refused with the rule, its article and the date (page, API 409, command line)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.cli import main
from saylau.web.audit.models import AuditEvent
from saylau.web.core import clock
from saylau.web.elections.windows import OutsideWindow
from saylau.web.register.models import ListCorrectionRequest, Person
from saylau.web.register.services.list_review import (
    decide_list_correction,
    request_list_correction,
)
from saylau.web.territory.models import Precinct

from .builders import standard_persons

API = "/api/register/list-corrections"
BEFORE_THE_REVIEW = datetime(2099, 3, 5, 23, 59)  # the review opens on 6 March, 15 days before
AFTER_THE_VOTE = datetime(2099, 3, 21, 20, 0)  # the polls close on 21 March at 20:00


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _form(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "iin": standard_persons()[0].iin,
        "election": world.election.pk,
        "kind": "wrong_details",
        "details": "my birth date on the list is 01.01.1970, it is 02.01.1970",
        "phone": "+7 700 000 00 00",
        **extra,
    }


def _api(world: Any, **extra: Any) -> Any:
    body = {
        "iin": standard_persons()[0].iin,
        "election_id": world.election.pk,
        "kind": "not_listed",
        "details": "I moved here in January",
        **extra,
    }
    return Client().post(API, json.dumps(body), content_type="application/json")


def _voter() -> Person:
    return Person.private_objects.get(iin=standard_persons()[0].iin)


def test_a_voter_asks_to_correct_the_list_and_the_precinct_commission_decides(
    world: Any, client: Client
) -> None:
    with translation.override("en"):
        page = client.post(reverse("register:list_correction"), _form(world)).content.decode()
    assert "Your request is received" in page
    row = ListCorrectionRequest.objects.get()
    assert (row.precinct, row.person, row.public, row.status) == (
        world.p101,
        _voter(),
        True,
        "received",
    )
    # The precinct commission sees it on its list's page and decides, with its reasons.
    client.force_login(world.users["precinct_101"])
    list_url = reverse("register:list", args=[world.election.pk, world.p101.pk])
    decide_url = reverse(
        "register:correction_decide", args=[world.election.pk, world.p101.pk, row.pk]
    )
    assert decide_url in client.get(list_url).content.decode()
    client.post(decide_url, {"status": "corrected", "decision": "birth date corrected"})
    row.refresh_from_db()
    assert (row.status, row.decision, row.decided_by) == (
        "corrected",
        "birth date corrected",
        world.users["precinct_101"],
    )
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "register.list_correction.request" in actions
    assert "register.list_correction.decide" in actions
    # Decided once: a second decision is refused and changes nothing.
    client.post(decide_url, {"status": "refused", "decision": "again"})
    row.refresh_from_db()
    assert row.status == "corrected"


def test_another_precincts_commission_cannot_decide(world: Any, client: Client) -> None:
    row = request_list_correction(
        actor="t", election=world.election, person=_voter(), kind="not_a_voter", details="x"
    )
    client.force_login(world.users["precinct_102"])
    url = reverse("register:correction_decide", args=[world.election.pk, world.p101.pk, row.pk])
    assert client.post(url, {"status": "refused", "decision": "no"}).status_code == 404
    row.refresh_from_db()
    assert row.status == "received"


def test_before_the_review_the_page_names_the_rule_its_article_and_the_opening_date(
    world: Any, client: Client
) -> None:
    with clock.travel(BEFORE_THE_REVIEW), translation.override("ru"):
        page = client.post(reverse("register:list_correction"), _form(world)).content.decode()
    assert "ознакомление со списками" in page.lower()
    assert "06.03.2099 00:00 (Конституционный закон о выборах, ст. 26 п. 1)" in page
    assert not ListCorrectionRequest.objects.exists()


def test_before_the_review_the_api_answers_409_with_a_stable_code(world: Any) -> None:
    with clock.travel(BEFORE_THE_REVIEW):
        response = _api(world)
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["activity"], body["rule"]) == (
        "outside_window.not_yet",
        "list_review",
        "public_review",
    )
    assert body["opens"].startswith("2099-03-06T00:00:00+05")
    assert not ListCorrectionRequest.objects.exists()


def test_once_the_polls_close_the_review_is_closed(world: Any) -> None:
    with clock.travel(AFTER_THE_VOTE):
        response = _api(world)
    assert response.status_code == 409 and response.json()["code"] == "outside_window.closed"
    with clock.travel(datetime(2099, 3, 21, 19, 59)):
        assert _api(world).json()["status"] == "received"  # the last minute of voting


def test_a_decision_after_the_review_is_refused_and_changes_nothing(world: Any) -> None:
    row = request_list_correction(
        actor="t", election=world.election, person=_voter(), kind="not_a_voter", details="x"
    )
    with clock.travel(AFTER_THE_VOTE), pytest.raises(OutsideWindow) as caught:
        decide_list_correction(
            actor=world.users["precinct_101"], request=row, status="refused", decision="late"
        )
    assert caught.value.code == "outside_window.closed"
    row.refresh_from_db()
    assert row.status == "received" and row.decided_at is None


def test_a_special_precincts_list_opens_for_review_five_days_before(world: Any) -> None:
    Precinct.objects.filter(pk=world.p101.pk).update(kind=Precinct.Kind.SPECIAL)
    with pytest.raises(OutsideWindow) as caught:  # the fixture's clock: 10 March
        request_list_correction(
            actor="t", election=world.election, person=_voter(), kind="not_listed", details="x"
        )
    assert caught.value.opens is not None and caught.value.opens.date().isoformat() == "2099-03-16"
    assert not ListCorrectionRequest.objects.exists()
    with clock.travel(datetime(2099, 3, 16, 9, 0)):
        request_list_correction(
            actor="t", election=world.election, person=_voter(), kind="not_listed", details="x"
        )
    assert ListCorrectionRequest.objects.count() == 1


def test_an_unknown_iin_gets_the_uniform_answer_and_nothing_is_recorded(world: Any) -> None:
    response = _api(world, iin="990101300001")
    assert response.status_code == 200 and response.json()["status"] in ("not_listed", "malformed")
    assert not ListCorrectionRequest.objects.exists()


def test_the_command_line_refuses_list_review_outside_its_window_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["calendar", "--body", "maslikhat", "--day", "2099-03-21", "--check", "list_review"]
    assert main([*args, "--at", "2099-03-05T23:59"]) == 2
    assert "06.03.2099 00:00 (election law Art. 26 p. 1)" in capsys.readouterr().err
    assert main([*args, "--at", "2099-03-06T00:00"]) == 0
