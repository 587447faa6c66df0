"""``saylau tabulate DIR``: the same road as the web, from files."""

import json
from pathlib import Path
from typing import Any

import pytest

from saylau.cli import main

ELECTION = {
    "format": "saylau-election/1",
    "id": "demo-2027",
    "name": "Demo oblast maslikhat",
    "body": "maslikhat",
    "day": "2027-03-21",
    "list_seats": 5,
    "parties": [
        {
            "code": "auyl",
            "name": "Auyl",
            "registered_at": "2027-01-20T11:00:00+05:00",
            "candidates": ["Bota", "Dana", "Erlan"],
        },
        {
            "code": "amanat",
            "name": "Amanat",
            "registered_at": "2027-01-20T10:00:00+05:00",
            "candidates": ["Ali", "Aru", "Asel", "Ayan"],
            "declined": ["Aru"],
        },
        {
            "code": "ak-zhol",
            "name": "Ak Zhol",
            "registered_at": "2027-01-21T09:00:00+05:00",
            "candidates": ["Kairat"],
        },
    ],
    "precincts": [
        {"number": 1, "district": "Taraz"},
        {"number": 2, "district": "Taraz"},
        {"number": 3, "district": "Shu"},
    ],
}


def protocol(number: int, votes: dict[str, int], against_all: int = 10) -> dict[str, Any]:
    valid = sum(votes.values()) + against_all
    return {
        "format": "saylau-protocol/1",
        "election": "demo-2027",
        "precinct_no": number,
        "voters_main_list": valid + 100,
        "voters_additional_list": 5,
        "ballots_received": valid + 50,
        "ballots_issued_premises": valid,
        "ballots_issued_outside": 0,
        "absentee_certificate_voters": 0,
        "ballots_cancelled": 50,
        "ballots_in_stationary_boxes": valid,
        "ballots_in_portable_boxes": 0,
        "valid": valid,
        "invalid": 0,
        "against_all": against_all,
        "votes": [{"code": c, "votes": n} for c, n in votes.items()],
    }


def write(root: Path, election: dict[str, Any], protocols: list[dict[str, Any]]) -> Path:
    (root / "protocols").mkdir(parents=True)
    (root / "election.json").write_text(json.dumps(election), encoding="utf-8")
    for p in protocols:
        (root / "protocols" / f"{p['precinct_no']}.json").write_text(
            json.dumps(p), encoding="utf-8"
        )
    return root


GOOD = [
    protocol(1, {"amanat": 600, "auyl": 150, "ak-zhol": 120}),
    protocol(2, {"amanat": 400, "auyl": 260, "ak-zhol": 80}),
    protocol(3, {"amanat": 800, "auyl": 340, "ak-zhol": 260}),
]


def test_tabulate_prints_totals_districts_seats_and_mandates(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["tabulate", str(write(tmp_path, ELECTION, GOOD))]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["totals"]["votes"] == {"ak-zhol": 460, "amanat": 1800, "auyl": 750}
    assert set(out["districts"]) == {"Taraz", "Shu"}
    assert out["districts"]["Shu"]["votes"]["amanat"] == 800
    assert out["seats"] == {"amanat": 3, "auyl": 1, "ak-zhol": 1}
    # Aru declined: the next on the list takes the seat
    assert out["mandates"] == {
        "amanat": ["Ali", "Asel", "Ayan"],
        "auyl": ["Bota"],
        "ak-zhol": ["Kairat"],
    }


def test_a_protocol_that_fails_the_control_ratios_is_named_and_no_seats_are_given(
    tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    bad = [dict(GOOD[0]), GOOD[1], GOOD[2]]
    bad[0]["valid"] += 3
    assert main(["tabulate", str(write(tmp_path, ELECTION, bad))]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["precinct_no"] for f in out["failed"]] == [1]
    assert "seats" not in out


def test_a_missing_precinct_is_reported(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["tabulate", str(write(tmp_path, ELECTION, GOOD[:2]))]) == 1
    assert json.loads(capsys.readouterr().out)["missing_precincts"] == [3]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda e: e.update(day="21.03.2027"), "day"),
        (lambda e: e["parties"][0].update(registered_at="2027-01-20T10:00:00+05:00"), "parties"),
        (lambda e: e["parties"][2].update(candidates=["Ali"]), "parties[2].candidates"),
        (
            lambda e: e["parties"][1].update(registered_at="2027-01-20 10:00"),
            "parties[1].registered_at",
        ),
    ],
)
def test_a_bad_election_file_exits_2_naming_the_file_and_field(
    tmp_path, capsys, change, field
) -> None:  # type: ignore[no-untyped-def]
    election = json.loads(json.dumps(ELECTION))
    change(election)
    assert main(["tabulate", str(write(tmp_path, election, GOOD))]) == 2
    err = capsys.readouterr().err
    assert "election.json" in err and field in err


