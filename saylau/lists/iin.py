"""Vectorised IIN validation: the rules of :mod:`saylau.law.iin` as polars expressions.

Government Resolution of 11 June 2003 No. 565 (law-notes section 6): digits 1-6 are the date
of birth ``YYMMDD``, digit 7 the century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd
male, even female), digits 8-11 a serial, digit 12 the check digit ``sum(d_i * i) mod 11``,
recomputed with the weights 3..11, 1, 2 when it is 10; a prefix whose second pass is 10 again
is never issued. The audit also rejects a birth date after a given day (``today``): an IIN of
someone not yet born was mistyped.

:func:`with_iin_columns` decides exactly as :func:`saylau.law.iin.parse_iin` (cross-checked by
property tests) and returns, per row, the rejection code (``None`` when valid) in the same
order of precedence, the birth date and the sex the IIN encodes. Everything is columnar:
millions of IINs per second.

>>> import polars as pl
>>> df = pl.DataFrame({"iin": ["640302200018", "061211600013", "12", None]})
>>> out = with_iin_columns(df, "iin")
>>> out.drop("iin").to_dicts()[:2]  # doctest: +NORMALIZE_WHITESPACE
[{'iin_error': None, 'iin_birth_date': datetime.date(1864, 3, 2), 'iin_sex': 'F'},
 {'iin_error': 'iin_check_digit', 'iin_birth_date': None, 'iin_sex': None}]
>>> out["iin_error"].to_list()[2:]
['iin_format', 'iin_format']
"""

from __future__ import annotations

from datetime import date

import polars as pl

from saylau.law.iin import WEIGHTS_FIRST, WEIGHTS_SECOND

__all__ = ["ERROR_MESSAGES", "with_iin_columns"]

#: Rejection code -> English explanation (the codes are those of :mod:`saylau.law.iin`).
ERROR_MESSAGES: dict[str, str] = {
    "iin_format": "an IIN is exactly 12 digits",
    "iin_century": "the 7th digit (century and sex) must be 1 to 6",
    "iin_date": "digits 1-6 are not a real date of birth",
    "iin_future": "the date of birth encoded in the IIN is after the election day",
    "iin_never_issued": "no IIN is ever issued with these first 11 digits",
    "iin_check_digit": "wrong check digit",
}


def with_iin_columns(
    frame: pl.DataFrame, column: str, *, today: date | None = None, prefix: str = "iin_"
) -> pl.DataFrame:
    """``frame`` with ``<prefix>error``, ``<prefix>birth_date`` and ``<prefix>sex`` added.

    A null or empty value is ``iin_format``. Birth date and sex are null unless the IIN is
    valid. The digits come from one integer per IIN; the date part (the first seven digits)
    is decided once per distinct value.
    """
    raw = pl.col(column)
    work = frame.select(column).with_columns(
        pl.when(raw.str.contains(r"^[0-9]{12}$"))
        .then(raw.str.to_integer(strict=False))
        .alias("_n"),
    )
    n = pl.col("_n")
    digits = [((n // 10 ** (11 - i)) % 10).alias(f"_d{i}") for i in range(12)]
    work = work.with_columns(*digits, (n // 100_000).alias("_head"))
    d = [pl.col(f"_d{i}") for i in range(12)]
    s1 = sum((w * x for w, x in zip(WEIGHTS_FIRST, d[:11], strict=True)), pl.lit(0)) % 11
    s2 = sum((w * x for w, x in zip(WEIGHTS_SECOND, d[:11], strict=True)), pl.lit(0)) % 11
    work = work.with_columns(pl.when(s1 == 10).then(s2).otherwise(s1).alias("_check"))
    heads = _heads(work.select(pl.col("_head").drop_nulls().unique()), today)
    work = work.join(heads, on="_head", how="left", maintain_order="left")
    head_error = pl.col("_head_error")
    error = (
        pl.when(n.is_null())
        .then(pl.lit("iin_format"))
        .when(head_error.is_not_null())
        .then(head_error)
        .when(pl.col("_check") == 10)
        .then(pl.lit("iin_never_issued"))
        .when(pl.col("_check") != d[11])
        .then(pl.lit("iin_check_digit"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    valid = pl.col(f"{prefix}error").is_null()
    decoded = work.with_columns(error.alias(f"{prefix}error")).select(
        f"{prefix}error",
        pl.when(valid).then(pl.col("_born")).alias(f"{prefix}birth_date"),
        pl.when(valid).then(pl.col("_sex")).alias(f"{prefix}sex"),
    )
    return frame.hstack(decoded)


def _heads(heads: pl.DataFrame, today: date | None) -> pl.DataFrame:
    """Per distinct first seven digits: the date/century error, the birth date, the sex."""
    h = pl.col("_head")
    century = h % 10
    yy, mm, dd = h // 100_000, (h // 1000) % 100, (h // 10) % 100
    work = heads.with_columns(
        century.alias("_c"),
        (pl.when(century <= 2).then(1800).when(century <= 4).then(1900).otherwise(2000) + yy).alias(
            "_y"
        ),
        mm.alias("_m"),
        dd.alias("_dd"),
    )
    year, month, day = pl.col("_y"), pl.col("_m"), pl.col("_dd")
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
    work = work.with_columns(
        (pl.col("_c").is_between(1, 6)).alias("_cok"),
        ((day >= 1) & (day <= max_day)).alias("_dok"),
    )
    ok = pl.col("_cok") & pl.col("_dok")
    work = work.with_columns(
        pl.when(ok).then(pl.date(year, month, day)).alias("_born"),
        pl.when(ok)
        .then(pl.when(pl.col("_c") % 2 == 1).then(pl.lit("M")).otherwise(pl.lit("F")))
        .alias("_sex"),
    )
    future = pl.lit(False) if today is None else (pl.col("_born") > pl.lit(today)).fill_null(False)
    return work.select(
        "_head",
        "_born",
        "_sex",
        pl.when(~pl.col("_cok"))
        .then(pl.lit("iin_century"))
        .when(~pl.col("_dok"))
        .then(pl.lit("iin_date"))
        .when(future)
        .then(pl.lit("iin_future"))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("_head_error"),
    )
