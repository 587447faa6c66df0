"""Whose is a mistyped IIN? The registry person one slip away with the line's name and date.

A line whose IIN is invalid was typed by hand; if a registry person's IIN is one slip from
it -- a digit changed, dropped, added, or two neighbours swapped -- and that person has the
line's first name and birth date and its surname or patronymic, the line is theirs (a first
name and a birth date alone are shared by some 16 people of a national register: one of them
one slip from an IIN typed with two slips is no rare chance). So when such a line looks like a
namesake's line (same names, same birth date) but its *owner* is someone else, the two
lines are two people: the namesake is not the person whose IIN was mistyped. The look-up
touches only the invalid lines (a few in ten thousand) and the registry persons whose IIN is
one of their neighbours: linear in the register.

>>> sorted(one_slip("12"))[:6]  # 0 added, 1 changed to 0, 2 dropped, 2 changed, 0 added, ...
['012', '02', '1', '10', '102', '11']
>>> "21" in one_slip("12") and "120" in one_slip("12")  # swapped, added at the end
True
"""

from __future__ import annotations

import polars as pl

from saylau.law.iin import WEIGHTS_FIRST, WEIGHTS_SECOND
from saylau.lists.names import canonical_patronymic_expr, map_distinct, skeleton_expr

__all__ = ["invalid_lines", "neighbours", "one_slip", "one_slip_expr", "owners_of", "with_owners"]

_DIGITS = "0123456789"


def one_slip(iin: str) -> set[str]:
    """Every string one slip from ``iin``: a digit changed, dropped or added, or two
    neighbours swapped."""
    out = {iin[:i] + d + iin[i + 1 :] for i in range(len(iin)) for d in _DIGITS}
    out |= {iin[:i] + iin[i + 1 :] for i in range(len(iin))}
    out |= {iin[:i] + d + iin[i:] for i in range(len(iin) + 1) for d in _DIGITS}
    out |= {iin[:i] + iin[i + 1] + iin[i] + iin[i + 2 :] for i in range(len(iin) - 1)}
    out.discard(iin)
    return out


def one_slip_expr(iin: pl.Expr, longest: int = 13) -> pl.Expr:
    """:func:`one_slip` of a string column of at most ``longest`` characters, as a list
    column (each string once, ``iin`` itself left out): for the blocking of many lines at
    once, without a Python loop."""
    out = []
    for i in range(longest + 1):
        head, rest = iin.str.slice(0, i), iin.str.slice(i)
        tail = iin.str.slice(i + 1)
        out += [pl.concat_str(head, pl.lit(d), tail) for d in _DIGITS]  # changed
        out += [pl.concat_str(head, pl.lit(d), rest) for d in _DIGITS]  # added
        out.append(pl.concat_str(head, tail))  # dropped
        out.append(pl.concat_str(head, iin.str.slice(i + 1, 1), iin.str.slice(i, 1),
                                 iin.str.slice(i + 2)))  # swapped  # fmt: skip
    near = pl.concat_list(out).list.unique()
    return near.list.set_difference(pl.concat_list(iin))


def invalid_lines(feats: pl.DataFrame) -> pl.DataFrame:
    """The lines whose IIN is written but invalid: ``row``, ``iin``, the name skeletons,
    ``bd_key``."""
    return feats.filter(~pl.col("iin_ok").fill_null(True) & pl.col("iin").is_not_null()).select(
        "row",
        pl.col("iin").cast(pl.String),
        *(pl.col(c).cast(pl.String) for c in ("sk_first", "sk_last", "sk_pat")),
        "bd_key",
    )


