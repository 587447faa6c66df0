"""Issue 11, item 6: every CSV and XLSX saylau writes neutralises formula prefixes (OWASP's
CSV injection rule): a voter, trainer or district named ``=HYPERLINK(...)`` stays text."""

from __future__ import annotations

import csv
import io
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from saylau.web.commissions.exports import trainers_xlsx
from saylau.web.commissions.selectors import TrainerRow
from saylau.web.commissions.xlsx import write_xlsx
from saylau.web.core.csvsafe import FORMULA_PREFIXES, safe_cell
from saylau.web.register import exports as register_exports
from saylau.web.results.exports import results_csv, single_member_csv

EVIL = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\r=1"]


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


@given(st.text())
def test_a_safe_cell_never_starts_with_a_formula_character_and_keeps_the_text(text: str) -> None:
    safe = safe_cell(text)
    assert not is_formula(safe)
    assert safe in (text, "'" + text)


def test_numbers_and_plain_names_are_left_alone() -> None:
    assert [safe_cell(v) for v in (-5, 3.5, None, "Ким", "")] == [-5, 3.5, None, "Ким", ""]


def entry(name: str) -> Any:
    person = SimpleNamespace(
        iin="510202100011",
        last_name=name,
        first_name=name,
        patronymic="",
        full_name=name,
        birth_date=date(1851, 2, 2),
        address=None,
    )
    return SimpleNamespace(person=person, part="main", number=1, remarks=name, certificate=None)


@pytest.mark.parametrize("name", EVIL)
def test_the_voter_list_csv_and_xlsx_write_a_formula_name_as_text(name: str) -> None:
    vl = SimpleNamespace(precinct=SimpleNamespace(number=101))
    body = register_exports.list_csv(vl, [entry(name)]).decode()  # type: ignore[arg-type]
    cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
    assert not any(is_formula(c) for c in cells)
    assert "'" + name in cells
    book = register_exports.list_xlsx(vl, [entry(name)], language="ru")  # type: ignore[arg-type]
    ws = load_workbook(io.BytesIO(book)).active
    values = [c.value for row in ws.iter_rows() for c in row]  # type: ignore[union-attr]
    assert not any(is_formula(v) for v in values)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # type: ignore[union-attr]


def test_the_trainers_xlsx_writes_a_formula_name_as_text() -> None:
    row = TrainerRow(
        trainer_id=1,
        name="=cmd|' /C calc'!A0",
        sessions=1,
        enrolled=1,
        attended=1,
        entry_score=1,
        entry_max=2,
        final_score=2,
        final_max=2,
    )
    ws = load_workbook(io.BytesIO(trainers_xlsx([row]))).active
    assert ws["A2"].value == "'=cmd|' /C calc'!A0"  # type: ignore[index]
    assert ws["A2"].data_type == "s"  # type: ignore[index]


def test_the_streaming_xlsx_writer_writes_a_formula_text_as_text() -> None:
    book = write_xlsx([("S", ["h"], [["@SUM(A1)"], [-1], ["-1"]])])
    ws = load_workbook(io.BytesIO(book)).active
    assert [ws[f"A{i}"].value for i in (2, 3, 4)] == ["'@SUM(A1)", -1, "'-1"]  # type: ignore[index]


def test_the_results_csvs_write_a_formula_district_name_as_text() -> None:
    results = {
        "parties": [{"code": "P1"}],
        "precincts": [
            {
                "district": "=1+1",
                "number": 1,
                "version": 1,
                "votes": {"P1": 5},
                "sha256": "ab",
                "outside_voting_applications": 0,
                **{k: 0 for k in _summed()},
            },
        ],
        "single_member": [],
    }
    rows = list(csv.reader(io.StringIO(results_csv(results))))
    assert rows[1][0] == "'=1+1"
    assert not any(is_formula(c) for row in rows for c in row)
    single_member_csv(results)  # writes through the same helper


def _summed() -> tuple[str, ...]:
    from saylau.law.tally import SUMMED

    return tuple(SUMMED)
