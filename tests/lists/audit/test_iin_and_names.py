"""The vectorised IIN and name rules decide exactly as the law layer's functions."""

from __future__ import annotations

from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.law.errors import InvalidIIN
from saylau.law.iin import make_iin, parse_iin
from saylau.law.names import canonical_patronymic, fold_name
from saylau.lists.iin import with_iin_columns
from saylau.lists.names import canonical_patronymic_expr, fold_expr

TODAY = date(1890, 3, 16)


def law_view(value: str | None) -> tuple[str | None, date | None, str | None]:
    if value is None:
        return "iin_format", None, None
    try:
        iin = parse_iin(value, today=TODAY)
    except InvalidIIN as exc:
        return exc.code, None, None
    return None, iin.birth_date, iin.sex


def lists_view(values: list[str | None]) -> list[tuple[str | None, date | None, str | None]]:
    frame = with_iin_columns(
        pl.DataFrame({"iin": values}, schema={"iin": pl.String}), "iin", today=TODAY
    )
    return list(frame.select("iin_error", "iin_birth_date", "iin_sex").iter_rows())


digits12 = st.text(alphabet="0123456789", min_size=12, max_size=12)
plausible = st.builds(
    lambda yy, mm, dd, c, serial, cd: f"{yy:02d}{mm:02d}{dd:02d}{c}{serial:04d}{cd}",
    st.integers(0, 99),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 9),
    st.integers(0, 9999),
    st.integers(0, 9),
)
anything = st.one_of(st.none(), st.text(max_size=14), digits12, plausible)


@settings(max_examples=150, deadline=None)
@given(st.lists(anything, min_size=1, max_size=40))
def test_vectorised_iin_validation_agrees_with_parse_iin(values: list[str | None]) -> None:
    assert lists_view(values) == [law_view(v) for v in values]


def test_known_iins_from_the_law_notes_decode_as_the_law_layer_does() -> None:
    values = [
        "640302200018",
        "710715100012",
        "881231100018",
        "990228200018",
        "061211600013",
        "90010130080",
        make_iin(date(1868, 2, 29), "M", 7),
    ]
    assert lists_view(values) == [law_view(v) for v in values]


names = st.text(
    alphabet="АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя -",
    max_size=20,
)
endings = st.sampled_from(
    ["", "ұлы", "улы", "ович", "евич", "қызы", "кызы", "овна", "евна", " ұлы"]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(names, endings), min_size=1, max_size=20))
def test_vectorised_folding_agrees_with_the_law_layer(parts: list[tuple[str, str]]) -> None:
    values = [a + b for a, b in parts]
    frame = pl.DataFrame({"n": values})
    folded = frame.select(fold_expr(pl.col("n")))["n"].to_list()
    canonical = frame.select(canonical_patronymic_expr(pl.col("n")))["n"].to_list()
    assert folded == [fold_name(v) for v in values]
    assert canonical == [canonical_patronymic(v) for v in values]
