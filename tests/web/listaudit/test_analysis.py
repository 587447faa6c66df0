"""The analysis of a region's voter data: figures a reader can check by eye on the small region."""

from __future__ import annotations

from datetime import date
from typing import Any

from saylau.law.iin import make_iin
from saylau.web.listaudit.analysis import analyse, band_label, years_before
from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import Person
from saylau.web.territory.models import Address

from .conftest import DAY, World


def add_young_voter(world: World) -> None:
    born = date(2080, 6, 1)  # 18 on election day; a synthetic IIN of a future birth
    Person.private_objects.create(
        iin=make_iin(born, "F", 77),
        last_name="Жас",
        first_name="Ару",
        birth_date=born,
        sex="F",
        region=world.region,
        address=Address.objects.get(address_id="B1"),
    )


def test_voters_are_counted_by_district_and_precinct_on_election_day(world: World) -> None:
    # Eligible on election day: Әбілов, Сейітқали (101), Өмірбеков, Бекова, Жаңа (102);
    # Иванова died before it, Ким is no citizen.
    a = analyse(world.region, day=DAY)
    assert a.voters == 5
    assert {r["district"].code: r["voters"] for r in a.districts} == {"D1": 5, "D2": 0}
    sizes = {p["precinct"].number: p["voters"] for p in a.precincts}
    assert sizes == {101: 2, 102: 3, 201: 0, 900: 0}
    assert a.over_max == []


def test_precincts_above_the_maximum_are_named(world: World) -> None:
    a = analyse(world.region, day=DAY, max_voters=2)
    assert [p["precinct"].number for p in a.over_max] == [102]
    assert any(b["over"] and b["precincts"] for b in a.size_bins) is False  # bins of 250
    assert a.size_bins[0]["precincts"] == 4


def test_the_age_pyramid_and_first_time_voters(world: World) -> None:
    assert analyse(world.region, day=DAY).voters == 5  # cached: the next call sees the change
    add_young_voter(world)
    a = analyse(world.region, day=DAY)
    bands = {r["band"]: (r["M"], r["F"]) for r in a.pyramid}
    assert bands["18–19"] == (0, 1)
    assert bands["85+"] == (3, 2)  # everyone else was born in the 19th century
    assert sum(m + f for m, f in bands.values()) == a.voters == 6
    assert a.first_time == 1 and a.since == years_before(DAY, 5)
    assert {r["district"].code: r["first"] for r in a.districts} == {"D1": 0, "D2": 1}


def test_bands_are_five_years_from_twenty() -> None:
    assert [band_label(i) for i in (0, 1, 2, 14)] == ["18–19", "20–24", "25–29", "85+"]


def test_changes_and_findings_of_the_latest_run_are_summed(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        start_run(user=world.users["cec"], region=world.region, election=world.election)
    a = analyse(world.region, day=DAY)
    assert a.changes["latest"].persons_added == 6 and a.changes["previous"] is None
    assert {r["check_code"]: r["n"] for r in a.findings_by_check} == {
        "DECEASED": 1,
        "WRONG_PRECINCT": 1,
        "MISSING_VOTER": 1,
    }
    assert {r["district"].code: r["n"] for r in a.findings_by_district} == {"D1": 2, "D2": 1}