def neighbours(bad: pl.DataFrame) -> pl.DataFrame:
    """``(row, owner)``: every valid IIN one slip from each line of ``bad``."""
    near = (
        bad.select("row", one_slip_expr(pl.col("iin")).alias("owner"))
        .explode("owner")
        .filter(pl.col("owner").str.contains(r"^[0-9]{12}$"))
    )
    d = [pl.col("owner").str.slice(i, 1).cast(pl.Int32) for i in range(12)]
    s1 = sum((w * x for w, x in zip(WEIGHTS_FIRST, d[:11], strict=True)), pl.lit(0)) % 11
    s2 = sum((w * x for w, x in zip(WEIGHTS_SECOND, d[:11], strict=True)), pl.lit(0)) % 11
    check = pl.when(s1 == 10).then(s2).otherwise(s1)  # 10 twice: never issued
    return near.filter((check != 10) & (check == d[11])).select(
        pl.col("row").cast(bad.schema["row"]), pl.col("owner").cast(pl.String)
    )


def owners_of(bad: pl.DataFrame, near: pl.DataFrame, persons: pl.DataFrame) -> pl.DataFrame:
    """``(row, owner)`` of the lines of ``bad`` that a person of ``persons`` (``iin``,
    ``last_name``, ``first_name``, ``patronymic``, ``birth_date``; only those among ``near``
    matter) owns: one slip away, the line's first name and birth date, and its surname or
    patronymic; of several, the one whose surname and patronymic both agree."""
    reg = (  # the few persons among the neighbours first: names as text only for them
        persons.select("iin", "last_name", "first_name", "patronymic", "birth_date")
        .join(
            near.select(pl.col("owner").unique().cast(persons.schema["iin"])),
            left_on="iin",
            right_on="owner",
            how="semi",
        )
        .with_columns(
            pl.col(c).cast(pl.String) for c in ("iin", "last_name", "first_name", "patronymic")
        )
    )
    for source, target, fn in (
        ("first_name", "_sk", skeleton_expr),
        ("last_name", "_sk_last", skeleton_expr),
        ("patronymic", "_sk_pat", lambda c: skeleton_expr(canonical_patronymic_expr(c))),
    ):
        reg = map_distinct(reg, source, fn, target)
    bd = pl.col("birth_date")
    month, dom = bd.dt.month().cast(pl.Int32), bd.dt.day().cast(pl.Int32)
    reg = reg.select(
        pl.col("iin").alias("owner"),
        pl.col("_sk").alias("sk_first"),
        "_sk_last",
        "_sk_pat",
        (bd.dt.year().cast(pl.Int32) * 10_000 + pl.min_horizontal(month, dom) * 100
         + pl.max_horizontal(month, dom)).alias("bd_key"),
    )  # fmt: skip
    agree = (pl.col("_sk_last") == pl.col("sk_last")).fill_null(False).cast(pl.Int32) + (
        pl.col("_sk_pat") == pl.col("sk_pat")
    ).fill_null(False).cast(pl.Int32)
    return (
        near.join(bad.with_columns(pl.col("bd_key").cast(pl.Int32)), on="row")
        .join(reg, on=["owner", "sk_first", "bd_key"], how="inner")
        .filter(agree >= 1)
        .sort("row", agree, "owner", descending=[False, True, False])
        .group_by("row", maintain_order=True)
        .agg(pl.col("owner").first())
    )


def with_owners(feats: pl.DataFrame, persons: pl.DataFrame) -> pl.DataFrame:
    """``feats`` (:func:`.duplicates.line_features`) with ``owner``: for a line whose IIN is
    invalid, the IIN of a registry person one slip away with the line's first-name skeleton,
    birth date (either order of day and month), and surname or patronymic, else null. ``persons``: the registry as
    read (``iin`` and the names and birth date)."""
    bad = invalid_lines(feats)
    if bad.height == 0 or persons.height == 0:
        return feats.with_columns(pl.lit(None, dtype=pl.String).alias("owner"))
    owners = owners_of(bad, neighbours(bad), persons)
    # Looked up by row and added as a column: no copy of every feature of every line.
    found = pl.col("row").replace_strict(
        owners["row"], owners["owner"], default=None, return_dtype=pl.String
    )
    return feats.with_columns(found.alias("owner"))
