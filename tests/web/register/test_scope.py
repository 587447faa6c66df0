"""Scope: every page and endpoint answers only within the user's territory; observers get
aggregates only; guessing another district's or precinct's id in a URL gets 403/404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from saylau.web.register.models import OutsideVotingRequest, Person
from saylau.web.register.services.outside import apply_for_outside_voting


def as_user(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def person_in(district_code: str) -> Person:
    return Person.private_objects.filter(address__district__code=district_code).first()  # type: ignore[return-value]


def test_anonymous_visitors_are_sent_to_sign_in_everywhere_but_the_lookup(
    world: Any, client: Client
) -> None:
    e, p = world.election.pk, world.p101.pk
    for url in [
        reverse("register:index"),
        reverse("register:persons"),
        reverse("register:imports"),
        reverse("register:events"),
        reverse("register:election_lists", args=[e]),
        reverse("register:list", args=[e, p]),
        reverse("register:outside", args=[e]),
        reverse("register:route_list", args=[e, p]),
    ]:
        assert client.get(url).status_code == 302, url
    assert client.get(f"/api/register/elections/{e}/lists/{p}").status_code == 401
    assert client.get("/api/register/counts").status_code == 401


def test_an_akimat_officer_opens_their_districts_voters_and_not_anothers(world: Any) -> None:
    c = as_user(world.users["akimat_d1"])
    mine, theirs = person_in("D1"), person_in("D2")
    assert c.get(reverse("register:person", args=[mine.pk])).status_code == 200
    assert c.get(reverse("register:person", args=[theirs.pk])).status_code == 404
    found = c.get(reverse("register:persons"), {"q": theirs.last_name}).content.decode()
    assert theirs.iin not in found


def test_guessing_another_districts_precinct_in_a_list_url_finds_nothing(world: Any) -> None:
    e = world.election.pk
    c = as_user(world.users["akimat_d1"])
    assert c.get(reverse("register:list", args=[e, world.p101.pk])).status_code == 200
    assert c.get(reverse("register:list", args=[e, world.p201.pk])).status_code == 404
    for fmt in ("pdf", "xlsx", "csv"):
        assert (
            c.get(reverse("register:list_export", args=[e, world.p201.pk, fmt])).status_code == 404
        )
    assert c.get(f"/api/register/elections/{e}/lists/{world.p201.pk}").status_code == 404
    listed = {row["precinct_number"] for row in c.get(f"/api/register/elections/{e}/lists").json()}
    assert listed == {101, 102, 900}


def test_a_precinct_commission_sees_its_own_list_only(world: Any) -> None:
    e = world.election.pk
    c = as_user(world.users["precinct_101"])
    assert c.get(reverse("register:list", args=[e, world.p101.pk])).status_code == 200
    assert c.get(reverse("register:list", args=[e, world.p102.pk])).status_code == 404
    lines = c.get(f"/api/register/elections/{e}/lists/{world.p101.pk}").json()
    assert [line["number"] for line in lines] == [1, 2, 3]


def test_observers_get_aggregates_only(world: Any) -> None:
    e = world.election.pk
    c = as_user(world.users["observer"])
    assert c.get(reverse("register:index")).status_code == 200
    assert c.get(reverse("register:persons"), {"q": "Ә"}).status_code == 403
    assert c.get(reverse("register:person", args=[person_in("D1").pk])).status_code == 403
    assert c.get(reverse("register:list", args=[e, world.p101.pk])).status_code == 403
    assert c.get(f"/api/register/elections/{e}/lists/{world.p101.pk}").status_code == 403
    counts = c.get("/api/register/counts").json()
    assert sum(r["persons"] for r in counts) == 6
    assert c.get(reverse("register:events")).status_code == 403
    assert c.post(reverse("register:compile", args=[e])).status_code == 403


def test_outside_voting_requests_are_visible_within_the_precinct_only(world: Any) -> None:
    voter = Person.private_objects.get(address__address_id="A3")  # precinct 102
    req = apply_for_outside_voting(
        election=world.election,
        person=voter,
        reason="illness",
        where="ул. Сүлейменов, 7",
        actor="t",
    )
    e = world.election.pk
    own = as_user(world.users["precinct_102"])
    other = as_user(world.users["precinct_101"])
    assert voter.last_name in own.get(reverse("register:outside", args=[e])).content.decode()
    assert voter.last_name not in other.get(reverse("register:outside", args=[e])).content.decode()
    assert own.get(reverse("register:route_list", args=[e, world.p102.pk])).status_code == 200
    assert other.get(reverse("register:route_list", args=[e, world.p102.pk])).status_code == 404
    assert (
        other.post(
            reverse("register:outside_status", args=[req.pk]), {"status": "refused"}
        ).status_code
        == 404
    )
    assert (
        as_user(world.users["observer"]).get(reverse("register:outside", args=[e])).status_code
        == 403
    )
    OutsideVotingRequest.objects.get(pk=req.pk, status="pending")


def test_imports_are_for_the_cec_and_the_regional_commission(world: Any) -> None:
    assert as_user(world.users["cec"]).get(reverse("register:imports")).status_code == 200
    assert as_user(world.users["regional"]).get(reverse("register:imports")).status_code == 200
    assert as_user(world.users["akimat_d1"]).get(reverse("register:imports")).status_code == 403
    assert as_user(world.users["observer"]).get(reverse("register:imports")).status_code == 403


@pytest.mark.parametrize("role", ["cec", "regional", "akimat_d1", "precinct_101", "observer"])
def test_the_register_landing_page_and_dashboard_panel_work_for_every_role(
    world: Any, role: str
) -> None:
    c = as_user(world.users[role])
    assert c.get(reverse("register:index")).status_code == 200
    assert c.get(reverse("register:election_lists", args=[world.election.pk])).status_code == 200
