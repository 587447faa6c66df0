"""The law commands: ``saylau iin``, ``saylau seats``, ``saylau protocol check``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from saylau.cli import main
from tests.conftest import REPO


def write(tmp_path: Path, data: Any, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_iin_prints_one_object_per_iin_and_exits_1_if_any_is_invalid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["iin", "640302200018", "061211600013"])
    rows = lines(capsys.readouterr().out)
    assert status == 1
    assert rows[0] == {
        "iin": "640302200018",
        "valid": True,
        "birth_date": "1864-03-02",
        "sex": "F",
        "error": None,
        "message": None,
    }
    assert rows[1]["valid"] is False
    assert rows[1]["error"] == "iin_check_digit"


def test_iin_exits_0_when_every_iin_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["iin", "710715100012", "881231100018"]) == 0
    assert [r["sex"] for r in lines(capsys.readouterr().out)] == ["M", "M"]


def test_iin_rejects_a_future_birth_date_against_the_given_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["iin", "--today", "2026-11-26", "551231600011"]) == 1
    assert lines(capsys.readouterr().out)[0]["error"] == "iin_future"


def test_seats_prints_the_format_of_seat_case_md(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "golden/seats/mazhilis_2023_party_list.json"
    assert main(["seats", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"rules", "base", "admitted", "quota", "seats", "steps"}
    assert out["rules"] == "kz-2023"
    assert out["base"] == "6366441"
    assert out["seats"]["Amanat"] == 40
    assert out["seats"]["Baytaq (Green Party)"] == 0
    assert all(isinstance(s, str) for s in out["steps"])


@pytest.mark.parametrize(("lang", "word"), [("ru", "квота"), ("kk", "квотасы"), ("en", "Quota")])
def test_seats_text_trace_in_each_language(
    data_dir: Path, capsys: pytest.CaptureFixture[str], lang: str, word: str
) -> None:
    path = data_dir / "golden/seats/rudny_city_maslikhat_2021.json"
    assert main(["seats", str(path), "--format", "text", "--lang", lang]) == 0
    assert word in capsys.readouterr().out


def test_seats_rules_override_and_undecided_exit_3(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "golden/seats/mazhilis_2007.json"
    assert main(["seats", str(path), "--rules", "kz-2009"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["undecided"]["seats"] == 2
    assert sum(out["seats"].values()) == 96


def test_seats_with_no_party_passing_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parties = [{"name": f"P{i}", "votes": 100} for i in range(25)]  # 4 % each
    case = {"body": "maslikhat", "date": "2023-03-19", "seats": 5, "parties": parties}
    assert main(["seats", write(tmp_path, case)]) == 3


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ({"body": "maslikhat", "date": "2023-03-19", "seats": -1, "parties": []}, "'seats'"),
        (
            {"body": "maslikhat", "date": "2023-03-19", "seats": 5, "parties": [{"name": "A"}]},
            "parties[0].votes",
        ),
    ],
)
def test_seats_bad_case_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, needle: str
) -> None:
    assert main(["seats", write(tmp_path, content)]) == 2
    assert needle in capsys.readouterr().err


def test_seats_broken_json_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n"body": "maslikhat",\n oops}\n', encoding="utf-8")
    assert main(["seats", str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.json:3" in err


def test_seats_unknown_rule_set_exits_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "golden/seats/mazhilis_2016.json"
    assert main(["seats", str(path), "--rules", "kz-1990"]) == 2
    assert "kz-1990" in capsys.readouterr().err


def protocol(**change: Any) -> dict[str, Any]:
    base = {
        "election": "demo",
        "precinct_no": 3,
        "voters_main_list": 100,
        "voters_additional_list": 0,
        "ballots_received": 100,
        "ballots_issued_premises": 60,
        "ballots_issued_outside": 0,
        "absentee_certificate_voters": 0,
        "ballots_cancelled": 40,
        "ballots_in_stationary_boxes": 60,
        "ballots_in_portable_boxes": 0,
        "valid": 58,
        "invalid": 2,
        "votes": [{"code": "A", "votes": 30}, {"code": "B", "votes": 28}],
    }
    return base | change


def test_protocol_check_of_a_clean_protocol_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["protocol", "check", write(tmp_path, protocol())]) == 0
    row = lines(capsys.readouterr().out)[0]
    assert row["ok"] is True
    assert row["findings"] == []


def test_protocol_check_prints_every_finding_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = protocol(ballots_received=99, valid=57)
    assert main(["protocol", "check", write(tmp_path, bad), "--lang", "kk"]) == 1
    row = lines(capsys.readouterr().out)[0]
    codes = [f["code"] for f in row["findings"]]
    assert codes == ["ballot_balance", "valid_vs_votes", "valid_invalid_vs_boxes"]
    assert "бюллетень" in row["findings"][0]["message"]


def test_protocol_check_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, protocol(invalid=3))
    assert main(["protocol", "check", path, "--format", "text", "--lang", "ru"]) == 1
    out = capsys.readouterr().out
    assert "valid_invalid_vs_boxes" in out
    assert "недействительных" in out


def test_protocol_check_bad_file_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, protocol(), "good.json")
    bad = write(tmp_path, protocol(invalid=-2), "bad.json")
    assert main(["protocol", "check", good, bad]) == 2
    captured = capsys.readouterr()
    assert "'invalid'" in captured.err
    assert "bad.json" in captured.err
    assert captured.out == ""  # nothing is reported half-way


def test_protocol_check_rejects_a_fractional_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["protocol", "check", write(tmp_path, protocol(valid=58.0))]) == 2
    assert "'valid'" in capsys.readouterr().err


def test_seats_reads_printed_percentages_exactly_as_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pct.json"
    path.write_text(
        '{"body": "mazhilis", "date": "2023-03-19", "seats": 69, "parties": ['
        '{"name": "Amanat", "percent": 53.90}, {"name": "Auyl", "percent": 10.90},'
        '{"name": "Respublica", "percent": 8.59}, {"name": "Ak Zhol", "percent": 8.41},'
        '{"name": "People\'s Party", "percent": 6.80}, {"name": "OSDP", "percent": 5.20},'
        '{"name": "Baytaq", "percent": 2.30}]}',
        encoding="utf-8",
    )
    assert main(["seats", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["base"] == "100"
    assert list(out["seats"].values()) == [40, 8, 6, 6, 5, 4, 0]
    assert any("0.0050" in step for step in out["steps"])  # 53.90 kept its two decimals


def test_seats_reproduces_the_example_of_the_shared_format_document(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (REPO / "docs/formats/seat-case.md").read_text(encoding="utf-8")
    blocks = [part.split("```", 1)[0] for part in text.split("```json")[1:]]
    case_json, output_json = json.loads(blocks[0]), json.loads(blocks[1])
    assert main(["seats", write(tmp_path, case_json)]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = {k: v for k, v in output_json.items() if k != "steps"}
    assert {k: v for k, v in out.items() if k != "steps"} == expected
