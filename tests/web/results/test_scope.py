"""Every results page and endpoint, guessed at by someone outside its territory."""

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.results import services
from saylau.web.results.models import Protocol
from tests.factories import RegionFactory, user_for

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    mine = precincts[0]
    other_district = next(p for p in precincts if p.district_id != mine.district_id)
    rows = {
        p.pk: services.submit_protocol(
            actor=None, election=election, precinct=p, data=protocol_data(p)
        )
        for p in (mine, other_district)
    }
    return election, mine, other_district, rows


@pytest.mark.usefixtures("in_russian")
def test_a_precinct_user_sees_only_its_own_precinct_on_the_tabulation_page(client, world) -> None:  # type: ignore[no-untyped-def]
    election, mine, other, _rows = world
    client.force_login(user_for(Role.PRECINCT, place=mine))
    page = client.get(reverse("results:tabulation", args=[election.pk])).content.decode()
    assert f"№{mine.number}" in page and f"№{other.number}" not in page
    live = client.get(f"/api/results/elections/{election.pk}/live").json()
    assert live["totals"]["protocols"] == 1


def test_a_precinct_user_cannot_enter_another_precincts_protocol_from_its_qr_text(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    election, mine, other, rows = world
    text = services.qr_text(rows[other.pk])
    Protocol.objects.filter(pk=rows[other.pk].pk).delete()
    client.force_login(user_for(Role.PRECINCT, place=mine))
    response = client.post(reverse("results:qr_entry", args=[election.pk]), {"qr": text})
    assert response.status_code == 403
    assert not Protocol.objects.filter(precinct=other).exists()


def test_a_territorial_user_cannot_decide_on_a_correction_outside_its_territory(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    election, mine, other, rows = world
    correction = services.submit_correction(
        actor=None, protocol=rows[other.pk], data=protocol_data(other), reason="recount"
    )
    client.force_login(user_for(Role.TERRITORIAL, place=mine.district))
    url = reverse("results:decide", args=[correction.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 404
    correction.refresh_from_db()
    assert correction.status == Protocol.Status.PENDING


def test_users_of_another_region_see_neither_the_election_nor_its_protocols(client, world) -> None:  # type: ignore[no-untyped-def]
    election, mine, _other, rows = world
    stranger = user_for(Role.REGIONAL, place=RegionFactory(code="AKM"))
    client.force_login(stranger)
    for name, args in (
        ("results:tabulation", [election.pk]),
        ("results:mandates_pdf", [election.pk]),
        ("results:protocol", [rows[mine.pk].pk]),
        ("results:protocol_pdf", [rows[mine.pk].pk]),
        ("results:enter", [election.pk, mine.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("results:distribute", "results:sign_off", "results:publish", "results:qr_entry"):
        assert client.post(reverse(name, args=[election.pk])).status_code == 404, name
    assert client.get(f"/api/results/protocols/{rows[mine.pk].pk}").status_code == 404
    assert client.get(f"/api/results/elections/{election.pk}/live").status_code == 404


def test_an_observer_reads_but_cannot_correct_or_decide(client, world) -> None:  # type: ignore[no-untyped-def]
    election, mine, _other, rows = world
    client.force_login(user_for(Role.OBSERVER, place=election.region))
    assert client.get(reverse("results:protocol", args=[rows[mine.pk].pk])).status_code == 200
    assert client.get(reverse("results:correct", args=[rows[mine.pk].pk])).status_code == 403
    assert client.post(reverse("results:distribute", args=[election.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_for_every_internal_page(client, world) -> None:  # type: ignore[no-untyped-def]
    election, mine, _other, rows = world
    for name, args in (
        ("results:index", []),
        ("results:tabulation", [election.pk]),
        ("results:protocol", [rows[mine.pk].pk]),
        ("results:enter", [election.pk, mine.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 302, name


def test_the_one_row_election_check_agrees_with_the_election_list_for_every_role() -> None:
    from django.http import Http404

    from saylau.web.elections.models import Election
    from saylau.web.elections.selectors import elections_for
    from saylau.web.results.selectors import election_for
    from tests.factories import DistrictFactory, ElectionFactory, PrecinctFactory

    home, away = RegionFactory(), RegionFactory(code="AKM")
    district, other_district = DistrictFactory(region=home), DistrictFactory(region=home)
    elections = [
        ElectionFactory(region=home),
        ElectionFactory(region=away),
        ElectionFactory(region=home, district=district, body=Election.Body.DISTRICT_MASLIKHAT),
        ElectionFactory(region=home, district=other_district, body=Election.Body.CITY_MASLIKHAT),
        ElectionFactory(region=None, body=Election.Body.MAZHILIS),
    ]
    users = [
        user_for(Role.CEC),
        user_for(Role.REGIONAL, place=home),
        user_for(Role.TERRITORIAL, place=district),
        user_for(Role.PRECINCT, place=PrecinctFactory(district=district)),
        user_for(Role.OBSERVER, place=away),
    ]
    for user in users:
        listed = set(elections_for(user).values_list("pk", flat=True))
        for election in elections:
            try:
                election_for(user, election.pk)
                seen = True
            except Http404:
                seen = False
            assert seen == (election.pk in listed), (user.role, election.body)
