"""Vectorised IIN validation: the rules of :mod:`saylau.law.iin` as polars expressions.

Government Resolution of 11 June 2003 No. 565 (law-notes section 6): digits 1-6 are the date
of birth ``YYMMDD``, digit 7 the century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd
male, even female), digits 8-11 a serial, digit 12 the check digit ``sum(d_i * i) mod 11``,
recomputed with the weights 3..11, 1, 2 when it is 10; a prefix whose second pass is 10 again
is never issued. The audit also rejects a birth date after a given day (``today``): an IIN of
someone not yet born was mistyped.

:func:`iin_columns` decides exactly as :func:`saylau.law.iin.parse_iin` (cross-checked by
property tests) and returns, per row, the rejection code (``None`` when valid) in the same
order of precedence, the birth date and the sex the IIN encodes. Everything is columnar:
millions of IINs per second.

>>> import polars as pl
>>> df = pl.DataFrame({"iin": ["640302200018", "061211600013", "12", None]})
>>> df.select(iin_columns("iin")).to_dicts()[:2]  # doctest: +NORMALIZE_WHITESPACE
[{'iin_error': None, 'iin_birth_date': datetime.date(1864, 3, 2), 'iin_sex': 'F'},
 {'iin_error': 'iin_check_digit', 'iin_birth_date': None, 'iin_sex': None}]
>>> df.select(iin_columns("iin"))["iin_error"].to_list()[2:]
['iin_format', 'iin_format']
"""

from __future__ import annotations

from datetime import date

import polars as pl

from saylau.law.iin import WEIGHTS_FIRST, WEIGHTS_SECOND

__all__ = ["ERROR_MESSAGES", "iin_columns"]

#: Rejection code -> English explanation (the codes are those of :mod:`saylau.law.iin`).
ERROR_MESSAGES: dict[str, str] = {
    "iin_format": "an IIN is exactly 12 digits",
    "iin_century": "the 7th digit (century and sex) must be 1 to 6",
    "iin_date": "digits 1-6 are not a real date of birth",
    "iin_future": "the date of birth encoded in the IIN is after the election day",
    "iin_never_issued": "no IIN is ever issued with these first 11 digits",
    "iin_check_digit": "wrong check digit",
}


def _digit(col: pl.Expr, i: int) -> pl.Expr:
    return col.str.slice(i, 1).cast(pl.Int32, strict=False)


def iin_columns(column: str, *, today: date | None = None, prefix: str = "iin_") -> list[pl.Expr]:
    """Expressions giving ``<prefix>error``, ``<prefix>birth_date`` and ``<prefix>sex``.

    A null or empty value is ``iin_format``. Birth date and sex are null unless the IIN is
    valid.
    """
    raw = pl.col(column)
    fmt_ok = raw.str.contains(r"^[0-9]{12}$").fill_null(False)
    d = [_digit(raw, i) for i in range(12)]
    century = d[6]
    century_ok = century.is_between(1, 6)
    base = pl.when(century <= 2).then(1800).when(century <= 4).then(1900).otherwise(2000)
    year = base + d[0] * 10 + d[1]
    month = d[2] * 10 + d[3]
    day = d[4] * 10 + d[5]
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    max_day = (
        pl.when(month.is_in([1, 3, 5, 7, 8, 10, 12]))
        .then(31)
        .when(month.is_in([4, 6, 9, 11]))
        .then(30)
        .when(month == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .otherwise(0)
    )
    date_ok = (day >= 1) & (day <= max_day)
    born = pl.date(
        year, pl.when(date_ok).then(month).otherwise(1), pl.when(date_ok).then(day).otherwise(1)
    )
    future = pl.lit(False) if today is None else born > pl.lit(today)
    s1 = sum((w * x for w, x in zip(WEIGHTS_FIRST, d[:11], strict=True)), pl.lit(0)) % 11
    s2 = sum((w * x for w, x in zip(WEIGHTS_SECOND, d[:11], strict=True)), pl.lit(0)) % 11
    check = pl.when(s1 == 10).then(s2).otherwise(s1)
    error = (
        pl.when(~fmt_ok)
        .then(pl.lit("iin_format"))
        .when(~century_ok)
        .then(pl.lit("iin_century"))
        .when(~date_ok)
        .then(pl.lit("iin_date"))
        .when(future)
        .then(pl.lit("iin_future"))
        .when(check == 10)
        .then(pl.lit("iin_never_issued"))
        .when(check != d[11])
        .then(pl.lit("iin_check_digit"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    valid = error.is_null()
    return [
        error.alias(f"{prefix}error"),
        pl.when(valid).then(born).otherwise(None).alias(f"{prefix}birth_date"),
        pl.when(valid)
        .then(pl.when(century % 2 == 1).then(pl.lit("M")).otherwise(pl.lit("F")))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias(f"{prefix}sex"),
    ]
