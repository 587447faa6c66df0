"""Fuzzing every reader of a registry extract and of registry events (issue 11, item 7).

Whatever the file holds, a reader either accepts a row whose values its database column can
hold, or names the problem (file, line, column): no other exception, and nothing accepted
that PostgreSQL would refuse (a NUL byte, a value longer than its column, a number out of
range). The import itself is fuzzed end to end on the database, fewer times (it is slower)."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from saylau.errors import InputError
from saylau.lists.io.limits import MAX_INT32, text_problem
from saylau.web.register.services.events_file import EVENT_COLUMNS, OPTIONAL_COLUMNS, read_events
from saylau.web.register.services.territory import (
    read_districts,
    read_precincts,
    region_identity,
)

from .builders import Extract, standard_persons

#: Texts a hostile file holds: control characters, separators, quotes, digits of any script,
#: long runs.
nasty = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(["", "-5", "0", "1" * 24, "9" * 5000, "x" * 201, "a\x00b", "١٠١", "=1+1"])


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.sampled_from(["[]", "1", '{"code": []}', '{"code": 1e999}']))
def test_region_json_fuzz(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "region.json").write_text(text, encoding="utf-8")
        try:
            found = region_identity(Path(tmp), None)
        except InputError as exc:
            assert exc.file == "region.json"
            return
    for key in ("code", "name_kk", "name_ru"):
        assert text_problem(found[key], max_length=200) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(nasty, min_size=4, max_size=4), max_size=6))
def test_districts_and_precincts_fuzz(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_csv(d / "districts.csv", ["district_code", "name_kk", "name_ru", "kind"], rows)
        write_csv(
            d / "precincts.csv", ["precinct_no", "district_code", "polling_address", "kind"], rows
        )
        rejections: list = []
        try:
            districts = read_districts(d, rejections)
            precincts = read_precincts(d, {x.code for x in districts}, rejections)
        except InputError:
            return
    for r in rejections:
        assert r.file in ("districts.csv", "precincts.csv") and r.line >= 2 and r.reason
    for x in districts:
        assert text_problem(x.code, max_length=32) is None
        assert text_problem(x.name_kk, max_length=200) is None
    for p in precincts:
        assert 1 <= p.number <= MAX_INT32
        assert text_problem(p.polling_address, max_length=300) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(nasty, min_size=10, max_size=10), max_size=5))
def test_events_fuzz(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ev.csv"
        write_csv(path, [*EVENT_COLUMNS, *OPTIONAL_COLUMNS], rows)
        try:
            events, findings = read_events(path, "ev.csv")
        except InputError:
            return
    for f in findings:
        assert f.file == "ev.csv" and f.line >= 2 and f.column
    for e in events:
        assert text_problem(e.event_id, max_length=64) is None
        for value in e.data.values():
            assert text_problem(value, max_length=100) is None


person_columns = st.fixed_dictionaries(
    {
        "last_name": nasty,
        "first_name": nasty,
        "patronymic": nasty,
        "address_id": st.sampled_from(["A1", "B1", ""]) | nasty,
        "citizenship": st.sampled_from(["KZ", "RU"]) | nasty,
    }
)
address_row = st.tuples(nasty, st.sampled_from(["D1", "D2"]), nasty, nasty, nasty, nasty, nasty)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(person_columns, min_size=1, max_size=4), st.lists(address_row, max_size=3))
# A NUL in a rejected value: PostgreSQL stores no NUL in text or JSON (found by CI once).
@example(
    changes=[
        {
            "last_name": "0",
            "first_name": "0",
            "patronymic": "",
            "address_id": "A1",
            "citizenship": "\x00",
        }
    ],
    addresses=[],
)
def test_the_import_of_a_fuzzed_extract_stores_only_what_fits(
    changes: list[dict[str, str]], addresses: list[tuple[str, ...]]
) -> None:
    from saylau.web.register.models import Person
    from saylau.web.register.services.importing import import_registry
    from saylau.web.territory.models import Address

    persons = [p.but(**c) for p, c in zip(standard_persons(), changes, strict=False)]
    extract = Extract(persons=persons)
    extract.addresses = [*extract.addresses, *addresses]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            import_registry(directory=extract.write(Path(tmp)), actor="fuzz")
        except InputError:
            return
    for p in Person.private_objects.all():
        for name in ("last_name", "first_name", "patronymic"):
            assert text_problem(getattr(p, name), max_length=100) is None
    for a in Address.objects.all():
        assert text_problem(a.locality, max_length=200) is None
        assert text_problem(a.house, max_length=50) is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=60)
    | st.builds(lambda body: "SAYLAU-PROTOCOL/1 abc " + body, st.text(max_size=60))
    | st.builds(
        lambda n: "SAYLAU-PROTOCOL/1 abc " + "[" * n, st.integers(min_value=0, max_value=50_000)
    )
)
def test_qr_text_fuzz(text: str) -> None:
    from saylau.web.results.services.submission import BadQRText, read_qr_text

    try:
        read_qr_text(text)
    except BadQRText:
        return
