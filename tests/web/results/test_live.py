"""Election night in public: X of Y protocols, preliminary then official, turnout by hour,
the drill-down to a protocol's versions and what each correction changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.core import clock
from saylau.web.results import services
from saylau.web.results.turnout import TurnoutRefused, report_turnout, turnout_series
from tests.factories import user_for

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


def _night() -> tuple[object, list[object]]:
    election, precincts = election_with_lists()
    for p in precincts[:3]:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    return election, precincts


@pytest.mark.usefixtures("in_russian")
def test_the_live_page_shows_x_of_y_protocols_marked_preliminary(client) -> None:  # type: ignore[no-untyped-def]
    election, _precincts = _night()
    with clock.travel(election.day + dt.timedelta(days=1)):
        page = client.get(reverse("results:live", args=[election.pk])).content.decode()
        data = json.loads(client.get(reverse("results:live_json", args=[election.pk])).content)
        csv = client.get(reverse("results:live_csv", args=[election.pk])).content.decode()
    assert "3 из 4 протоколов" in page and "Предварительные" in page
    assert data["status"] == "preliminary" and data["protocols"] == {"counted": 3, "expected": 4}
    assert csv.splitlines()[0].startswith("status,district_id,district,protocols,expected")
    with clock.travel(election.day - dt.timedelta(days=1)):
        assert client.get(reverse("results:live", args=[election.pk])).status_code == 404


@pytest.mark.usefixtures("in_russian")
def test_the_precinct_page_shows_every_version_and_what_the_correction_changed(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = _night()
    first = election.protocols.get(precinct=precincts[0])
    fixed = protocol_data(precincts[0], {"amanat": 490, "auyl": 210, "ak-zhol": 100})
    services.submit_correction(actor=None, protocol=first, data=fixed, reason="typo in line 12")
    url = reverse("results:live_precinct", args=[election.pk, precincts[0].pk])
    with clock.travel(election.day + dt.timedelta(days=1)):
        page = client.get(url).content.decode()
    assert "версия 1" in page and "версия 2" in page
    assert "typo in line 12" in page
    assert ">500<" in page and ">490<" in page and ">200<" in page and ">210<" in page


def test_turnout_is_reported_at_fixed_hours_and_drawn_as_a_chart(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = _night()
    secretary = user_for(Role.PRECINCT, place=precincts[0])
    report_turnout(
        actor=secretary, election=election, precinct=precincts[0], hour=10, voters=1000, voted=120
    )
    report_turnout(
        actor=None, election=election, precinct=precincts[1], hour=10, voters=1000, voted=80
    )
    report_turnout(
        actor=None, election=election, precinct=precincts[0], hour=12, voters=1000, voted=300
    )
    with pytest.raises(TurnoutRefused):
        report_turnout(
            actor=None, election=election, precinct=precincts[0], hour=11, voters=1000, voted=1
        )
    with pytest.raises(TurnoutRefused):  # lower than at 10:00
        report_turnout(
            actor=None, election=election, precinct=precincts[0], hour=14, voters=1000, voted=100
        )
    with pytest.raises(PermissionDenied):
        report_turnout(
            actor=secretary,
            election=election,
            precinct=precincts[1],
            hour=12,
            voters=1000,
            voted=200,
        )
    series = turnout_series(election)
    assert series[0] == {"hour": 10, "precincts": 2, "voters": 2000, "voted": 200, "percent": 10.0}
    assert series[1]["percent"] == 30.0 and series[2]["percent"] is None
    with clock.travel(election.day + dt.timedelta(days=1)):
        page = client.get(reverse("results:live", args=[election.pk])).content.decode()
    assert "<svg" in page and "10:00: 10.0%" in page


def test_a_precinct_secretary_enters_turnout_on_a_form(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = _night()
    client.force_login(user_for(Role.PRECINCT, place=precincts[0]))
    url = reverse("results:enter_turnout", args=[election.pk, precincts[0].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"hour": 10, "voters": 900, "voted": 90})
    assert response.status_code == 302
    assert turnout_series(election)[0]["percent"] == 10.0
