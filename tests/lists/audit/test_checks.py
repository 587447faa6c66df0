"""Each check on a region small enough to read (see builders.py: election day 1890-03-16)."""

from __future__ import annotations

from datetime import date

from .builders import Region, checks, iin


def test_a_clean_region_gives_no_finding() -> None:
    r = Region()
    r.person("Әбішев", "Нұрлан", "Серікұлы", date(1850, 1, 2))
    r.person("Абишева", "Айгүл", "Сериковна", date(1851, 2, 3), sex="F")
    r.person("Ким", "Виктор", None, date(1860, 4, 5), address="A2", listed_at=2)
    assert r.audit() == []


def test_every_finding_has_every_field_of_the_format() -> None:
    r = Region()
    r.person("Ахметов", "Ерлан", None, date(1850, 1, 2), died=date(1889, 11, 2))
    (finding,) = r.audit()
    assert finding == {
        "check": "DECEASED",
        "severity": "error",
        "lines": [{"precinct_no": 1, "line_no": 1}],
        "iins": [r.persons[0]["iin"]],
        "address_id": None,
        "precinct_no": None,
        "message": "Listed voter died on 1889-11-02 (registry)",
        "evidence": {"death_date": "1889-11-02"},
    }


def test_invalid_iins_are_named_with_the_reason() -> None:
    r = Region()
    r.line(1, "640302200019", "Ахметов", "Ерлан", None, None)  # wrong check digit
    r.line(1, "64030220001", "Ахметов", "Ерлан", None, None)  # 11 digits
    r.line(1, "643002200018", "Ахметов", "Ерлан", None, None)  # 30 February
    r.line(1, "640302700018", "Ахметов", "Ерлан", None, None)  # century digit 7
    r.line(1, None, "Ахметов", "Ерлан", None, None)
    found = r.audit(checks=frozenset({"INVALID_IIN"}))
    assert [f["evidence"]["reason"] for f in found] == [
        "iin_check_digit",
        "iin_format",
        "iin_date",
        "iin_century",
        "iin_format",
    ]
    assert all(f["iins"] == [] for f in found)


def test_a_birth_date_after_election_day_in_the_iin_is_invalid() -> None:
    r = Region()
    r.line(1, iin(date(1890, 1, 1)), "Ахметов", "Ерлан", None, None)
    r.line(1, iin(date(1890, 4, 1)), "Ахметов", "Ерлан", None, None)  # after the day
    found = r.audit(checks=frozenset({"INVALID_IIN"}))
    assert [(f["lines"][0]["line_no"], f["evidence"]["reason"]) for f in found] == [
        (2, "iin_future")
    ]


def test_a_valid_iin_that_nobody_holds_is_not_in_the_registry() -> None:
    r = Region()
    r.line(1, "640302200018", "Ахметова", "Айжан", None, date(1864, 3, 2))
    found = r.audit(checks=frozenset({"IIN_NOT_IN_REGISTRY", "INVALID_IIN"}))
    assert checks(found) == ["IIN_NOT_IN_REGISTRY"]
    assert found[0]["iins"] == []


def test_birth_date_and_sex_in_the_iin_are_compared_with_the_list_and_the_registry() -> None:
    r = Region()
    r.person("Ахметов", "Ерлан", None, date(1850, 1, 2), listed_at=None)
    value = r.persons[0]["iin"]
    r.line(1, value, "Ахметов", "Ерлан", None, date(1850, 2, 1))
    r.persons[0]["sex"] = "F"
    (found,) = r.audit(checks=frozenset({"IIN_DATA_MISMATCH"}))
    assert found["evidence"]["fields"] == ["list birth_date", "registry sex"]
    assert found["evidence"]["iin_birth_date"] == "1850-01-02"


def test_spelling_variants_of_a_name_are_not_a_name_mismatch() -> None:
    r = Region()
    value = r.person("Әбішев", "Нұрлан", "Серікұлы", date(1850, 1, 2), listed_at=None)
    r.line(1, value, "АБИШЕВ", "Нурлан", "Серикович", date(1850, 1, 2))
    value = r.person("Сергеева", "Алёна", "Сергеевна", date(1851, 1, 2), sex="F", listed_at=None)
    r.line(1, value, "Сергеева", "Алена", "Сергей қызы", date(1851, 1, 2))
    assert r.audit() == []


def test_another_name_is_a_name_mismatch_naming_the_differing_parts() -> None:
    r = Region()
    value = r.person("Ахметова", "Айжан", "Болатқызы", date(1850, 1, 2), sex="F", listed_at=None)
    r.line(1, value, "Серікова", "Айжан", "Маратқызы", date(1850, 1, 2))
    (found,) = r.audit(checks=frozenset({"NAME_MISMATCH"}))
    assert found["severity"] == "warning"
    assert found["evidence"]["fields"] == ["last_name", "patronymic"]
    assert found["evidence"]["registry_name"] == "Ахметова Айжан Болатқызы"


