"""Dashboards and territory pages: each role sees its own territory, in few queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from saylau.web.territory.models import Precinct
from tests.factories import (
    AddressFactory,
    DistrictFactory,
    PrecinctFactory,
    RegionFactory,
    user_for,
)

pytestmark = pytest.mark.django_db


def english(name: str, *args: object) -> str:
    """The English URL of a page, for assertions on its English text."""
    from django.utils import translation

    with translation.override("en"):
        return reverse(name, args=args or None)


@pytest.fixture
def two_districts():
    region = RegionFactory()
    taraz = DistrictFactory(region=region, name_ru="Тараз", kind="city")
    bayzak = DistrictFactory(region=region, name_ru="Байзакский район")
    here = [PrecinctFactory(district=taraz, number=n) for n in (101, 102, 103)]
    there = [PrecinctFactory(district=bayzak, number=n) for n in (201, 202)]
    for precinct in here + there:
        AddressFactory.create_batch(2, precinct=precinct)
    AddressFactory(precinct=None, district=taraz)
    return region, taraz, bayzak, here, there


def test_each_role_lands_on_a_dashboard_counting_only_its_own_territory(
    client: Client, two_districts
) -> None:
    region, taraz, _bayzak, here, _there = two_districts
    cases = [
        (user_for("cec"), (2, 5, 11)),
        (user_for("regional", place=region), (2, 5, 11)),
        (user_for("territorial", place=taraz), (1, 3, 7)),
        (user_for("akimat", place=taraz), (1, 3, 7)),
        (user_for("precinct", place=here[0]), (1, 1, 2)),
        (user_for("observer", place=region), (2, 5, 11)),
        (user_for("trainer", place=region), (2, 5, 11)),
    ]
    for user, (districts, precincts, addresses) in cases:
        client.force_login(user)
        response = client.get(reverse("core:dashboard"))
        assert response.status_code == 200, user.role
        counts = response.context["counts"]
        assert (counts.districts, counts.precincts, counts.addresses) == (
            districts,
            precincts,
            addresses,
        ), user.role


def test_the_dashboard_lists_what_needs_doing(client: Client, two_districts) -> None:
    _region, taraz, *_ = two_districts
    client.force_login(user_for("akimat", place=taraz))
    todos = [t.text for t in client.get(english("core:dashboard")).context["todos"]]
    assert any("accessibility" in t for t in todos)
    assert any("not assigned to any precinct" in t for t in todos)
    assert any("second factor" in t for t in todos)


def test_the_dashboard_asks_for_accessibility_only_those_who_can_edit_it(
    client: Client, two_districts
) -> None:
    """Walked: the trainer's dashboard said "1 precinct(s) have no accessibility information:
    describe how voters get in", a task the trainer's role cannot do."""
    region, *_ = two_districts
    for role in ("trainer", "observer"):
        client.force_login(user_for(role, place=region))
        todos = [t.text for t in client.get(english("core:dashboard")).context["todos"]]
        assert not any("accessibility" in t for t in todos), role
    client.force_login(user_for("regional", place=region))
    todos = [t.text for t in client.get(english("core:dashboard")).context["todos"]]
    assert any("accessibility" in t for t in todos)


def test_a_user_without_territory_is_told_so_and_sees_nothing(
    client: Client, two_districts
) -> None:
    client.force_login(user_for("regional"))  # no region assigned
    response = client.get(english("core:dashboard"))
    assert response.context["counts"].precincts == 0
    assert "no territory" in response.context["todos"][0].text


def test_the_dashboard_stays_within_its_query_budget(
    client: Client, two_districts, django_assert_max_num_queries
) -> None:
    region, *_ = two_districts
    client.force_login(user_for("regional", place=region))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_district_user_lists_only_the_precincts_of_their_district(
    client: Client, two_districts
) -> None:
    _region, taraz, bayzak, here, _there = two_districts
    client.force_login(user_for("territorial", place=taraz))
    response = client.get(reverse("territory:precincts"))
    html = response.content.decode()
    assert "№101" in html and "№201" not in html
    assert [p.address_count for p in response.context["page"].object_list] == [2, 2, 2]
    # Asking for another district's precincts gives an empty list, not their precincts.
    other = client.get(reverse("territory:precincts"), {"district": bayzak.id}).content.decode()
    assert "№201" not in other


def test_a_precinct_user_gets_404_for_another_precinct_guessed_by_id(
    client: Client, two_districts
) -> None:
    _region, _taraz, _bayzak, here, there = two_districts
    client.force_login(user_for("precinct", place=here[0]))
    assert client.get(reverse("territory:precinct", args=[here[0].id])).status_code == 200
    for precinct in [here[1], there[0]]:
        assert client.get(reverse("territory:precinct", args=[precinct.id])).status_code == 404
    assert client.get(reverse("territory:precinct", args=[999_999])).status_code == 404


def test_the_precinct_page_shows_hours_accessibility_in_words_and_how_to_get_in(
    client: Client,
) -> None:
    precinct = PrecinctFactory(
        number=55,
        ramp=True,
        accessible_booth=True,
        accessibility_notes="Вход со двора, пандус слева.",
    )
    client.force_login(user_for("cec"))
    html = client.get(reverse("territory:precinct", args=[precinct.id])).content.decode()
    assert "07:00" in html and "20:00" in html
    assert "Пандус" in html  # Russian by default
    assert "Ramp" in client.get(english("territory:precinct", precinct.id)).content.decode()
    assert "Вход со двора, пандус слева." in html
    assert 'class="no"' in html  # features it lacks are said, not only left out


def test_precinct_and_district_lists_are_paginated_within_a_query_budget(
    client: Client, django_assert_max_num_queries
) -> None:
    region = RegionFactory()
    district = DistrictFactory(region=region)
    Precinct.objects.bulk_create(
        Precinct(region=region, district=district, number=n, polling_address=f"ул. {n}")
        for n in range(1, 131)
    )
    client.force_login(user_for("regional", place=region))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("territory:precincts"), {"page": 3})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 30
    with django_assert_max_num_queries(12):
        assert client.get(reverse("territory:districts")).status_code == 200


def test_territory_pages_need_a_login(client: Client) -> None:
    for name in ("territory:precincts", "territory:districts"):
        assert client.get(reverse(name)).status_code == 302


def test_the_dashboard_shows_the_panels_apps_offer_and_the_cec_sees_the_latest_changes(
    client: Client,
) -> None:
    from saylau.web.audit.services import record_event

    cec = user_for("cec")
    record_event(actor=cec, action="test.panel", target_type="t", target_id=1)
    client.force_login(cec)
    response = client.get(english("core:dashboard"))
    titles = [p["title"] for p in response.context["panels"]]
    assert "Latest changes" in titles
    assert "test.panel" in response.content.decode()
    orders = [p.get("order", 100) for p in response.context["panels"]]
    assert orders == sorted(orders)


def test_a_panel_a_role_has_nothing_in_is_left_out(client: Client) -> None:
    client.force_login(user_for("akimat", place=DistrictFactory()))
    titles = [p["title"] for p in client.get(english("core:dashboard")).context["panels"]]
    assert "Latest changes" not in titles
