"""--inject-errors: every check of the audit format has cases, and the answer key is exact."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from saylau.law.iin import is_valid_iin
from saylau.law.names import canonical_patronymic, fold_name
from saylau.lists.demo import generate_region
from saylau.lists.demo.answer import SEVERITY, sort_key
from saylau.lists.rules import OVERCROWDED_ADDRESS_MIN_VOTERS, PRECINCT_MAX_VOTERS

from .conftest import read

ELECTION = date(2027, 3, 21)
CUTOFF = date(2009, 3, 21).isoformat()
FIELDS = ["check", "severity", "lines", "iins", "address_id", "precinct_no", "message", "evidence"]


def key(region: Path) -> list[dict[str, Any]]:
    text = (region / "expected_findings.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def lines_of(findings: list[dict[str, Any]], check: str) -> pl.DataFrame:
    rows = [
        (x["precinct_no"], x["line_no"])
        for f in findings
        if f["check"] == check
        for x in f["lines"]
    ]
    return pl.DataFrame(rows, schema=["precinct_no", "line_no"], orient="row").cast(pl.String)


def test_the_key_has_every_check_of_the_format_in_its_output_format(dirty_region: Path) -> None:
    findings = key(dirty_region)
    assert {f["check"] for f in findings} == set(SEVERITY)
    for f in findings:
        assert list(f) == FIELDS
        assert f["severity"] == SEVERITY[f["check"]]
    assert findings == sorted(findings, key=sort_key)
    kinds = {f["evidence"]["kind"] for f in findings if f["check"] == "PROBABLE_DUPLICATE_PERSON"}
    assert kinds == {
        "mistyped_iin",
        "transliterated_name",
        "maiden_surname",
        "swapped_day_month",
        "misspelt_name",
    }
    counts = json.loads((dirty_region / "region.json").read_text())["counts"]["findings"]
    assert sum(counts.values()) == len(findings)


def test_every_line_in_the_key_exists_and_line_findings_name_the_right_people(
    dirty_region: Path,
) -> None:
    findings = key(dirty_region)
    lines = read(dirty_region / "lists/voter_lists.csv")
    persons = read(dirty_region / "registry/persons.csv")
    known = {(r[0], r[1]) for r in lines.select("precinct_no", "line_no").iter_rows()}
    for f in findings:
        for x in f["lines"]:
            assert (str(x["precinct_no"]), str(x["line_no"])) in known
    listed = lines.join(persons, on="iin", suffix="_r")
    checks = {
        "DECEASED": listed.filter(pl.col("death_date") < ELECTION.isoformat()),
        "UNDERAGE": listed.filter(pl.col("birth_date_r") > CUTOFF),
        "NOT_CITIZEN": listed.filter(pl.col("citizenship") != "KZ"),
        "INCAPABLE": listed.filter(pl.col("incapable") == "1"),
        "IMPRISONED": listed.filter(pl.col("imprisoned") == "1"),
    }
    for check, expected in checks.items():
        got = lines_of(findings, check).sort(["precinct_no", "line_no"])
        want = expected.select("precinct_no", "line_no").sort(["precinct_no", "line_no"])
        assert got.height > 0, check
        assert got.equals(want), check


def test_invalid_and_unknown_iins_are_exactly_the_lines_reported(dirty_region: Path) -> None:
    findings = key(dirty_region)
    lines = read(dirty_region / "lists/voter_lists.csv")
    registry = set(read(dirty_region / "registry/persons.csv")["iin"])
    invalid = {(r[0], r[1]) for r in lines.iter_rows() if not is_valid_iin(r[2], today=ELECTION)}
    unknown = {
        (r[0], r[1]) for r in lines.iter_rows() if is_valid_iin(r[2]) and r[2] not in registry
    }
    assert {tuple(r) for r in lines_of(findings, "INVALID_IIN").iter_rows()} == invalid
    assert {tuple(r) for r in lines_of(findings, "IIN_NOT_IN_REGISTRY").iter_rows()} == unknown
    assert invalid and unknown


def test_missing_voters_are_eligible_and_on_no_list(dirty_region: Path) -> None:
    findings = key(dirty_region)
    persons = read(dirty_region / "registry/persons.csv")
    on_lists = set(read(dirty_region / "lists/voter_lists.csv")["iin"])
    missing = [f["iins"][0] for f in findings if f["check"] == "MISSING_VOTER"]
    assert missing
    rows = persons.filter(pl.col("iin").is_in(missing))
    assert rows.height == len(missing)
    assert (rows["citizenship"] == "KZ").all()
    assert (rows["birth_date"] <= CUTOFF).all()
    assert rows["death_date"].is_null().all()
    assert not set(missing) & on_lists


def test_dwellings_and_precincts_break_the_shared_rules(dirty_region: Path) -> None:
    findings = key(dirty_region)
    for f in findings:
        if f["check"] == "OVERCROWDED_ADDRESS":
            assert f["evidence"]["voters"] >= OVERCROWDED_ADDRESS_MIN_VOTERS
            assert f["evidence"]["min_voters"] == OVERCROWDED_ADDRESS_MIN_VOTERS
        if f["check"] == "PRECINCT_OVER_CAPACITY":
            assert f["evidence"]["voters"] > PRECINCT_MAX_VOTERS
    addresses = read(dirty_region / "registry/addresses.csv")
    uncovered = {f["address_id"] for f in findings if f["check"] == "ADDRESS_WITHOUT_PRECINCT"}
    assert uncovered <= set(addresses.filter(pl.col("precinct_no").is_null())["address_id"])


def test_probable_duplicates_are_a_registered_line_and_a_hand_typed_one_of_one_person(
    dirty_region: Path,
) -> None:
    # An IIN is given once for life: one person under two IINs is a line typed by hand, its
    # IIN invalid (a slip in the serial, never in the date), beside the person's own line.
    findings = key(dirty_region)
    lines = read(dirty_region / "lists/voter_lists.csv").with_columns(
        pl.col("precinct_no").cast(pl.Int64), pl.col("line_no").cast(pl.Int64)
    )
    persons = {
        r["iin"]: r for r in read(dirty_region / "registry/persons.csv").iter_rows(named=True)
    }
    by_place = {(r["precinct_no"], r["line_no"]): r for r in lines.iter_rows(named=True)}
    for f in findings:
        if f["check"] != "PROBABLE_DUPLICATE_PERSON":
            continue
        group = [by_place[(x["precinct_no"], x["line_no"])] for x in f["lines"]]
        assert len(group) == 2
        own = [r for r in group if r["iin"] in persons]
        typed = [r for r in group if r["iin"] not in persons]
        assert len(own) == 1 and len(typed) == 1
        a, b = own[0], typed[0]
        assert not is_valid_iin(b["iin"])
        assert b["iin"][:7] == a["iin"][:7]  # the date and sex digits are intact
        kind = f["evidence"]["kind"]
        if kind == "swapped_day_month":
            y, m, d = a["birth_date"].split("-")
            assert b["birth_date"] == f"{y}-{d}-{m}"
        else:
            assert a["birth_date"] == b["birth_date"]
        same = [fold_name(a[c]) == fold_name(b[c]) for c in ("first_name", "last_name")]
        if kind in ("mistyped_iin", "swapped_day_month", "transliterated_name"):
            assert all(same)
        if kind == "maiden_surname":
            assert same == [True, False]
        if kind == "misspelt_name":
            assert same.count(False) == 1


def test_benign_look_alikes_are_present_and_not_in_the_key(dirty_region: Path) -> None:
    findings = key(dirty_region)
    reported = {(x["precinct_no"], x["line_no"]) for f in findings for x in f["lines"]}
    lines = read(dirty_region / "lists/voter_lists.csv")
    persons = read(dirty_region / "registry/persons.csv")
    same = lines.join(persons, on="iin", suffix="_r")
    variants = [
        r
        for r in same.iter_rows(named=True)
        if (r["first_name"], r["last_name"], r["patronymic"])
        != (r["first_name_r"], r["last_name_r"], r["patronymic_r"])
        and fold_name(r["first_name"]) == fold_name(r["first_name_r"])
        and fold_name(r["last_name"]) == fold_name(r["last_name_r"])
        and canonical_patronymic(r["patronymic"] or "")
        == canonical_patronymic(r["patronymic_r"] or "")
    ]
    assert len(variants) > 10
    assert not {(int(r["precinct_no"]), int(r["line_no"])) for r in variants} & reported
    adults = persons.filter(pl.col("birth_date") <= CUTOFF)
    twins = adults.group_by("last_name", "patronymic", "birth_date", "address_id").agg(
        pl.col("first_name").n_unique().alias("names"), pl.len()
    )
    assert twins.filter((pl.col("len") == 2) & (pl.col("names") == 2)).height > 0
    namesakes = adults.group_by("last_name", "first_name", "patronymic").agg(
        pl.col("birth_date").n_unique().alias("dates"),
        pl.col("address_id").n_unique().alias("homes"),
    )
    assert namesakes.filter((pl.col("dates") > 1) & (pl.col("homes") > 1)).height > 0


def test_the_dirty_region_is_deterministic_too(tmp_path: Path) -> None:
    def key_bytes(name: str) -> bytes:
        generate_region(tmp_path / name, scale=0.004, seed=9, inject_errors=True)
        return (tmp_path / name / "expected_findings.jsonl").read_bytes() + (
            tmp_path / name / "lists/voter_lists.csv"
        ).read_bytes()

    assert key_bytes("a") == key_bytes("b")
