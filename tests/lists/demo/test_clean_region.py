"""A clean generated region is a correct registry with correctly compiled lists."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from saylau.law.iin import iin_error_codes, parse_iin
from saylau.law.names import canonical_patronymic, fold_name
from saylau.lists.demo import generate_region
from saylau.lists.demo.names import FIRST_NAMES, KAZAKH_LETTERS
from saylau.lists.rules import OVERCROWDED_ADDRESS_MIN_VOTERS, PRECINCT_MAX_VOTERS

from .conftest import read

ELECTION = date(2027, 3, 21)


def eligible(persons: pl.DataFrame) -> pl.DataFrame:
    cutoff = date(ELECTION.year - 18, ELECTION.month, ELECTION.day).isoformat()
    return persons.filter(
        (pl.col("citizenship") == "KZ")
        & (pl.col("birth_date") <= cutoff)
        & pl.col("death_date").is_null()
        & (pl.col("incapable") == "0")
        & (pl.col("imprisoned") == "0")
    )


def test_the_region_has_every_file_of_the_format_with_its_columns(clean_region: Path) -> None:
    expected = {
        "districts.csv": "district_code,name_kk,name_ru,kind",
        "precincts.csv": "precinct_no,district_code,polling_address,kind",
        "registry/addresses.csv": "address_id,district_code,locality,street,house,flat,precinct_no",
        "registry/persons.csv": "iin,last_name,first_name,patronymic,birth_date,sex,citizenship,"
        "address_id,death_date,incapable,imprisoned",
        "lists/voter_lists.csv": "precinct_no,line_no,iin,last_name,first_name,patronymic,"
        "birth_date,address_id",
    }
    for name, header in expected.items():
        with (clean_region / name).open(encoding="utf-8", newline="") as f:
            assert f.readline() == header + "\r\n"
    region = json.loads((clean_region / "region.json").read_text(encoding="utf-8"))
    assert region["code"] == "ZHA"
    assert region["name_kk"] == "Жамбыл облысы"
    assert region["election_date"] == "2027-03-21"
    assert region["counts"]["persons"] == read(clean_region / "registry/persons.csv").height
    assert not (clean_region / "expected_findings.jsonl").exists()


def test_every_iin_is_valid_unique_and_encodes_the_birth_date_and_sex(clean_region: Path) -> None:
    persons = read(clean_region / "registry/persons.csv")
    assert persons["iin"].n_unique() == persons.height
    assert set(iin_error_codes(persons["iin"].to_list())) == {None}
    for row in persons.sample(300, seed=1).iter_rows(named=True):
        iin = parse_iin(row["iin"])
        assert iin.birth_date.isoformat() == row["birth_date"]
        assert iin.sex == row["sex"]


def test_every_eligible_person_is_listed_once_in_the_precinct_of_the_address_or_a_special_one(
    clean_region: Path,
) -> None:
    persons = read(clean_region / "registry/persons.csv")
    addresses = read(clean_region / "registry/addresses.csv")
    precincts = read(clean_region / "precincts.csv")
    lines = read(clean_region / "lists/voter_lists.csv")
    voters = eligible(persons)
    assert sorted(lines["iin"].to_list()) == sorted(voters["iin"].to_list())
    joined = (
        lines.join(persons.select("iin", home="address_id"), on="iin")
        .join(addresses.select(home="address_id", home_precinct="precinct_no"), on="home")
        .join(precincts.select("precinct_no", "kind"), on="precinct_no")
    )
    ordinary = joined.filter(pl.col("kind") == "ordinary")
    assert (ordinary["precinct_no"] == ordinary["home_precinct"]).all()
    assert (ordinary["address_id"] == ordinary["home"]).all()
    special = joined.filter(pl.col("kind") == "special")
    assert special.height > 0  # voters staying in a hospital, unit, pasture or detention
    # Same names and birth dates as the registry: nothing for NAME_MISMATCH.
    same = lines.join(persons, on="iin", suffix="_reg")
    for col in ("last_name", "first_name", "patronymic", "birth_date"):
        assert same[col].eq_missing(same[f"{col}_reg"]).all(), col


def test_lists_are_alphabetical_and_numbered_from_one_in_each_precinct(clean_region: Path) -> None:
    lines = read(clean_region / "lists/voter_lists.csv").with_columns(
        pl.col("precinct_no").cast(pl.Int64), pl.col("line_no").cast(pl.Int64)
    )
    assert lines["precinct_no"].is_sorted()
    for (_no,), part in lines.group_by(["precinct_no"]):
        assert part["line_no"].to_list() == list(range(1, part.height + 1))
        names = [fold_name(n) for n in part["last_name"].to_list()]
        assert names == sorted(names)


def test_precinct_sizes_are_realistic_and_no_dwelling_looks_like_a_rubber_flat(
    clean_region: Path,
) -> None:
    lines = read(clean_region / "lists/voter_lists.csv")
    sizes = lines.group_by("precinct_no").len()["len"]
    assert sizes.max() <= PRECINCT_MAX_VOTERS  # type: ignore[operator]
    per_address = eligible(read(clean_region / "registry/persons.csv")).group_by("address_id").len()
    assert per_address["len"].max() < OVERCROWDED_ADDRESS_MIN_VOTERS  # type: ignore[operator]
    precincts = read(clean_region / "precincts.csv")
    assert set(precincts["kind"]) == {"ordinary", "special"}
    addresses = read(clean_region / "registry/addresses.csv")
    assert addresses["precinct_no"].null_count() == 0
    assert addresses["flat"].null_count() > 0  # private houses
    assert addresses["flat"].null_count() < addresses.height  # flats


def test_the_people_look_like_zhambyl_oblast(clean_region: Path) -> None:
    persons = read(clean_region / "registry/persons.csv")
    names = " ".join(persons["first_name"].to_list() + persons["last_name"].to_list())
    assert set(KAZAKH_LETTERS.lower()) <= set(names.lower())
    pats = persons["patronymic"].drop_nulls()
    for ending in ("ұлы", "қызы", "ович", "овна"):
        assert pats.str.ends_with(ending).any(), ending
    assert persons["patronymic"].null_count() > 0
    for ending in ("ов", "ова", "ев", "ева", "ин", "ина", "ұлы"):
        assert persons["last_name"].str.ends_with(ending).any(), ending
    n = persons.height
    adults = eligible(persons).height
    assert 0.5 < adults / n < 0.75
    assert 0.003 < (persons["citizenship"] != "KZ").sum() / n < 0.03
    assert 0.001 < persons["death_date"].is_not_null().sum() / n < 0.02
    assert (persons["incapable"] == "1").sum() > 0
    assert (persons["imprisoned"] == "1").sum() > 0
    assert persons["birth_date"].max() > "2020-01-01"  # type: ignore[operator]


def test_kazakh_and_russian_spellings_of_a_name_are_the_same_name_for_the_audit() -> None:
    for name in FIRST_NAMES:
        assert fold_name(name.kk) == fold_name(name.ru)
        for kk, ru in zip(name.pat_kk, name.pat_ru, strict=True):
            assert canonical_patronymic(kk) == canonical_patronymic(ru)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_ones(tmp_path: Path) -> None:
    def files(seed: int, name: str) -> dict[str, bytes]:
        out = tmp_path / name
        generate_region(out, scale=0.004, seed=seed)
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.csv"))}

    first, again, other = files(5, "a"), files(5, "b"), files(6, "c")
    assert first == again
    assert first["registry/persons.csv"] != other["registry/persons.csv"]


def test_a_non_empty_directory_is_refused_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "region"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate_region(out, scale=0.002, seed=1)
    assert (out / "keep.txt").exists()
    generate_region(out, scale=0.002, seed=1, force=True)
    assert not (out / "keep.txt").exists()
    assert (out / "lists/voter_lists.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["region"]  # no temporary left behind


def test_a_crash_midway_leaves_no_region_and_no_temporary_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from saylau.lists.demo import region

    calls = 0
    real = region.build_chunk

    def failing(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(region, "build_chunk", failing)
    with pytest.raises(OSError, match="disk full"):
        generate_region(tmp_path / "region", scale=0.004, seed=2)
    assert list(tmp_path.iterdir()) == []


def test_the_election_date_decides_ages_and_is_recorded(tmp_path: Path) -> None:
    out = tmp_path / "region"
    generate_region(out, scale=0.003, seed=3, election_date=date(2030, 10, 6))
    assert json.loads((out / "region.json").read_text())["election_date"] == "2030-10-06"
    lines = read(out / "lists/voter_lists.csv")
    assert lines["birth_date"].max() <= "2012-10-06"  # type: ignore[operator]