def test_one_iin_on_three_lines_is_one_duplicate_iin_finding_naming_every_line() -> None:
    r = Region()
    value = r.person("Ахметов", "Ерлан", None, date(1850, 1, 2))
    r.line(2, value, "Ахметов", "Ерлан", None, date(1850, 1, 2))
    r.line(9, value, "Ахметов", "Ерлан", None, date(1850, 1, 2))
    found = r.audit(checks=frozenset({"DUPLICATE_IIN"}))
    assert len(found) == 1
    assert found[0]["lines"] == [
        {"precinct_no": 1, "line_no": 1},
        {"precinct_no": 2, "line_no": 1},
        {"precinct_no": 9, "line_no": 1},
    ]
    assert found[0]["iins"] == [value]


def test_ineligible_voters_get_one_finding_per_reason() -> None:
    r = Region()
    r.person("А", "Dead", None, date(1850, 1, 1), died=date(1890, 3, 15))  # the day before
    r.person("Б", "Alive", None, date(1850, 1, 2), died=date(1890, 3, 16))  # on the day
    r.person("В", "Young", None, date(1872, 3, 17))  # 18 the day after
    r.person("Г", "Adult", None, date(1872, 3, 16))  # 18 on the day
    r.person("Д", "Foreign", None, date(1850, 1, 3), citizenship="RU")
    r.person("Е", "Court", None, date(1850, 1, 4), incapable=True, imprisoned=True)
    assert checks(r.audit()) == ["DECEASED", "UNDERAGE", "NOT_CITIZEN", "INCAPABLE", "IMPRISONED"]


def test_born_on_29_february_is_of_age_on_28_february_by_default() -> None:
    r = Region()
    r.person("А", "Leap", None, date(1852, 2, 29))
    from saylau.lists.audit import AuditConfig, run_audit

    day = date(1870, 2, 28)
    assert run_audit(r.inputs(), election_date=day, config=AuditConfig()) == []
    late = run_audit(r.inputs(), election_date=day, config=AuditConfig(feb29="mar1"))
    assert [f.check for f in late] == ["UNDERAGE"]
    assert late[0].evidence["turns_18_on"] == "1870-03-01"


def test_a_voter_listed_away_from_home_is_wrong_precinct_except_in_a_special_precinct() -> None:
    r = Region()
    r.person("А", "Home", None, date(1850, 1, 1), address="A1", listed_at=1)
    r.person("Б", "Away", None, date(1850, 1, 2), address="A1", listed_at=2)
    r.person("В", "Hospital", None, date(1850, 1, 3), address="A1", listed_at=9)
    found = r.audit()
    assert checks(found) == ["WRONG_PRECINCT"]
    assert found[0]["lines"] == [{"precinct_no": 2, "line_no": 1}]
    assert found[0]["evidence"]["address_precinct_no"] == 1


def test_an_eligible_person_on_no_list_is_missing_but_ineligible_ones_are_not() -> None:
    r = Region()
    missing = r.person("А", "Missing", None, date(1850, 1, 1), listed_at=None)
    r.person("Б", "Child", None, date(1880, 1, 1), listed_at=None)
    r.person("В", "Dead", None, date(1850, 1, 2), died=date(1880, 1, 1), listed_at=None)
    (found,) = r.audit()
    assert found["check"] == "MISSING_VOTER"
    assert found["lines"] == []
    assert found["iins"] == [missing]


def test_ten_eligible_voters_at_one_flat_is_a_rubber_flat_and_nine_is_not() -> None:
    r = Region()
    for i in range(9):
        r.person("А", f"Adult{i}", None, date(1850, 1, 1 + i), address="A1")
    r.person("А", "Child", None, date(1885, 1, 1), address="A1", listed_at=None)
    assert r.audit() == []
    r.person("А", "Tenth", None, date(1850, 2, 1), address="A1")
    (found,) = r.audit()
    assert found["check"] == "OVERCROWDED_ADDRESS"
    assert found["address_id"] == "A1"
    assert found["evidence"]["count"] == 10


def test_a_precinct_list_longer_than_the_maximum_is_over_capacity() -> None:
    r = Region()
    for i in range(4):
        r.person("А", f"Voter{i}", None, date(1850, 1, 1 + i), address="A2", listed_at=2)
    assert r.audit(precinct_max_voters=4, overcrowded_min_voters=99) == []
    (found,) = r.audit(precinct_max_voters=3, overcrowded_min_voters=99)
    assert (found["check"], found["precinct_no"], found["lines"]) == (
        "PRECINCT_OVER_CAPACITY",
        2,
        [],
    )


def test_an_address_no_boundary_covers_is_reported_only_when_voters_live_there() -> None:
    r = Region()
    r.addresses += [
        {"address_id": "A3", "precinct_no": None},
        {"address_id": "A4", "precinct_no": None},
    ]
    r.person("А", "Voter", None, date(1850, 1, 1), address="A3")
    r.person("Б", "Child", None, date(1885, 1, 1), address="A4", listed_at=None)
    (found,) = r.audit()
    assert (found["check"], found["address_id"]) == ("ADDRESS_WITHOUT_PRECINCT", "A3")


def test_a_death_on_election_day_counts_only_under_the_law_layers_reading() -> None:
    r = Region()
    r.person("А", "Died", None, date(1850, 1, 1), died=date(1890, 3, 16))
    assert r.audit() == []
    assert checks(r.audit(dead_on_election_day_is_deceased=True)) == ["DECEASED"]