def test_a_protocol_of_another_election_exits_2_naming_the_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = [dict(GOOD[0], election="other"), GOOD[1], GOOD[2]]
    assert main(["tabulate", str(write(tmp_path, ELECTION, other))]) == 2
    err = capsys.readouterr().err
    assert "1.json" in err and "election" in err


MIXED = {
    **ELECTION,
    "single_member_districts": [
        {
            "number": 1,
            "name": "Taraz-1",
            "candidates": [
                {"id": "c1", "name": "Dana", "party": "amanat"},
                {"id": "c2", "name": "Erlan", "party": None},
            ],
            "precincts": [1, 2],
        },
        {
            "number": 2,
            "name": "Shu",
            "candidates": [{"id": "c3", "name": "Gulnar"}, {"id": "c4", "name": "Marat"}],
            "precincts": [3],
        },
    ],
}


def single(number: int, district: int, votes: dict[str, int], against_all: int = 10) -> Any:
    data = protocol(number, votes, against_all)
    data["race"] = "single_member"
    data["district"] = district
    return data


def write_mixed(root: Path, election: dict[str, Any], protocols: list[dict[str, Any]]) -> Path:
    (root / "protocols").mkdir(parents=True)
    (root / "election.json").write_text(json.dumps(election), encoding="utf-8")
    for p in protocols:
        name = f"{p['precinct_no']}-{p.get('race', 'party_list')}.json"
        (root / "protocols" / name).write_text(json.dumps(p), encoding="utf-8")
    return root


SINGLE = [
    single(1, 1, {"c1": 300, "c2": 250}),
    single(2, 1, {"c1": 100, "c2": 200}),
    single(3, 2, {"c3": 500, "c4": 100}),
]


def test_tabulate_decides_each_single_member_district_from_its_precincts(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["tabulate", str(write_mixed(tmp_path, MIXED, GOOD + SINGLE))]) == 0
    out = json.loads(capsys.readouterr().out)
    first = out["single_member"]["1"]
    assert first["votes"] == {"c1": 400, "c2": 450} and first["protocols"] == 2
    assert first["winner"] == "c2" and first["winner_name"] == "Erlan"
    assert first["winner_party"] is None and first["expected"] == 2
    assert out["single_member"]["2"]["winner_name"] == "Gulnar"
    # the party-list race is unchanged by the other race's protocols
    assert out["protocols"] == 3 and out["seats"] == {"amanat": 3, "auyl": 1, "ak-zhol": 1}


def test_a_tied_district_exits_3_and_names_the_leaders(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    tied = [*SINGLE[:2], single(3, 2, {"c3": 300, "c4": 300})]
    assert main(["tabulate", str(write_mixed(tmp_path, MIXED, GOOD + tied))]) == 3
    second = json.loads(capsys.readouterr().out)["single_member"]["2"]
    assert second["winner"] is None and second["undecided"] == "tie"
    assert second["leaders"] == ["c3", "c4"]


def test_a_missing_single_member_protocol_is_reported_and_no_seat_given(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["tabulate", str(write_mixed(tmp_path, MIXED, GOOD + SINGLE[:2]))]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["missing_single_member"] == ["2/3"] and "seats" not in out


def test_an_election_of_single_member_districts_only_needs_no_party_list(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    only = {k: v for k, v in MIXED.items() if k not in ("parties", "list_seats")}
    assert main(["tabulate", str(write_mixed(tmp_path, only, SINGLE))]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["single_member"]["1"]["winner"] == "c2" and "seats" not in out


@pytest.mark.parametrize(
    ("protocols", "file", "field"),
    [
        ([single(3, 1, {"c1": 1, "c2": 2})], "3-single_member.json", "precinct_no"),
        ([single(1, 7, {"c1": 1, "c2": 2})], "1-single_member.json", "district"),
        ([single(1, 1, {"c1": 1, "c3": 2})], "1-single_member.json", "votes"),
    ],
)
def test_a_single_member_protocol_that_does_not_fit_its_district_exits_2(
    tmp_path, capsys, protocols, file, field
) -> None:  # type: ignore[no-untyped-def]
    assert main(["tabulate", str(write_mixed(tmp_path, MIXED, GOOD + protocols))]) == 2
    err = capsys.readouterr().err
    assert file in err and field in err


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda e: e["single_member_districts"][1]["candidates"].append({"id": "c1"}),
            "single_member_districts[1].candidates[2].id",
        ),
        (
            lambda e: e["single_member_districts"][1].update(precincts=[2]),
            "single_member_districts[1].precincts",
        ),
        (
            lambda e: e["single_member_districts"][1].update(number=1),
            "single_member_districts[1].number",
        ),
    ],
)
def test_bad_single_member_districts_exit_2_naming_the_field(
    tmp_path, capsys, change, field
) -> None:  # type: ignore[no-untyped-def]
    election = json.loads(json.dumps(MIXED))
    change(election)
    assert main(["tabulate", str(write_mixed(tmp_path, election, GOOD + SINGLE))]) == 2
    assert field in capsys.readouterr().err
