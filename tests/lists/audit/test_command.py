"""``saylau audit DIR --election-date YYYY-MM-DD --out findings.jsonl`` end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from saylau.cli import main

from .builders import Region


def write_region(r: Region, directory: Path) -> Path:
    inputs = r.inputs()
    (directory / "registry").mkdir(parents=True)
    (directory / "lists").mkdir()
    (directory / "districts.csv").write_text(
        "district_code,name_kk,name_ru,kind\nD1,Тараз,Тараз,city\n", encoding="utf-8"
    )
    inputs.precincts.with_columns(district_code=pl.lit("D1"), polling_address=None).write_csv(
        directory / "precincts.csv"
    )
    addresses = inputs.addresses.with_columns(
        **{c: pl.lit("x") for c in ("district_code", "locality", "street", "house", "flat")}
    )
    addresses.write_csv(directory / "registry" / "addresses.csv")
    persons = inputs.persons.with_columns(
        pl.col("incapable").cast(int), pl.col("imprisoned").cast(int)
    )
    persons.write_csv(directory / "registry" / "persons.csv")
    inputs.lines.write_csv(directory / "lists" / "voter_lists.csv")
    return directory


@pytest.fixture
def region_dir(tmp_path: Path) -> Path:
    r = Region()
    r.person("Әбішев", "Нұрлан", "Серікұлы", date(1850, 1, 2))
    r.person("Ахметова", "Айжан", None, date(1851, 1, 2), sex="F", died=date(1889, 1, 1))
    return write_region(r, tmp_path / "region")


def test_the_command_writes_one_json_finding_per_line_and_exits_0(
    region_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "findings.jsonl"
    status = main(
        [
            "audit",
            str(region_dir),
            "--election-date",
            "1890-03-16",
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert status == 0
    (line,) = out.read_text(encoding="utf-8").splitlines()
    finding = json.loads(line)
    assert finding["check"] == "DECEASED"
    assert list(finding) == [
        "check",
        "severity",
        "lines",
        "iins",
        "address_id",
        "precinct_no",
        "message",
        "evidence",
    ]


def test_a_clean_region_gives_an_empty_file(tmp_path: Path) -> None:
    r = Region()
    r.person("Әбішев", "Нұрлан", "Серікұлы", date(1850, 1, 2))
    directory = write_region(r, tmp_path / "clean")
    out = tmp_path / "findings.jsonl"
    assert (
        main(
            ["audit", str(directory), "--election-date", "1890-03-16", "--out", str(out), "--quiet"]
        )
        == 0
    )
    assert out.read_bytes() == b""


def test_bad_input_exits_2_naming_the_place_and_leaves_no_findings_file(
    region_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = region_dir / "lists" / "voter_lists.csv"
    lists.write_text(
        lists.read_text(encoding="utf-8").replace("1850-01-02", "1850-13-02"), encoding="utf-8"
    )
    out = tmp_path / "findings.jsonl"
    status = main(["audit", str(region_dir), "--election-date", "1890-03-16", "--out", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert "voter_lists.csv:2" in err and "birth_date" in err
    assert not out.exists()
    assert list(tmp_path.glob(".findings.jsonl.*")) == []


def test_a_failed_run_keeps_the_previous_findings_file_whole(
    region_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "findings.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    (region_dir / "registry" / "persons.csv").write_bytes(b"iin,last_name\n")
    assert main(["audit", str(region_dir), "--election-date", "1890-03-16", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_a_bad_election_date_is_a_usage_error(region_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "audit",
                str(region_dir),
                "--election-date",
                "1890-02-30",
                "--out",
                str(tmp_path / "f"),
            ]
        )
    assert exit_.value.code == 2


def _append_column(path: Path, header: str, value: bytes) -> None:
    """Add an extra column (which the format says to ignore) holding ``value`` on row 1."""
    head, *rows = path.read_bytes().split(b"\n")
    rows = [row + b"," + (value if i == 0 else b"") for i, row in enumerate(rows) if row]
    path.write_bytes(b"\n".join([head + b"," + header.encode(), *rows]) + b"\n")


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        ("missing column", "persons.csv:1"),
        ("broken quoting", "voter_lists.csv:2"),
        ("not UTF-8", "persons.csv:2"),
        ("not UTF-8 in an ignored column", "voter_lists.csv:2"),
        ("bad date", "persons.csv:3"),
    ],
)
def test_each_kind_of_bad_input_exits_2_naming_file_and_line_and_writes_no_file(
    region_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str, where: str
) -> None:
    persons = region_dir / "registry" / "persons.csv"
    lists = region_dir / "lists" / "voter_lists.csv"
    if damage == "missing column":
        text = persons.read_text(encoding="utf-8")
        persons.write_text(text.replace("citizenship,", "", 1), encoding="utf-8")
    elif damage == "broken quoting":
        lists.write_text(
            lists.read_text(encoding="utf-8").replace("Әбішев", '"Әбі"шев', 1), encoding="utf-8"
        )
    elif damage == "not UTF-8":
        persons.write_bytes(
            persons.read_bytes().replace("Әбішев".encode(), "Абишев".encode("cp1251"))
        )
    elif damage == "not UTF-8 in an ignored column":
        _append_column(lists, "note", "примечание".encode("cp1251"))
    else:
        persons.write_bytes(persons.read_bytes().replace(b"1851-01-02", b"1851-02-30"))
    out = tmp_path / "findings.jsonl"
    status = main(["audit", str(region_dir), "--election-date", "1890-03-16", "--out", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert where in err
    if damage in ("missing column", "bad date"):
        assert ("citizenship" if damage == "missing column" else "birth_date") in err
    assert not out.exists()
    assert list(tmp_path.glob(".findings.jsonl.*")) == []
