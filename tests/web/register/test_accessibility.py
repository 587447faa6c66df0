"""Accessibility of polling stations: edited by the akimat and the territorial commission of
the precinct (audited), published as open data, shown on find-my-precinct."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from saylau.web.audit.models import AuditEvent
from saylau.web.territory.models import Precinct
from saylau.web.territory.services import update_accessibility
from tests.factories import user_for

from .builders import standard_persons


def as_user(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_akimat_of_the_district_edits_its_precincts_accessibility_and_it_is_audited(
    world: Any,
) -> None:
    c = as_user(world.users["akimat_d1"])
    url = reverse("territory:accessibility_edit", args=[world.p101.pk])
    assert c.get(url).status_code == 200
    resp = c.post(
        url, {"ramp": "on", "accessible_booth": "on", "accessibility_notes": "Вход со двора"}
    )
    assert resp.status_code == 302
    p = Precinct.objects.get(pk=world.p101.pk)
    assert (p.ramp, p.accessible_booth, p.step_free_entrance) == (True, True, False)
    event = AuditEvent.objects.get(action="territory.precinct.accessibility")
    assert event.new["ramp"] is True and event.old["ramp"] is False
    assert event.new["accessibility_notes"] == "Вход со двора"


def test_a_territorial_commission_edits_but_not_another_districts_precinct(world: Any) -> None:
    tec = user_for("territorial", place=world.d1)
    ok = as_user(tec).post(
        reverse("territory:accessibility_edit", args=[world.p102.pk]),
        {"lift_or_ground_floor": "on"},
    )
    assert ok.status_code == 302
    other = as_user(tec).post(
        reverse("territory:accessibility_edit", args=[world.p201.pk]), {"ramp": "on"}
    )
    assert other.status_code in (403, 404)
    assert not Precinct.objects.get(pk=world.p201.pk).ramp


@pytest.mark.parametrize("role", ["precinct_101", "observer"])
def test_others_may_not_edit_and_nothing_changes(world: Any, role: str) -> None:
    resp = as_user(world.users[role]).post(
        reverse("territory:accessibility_edit", args=[world.p101.pk]), {"ramp": "on"}
    )
    assert resp.status_code == 403
    with pytest.raises(PermissionDenied):
        update_accessibility(
            actor=world.users[role], precinct=world.p101, features={"ramp": True}, notes=""
        )
    assert not Precinct.objects.get(pk=world.p101.pk).ramp
    assert not AuditEvent.objects.filter(action="territory.precinct.accessibility").exists()


def test_accessibility_is_open_data_in_json_and_csv_without_special_precincts(
    world: Any,
) -> None:
    update_accessibility(actor="t", precinct=world.p101, features={"ramp": True}, notes="Пандус")
    public = Client()
    data = public.get("/open-data/precinct-accessibility.json").json()
    by_no = {row["precinct_no"]: row for row in data["precincts"]}
    assert data["format"] == "saylau-precinct-accessibility/1"
    assert by_no[101]["ramp"] is True and by_no[101]["accessibility_notes"] == "Пандус"
    assert 900 not in by_no  # the hospital's special precinct is not public
    text = public.get("/open-data/precinct-accessibility.csv").content.decode()
    rows = {int(r["precinct_no"]): r for r in csv.DictReader(io.StringIO(text))}
    assert rows[101]["ramp"] == "1" and rows[102]["ramp"] == "0"


def test_find_my_precinct_shows_what_the_akimat_entered(world: Any) -> None:
    update_accessibility(
        actor="t",
        precinct=world.p101,
        features={"step_free_entrance": True},
        notes="Звонок у двери",
    )
    body = (
        Client()
        .post(
            "/api/register/find-precinct",
            {"iin": standard_persons()[0].iin},
            content_type="application/json",
        )
        .json()
    )
    place = body["elections"][0]
    assert place["accessibility"]["step_free_entrance"] is True
    assert place["accessibility_notes"] == "Звонок у двери"
