"""The IIN: every example of tests/data/iin_examples.json and every rejection code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.law.errors import InvalidIIN
from saylau.law.iin import (
    STATUS_CODES,
    check_digit,
    iin_error_codes,
    iin_status_vector,
    is_valid_iin,
    make_iin,
    parse_iin,
)

TODAY = date(2026, 11, 26)


def examples(data_dir: Path) -> dict[str, Any]:
    return json.loads((data_dir / "iin_examples.json").read_text(encoding="utf-8"))


def test_every_valid_example_parses_to_its_birth_date_and_sex(data_dir: Path) -> None:
    data = examples(data_dir)
    rows = (
        data["published_examples"]
        + data["constructed_examples_safe_for_fixtures"]
        + data["constructed_examples_modern"]
    )
    assert len(rows) >= 10
    for row in rows:
        iin = parse_iin(row["iin"], today=TODAY)
        assert iin.birth_date.isoformat() == row["dob"]
        assert iin.sex == row["sex"]


def test_the_edge_cases_are_decided_as_the_examples_say(data_dir: Path) -> None:
    edges = {row.get("iin") or row["prefix"]: row for row in examples(data_dir)["edge_cases"]}
    assert is_valid_iin("900101300811")
    assert check_digit(edges["90010130080"]["prefix"]) is None
    with pytest.raises(InvalidIIN) as wrong:
        parse_iin("061211600013")
    assert wrong.value.code == "iin_check_digit"
    with pytest.raises(InvalidIIN) as future:
        parse_iin("551231600011", today=TODAY)
    assert future.value.code == "iin_future"
    assert is_valid_iin("551231600011")  # without a reference day only the checksum counts


def test_the_second_weight_pass_is_used_when_the_first_gives_ten() -> None:
    prefix = "90010130081"
    first = sum(int(d) * w for d, w in zip(prefix, range(1, 12), strict=True)) % 11
    assert first == 10
    assert check_digit(prefix) == 1


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("64030220001", "iin_format"),
        ("6403022000188", "iin_format"),
        ("64030220001a", "iin_format"),
        ("６４０３０２２０００１８", "iin_format"),  # full-width digits are not ASCII digits
        ("640302700018", "iin_century"),
        ("640302000018", "iin_century"),
        ("640230200018", "iin_date"),
        ("641302200018", "iin_date"),
        ("000229300018", "iin_date"),  # 1900 was not a leap year
        ("061211600013", "iin_check_digit"),
    ],
)
def test_every_rejection_has_its_own_code(value: str, code: str) -> None:
    with pytest.raises(InvalidIIN) as exc:
        parse_iin(value)
    assert exc.value.code == code
    assert exc.value.message


def test_a_never_issued_prefix_is_rejected_with_its_code() -> None:
    prefix = "90010130080"
    for last in "0123456789":
        with pytest.raises(InvalidIIN) as exc:
            parse_iin(prefix + last)
        assert exc.value.code == "iin_never_issued"


def test_29_february_2000_is_a_real_birth_date() -> None:
    iin = make_iin(date(2000, 2, 29), "M", 1)
    assert iin is not None
    assert parse_iin(iin).birth_date == date(2000, 2, 29)


@settings(deadline=None)
@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["M", "F"]),
    st.integers(0, 9999),
)
def test_make_iin_and_parse_iin_agree(born: date, sex: Any, serial: int) -> None:
    iin = make_iin(born, sex, serial)
    if iin is None:
        digit = {"M": 1, "F": 2}[sex] + 2 * (born.year // 100 - 18)
        assert check_digit(f"{born:%y%m%d}{digit}{serial:04d}") is None
        return
    parsed = parse_iin(iin)
    assert (parsed.birth_date, parsed.sex) == (born, sex)


@settings(deadline=None)
@given(st.text(max_size=14))
def test_parse_iin_never_fails_with_anything_but_invalid_iin(text: str) -> None:
    try:
        parse_iin(text)
    except InvalidIIN as exc:
        assert exc.code.startswith("iin_")


@settings(deadline=None)
@given(st.from_regex(r"[0-9]{11}", fullmatch=True), st.integers(0, 10), st.integers(0, 9))
def test_a_single_digit_typo_in_the_first_ten_digits_breaks_the_check_digit(
    prefix: str, position: int, replacement: int
) -> None:
    cd = check_digit(prefix)
    if cd is None or position == 10:
        return  # digit 11 has weight 11 = 0 mod 11 in the first pass (law-notes section 6)
    typo = prefix[:position] + str(replacement) + prefix[position + 1 :]
    if typo == prefix:
        return
    assert check_digit(typo) != cd or check_digit(typo) is None or _second_pass(prefix, typo)


def _second_pass(a: str, b: str) -> bool:
    """True when either prefix needed the second weights (then collisions are possible)."""
    return any(
        sum(int(d) * w for d, w in zip(p, range(1, 12), strict=True)) % 11 == 10 for p in (a, b)
    )


def _code(value: str, today: date | None) -> str | None:
    try:
        parse_iin(value, today=today)
    except InvalidIIN as exc:
        return exc.code
    return None


iin_like = st.one_of(
    st.from_regex(r"[0-9]{12}", fullmatch=True),
    st.from_regex(r"[0-9]{6}[1-6][0-9]{5}", fullmatch=True),
    st.builds(
        lambda d, s, n: make_iin(d, s, n) or "000000000000",
        st.dates(date(1800, 1, 1), date(2099, 12, 31)),
        st.sampled_from(["M", "F"]),
        st.integers(0, 9999),
    ),
    st.text(max_size=13),
)


@settings(deadline=None)
@given(st.lists(iin_like, max_size=30), st.sampled_from([None, TODAY]))
def test_the_batch_validator_decides_exactly_as_parse_iin(values: list[str], today: Any) -> None:
    assert iin_error_codes(values, today=today) == [_code(v, today) for v in values]


@settings(deadline=None)
@given(st.lists(iin_like, max_size=40), st.sampled_from([None, TODAY]))
def test_the_status_vector_decides_exactly_as_parse_iin(values: list[str], today: Any) -> None:
    status = iin_status_vector(values, today=today)
    assert [STATUS_CODES[s] for s in status] == [_code(v, today) for v in values]


def test_the_status_vector_of_nothing_is_empty() -> None:
    assert iin_status_vector([]) == b""


def test_the_status_vector_knows_the_leap_years_of_three_centuries() -> None:
    values = []
    for century_digit in "135":  # 1800s, 1900s, 2000s
        for yy in ("00", "04", "01"):
            prefix = f"{yy}0229{century_digit}0001"
            cd = check_digit(prefix)
            values.append(prefix + str(cd if cd is not None else 0))
    assert [STATUS_CODES[s] for s in iin_status_vector(values)] == [_code(v, None) for v in values]
    # 1800 and 1900 were not leap years, 2000 was; 1804, 1904, 2004 were; 1801... were not.
    assert [_code(v, None) is None for v in values] == [
        False,
        True,
        False,
        False,
        True,
        False,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize("today", [None, TODAY, date(1900, 1, 1)])
def test_the_status_vector_on_the_shared_examples(data_dir: Path, today: Any) -> None:
    data = examples(data_dir)
    values = [
        row["iin"]
        for key in (
            "published_examples",
            "constructed_examples_safe_for_fixtures",
            "constructed_examples_modern",
            "edge_cases",
        )
        for row in data[key]
        if "iin" in row
    ] + ["", "1" * 13, "64030220001X", "640230200018", "901301300018"]
    assert [STATUS_CODES[s] for s in iin_status_vector(values, today=today)] == [
        _code(v, today) for v in values
    ]
