"""Fuzzing the JSON reader with limits (issue 11, item 7): whatever the text, the answer is a
value or an InputError naming the file (and, when it can, the line), never another exception."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.errors import InputError
from saylau.lists.io.limits import (
    MAX_INT32,
    MAX_INT_DIGITS,
    MAX_JSON_DEPTH,
    json_depth,
    load_json,
    parse_bounded_int,
    text_problem,
)

FUZZED: dict[str, int] = {}

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


def _max_int_digits(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return len(str(abs(value)))
    if isinstance(value, list):
        return max((_max_int_digits(v) for v in value), default=0)
    if isinstance(value, dict):
        return max((_max_int_digits(v) for v in value.values()), default=0)
    return 0


@settings(max_examples=400, deadline=None)
@given(documents, st.integers(min_value=0, max_value=60))
def test_load_json_reads_what_is_within_the_limits_and_refuses_the_rest(
    doc: object, wrap: int
) -> None:
    FUZZED["load_json (documents)"] = FUZZED.get("load_json (documents)", 0) + 1
    text = "[" * wrap + json.dumps(doc) + "]" * wrap
    try:
        value = load_json(text, file="f.json", parse_float=Decimal)
    except InputError as exc:
        assert exc.file == "f.json"
        assert _depth(doc) + wrap > MAX_JSON_DEPTH or _max_int_digits(doc) > MAX_INT_DIGITS
        return
    assert _depth(value) <= MAX_JSON_DEPTH
    assert _max_int_digits(value) <= MAX_INT_DIGITS


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_load_json_of_any_text_is_a_value_or_an_input_error(text: str) -> None:
    FUZZED["load_json (any text)"] = FUZZED.get("load_json (any text)", 0) + 1
    try:
        load_json(text, file="f.json")
    except InputError as exc:
        assert exc.file == "f.json"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='[]{}"\\ ,:0a\n', max_size=200))
def test_the_depth_scan_agrees_with_the_parser(text: str) -> None:
    FUZZED["json_depth"] = FUZZED.get("json_depth", 0) + 1
    try:
        doc = json.loads(text)
    except ValueError:
        return
    found = json_depth(text, limit=3)
    assert (found is not None) == (_depth(doc) > 3)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40) | st.integers().map(str) | st.text("0123456789-+", max_size=30))
def test_a_bounded_integer_is_in_range_or_a_reason(text: str) -> None:
    FUZZED["parse_bounded_int"] = FUZZED.get("parse_bounded_int", 0) + 1
    value = parse_bounded_int(text)
    if isinstance(value, int):
        assert 1 <= value <= MAX_INT32
    else:
        assert value


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=50))
def test_a_text_without_a_problem_fits_its_column(text: str, length: int) -> None:
    FUZZED["text_problem"] = FUZZED.get("text_problem", 0) + 1
    if text_problem(text, max_length=length) is None:
        assert len(text) <= length and "\x00" not in text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(max_size=12) | st.sampled_from(["-5", "1" * 24, "9" * 5000, "a\x00b"]),
            min_size=8,
            max_size=9,
        ),
        max_size=5,
    )
)
def test_the_audit_reader_of_voter_lists_reads_or_names_the_problem(rows: list[list[str]]) -> None:
    """``lists.io.read_table`` (``saylau audit``): a frame, or a ListsInputError naming the
    file; integers out of Int64 are a named problem, never a traceback."""
    import csv
    import tempfile
    from pathlib import Path

    from saylau.lists.io import LISTS, read_table

    FUZZED["lists.io read_table"] = FUZZED.get("lists.io read_table", 0) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / LISTS.path
        path.parent.mkdir(parents=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(list(LISTS.columns))
            w.writerows(rows)
        try:
            frame = read_table(Path(tmp), LISTS)
        except InputError as exc:
            assert exc.file
            return
    assert frame.height == len(rows)
