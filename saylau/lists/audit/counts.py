"""What the linkage model is fitted from, as counts that add up over parts of a register:
name frequencies, the levels of random pairs, the pairs the prior is a share of."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .comparison import LEVELS, TF_FIELDS, compare

__all__ = ["JOINT", "VALUE_FIELDS", "RegisterCounts", "register_counts", "value_key"]


@dataclass(frozen=True)
class RegisterCounts:
    """What the model is fitted from, as counts that add up over parts of the register
    holding whole birth-date blocks (``bd_key``): so the Spark engine counts partition by
    partition and gets the numbers of one pass exactly.

    ``values``: lines per (field, sex, value) for the names and their combinations (``value``:
    :func:`value_key`);
    ``levels``: random pairs per level of each comparison (the lines of one sex and one
    birth-date key in a seeded hash order, paired first with second, third with fourth);
    ``pairs``: same-sex pairs sharing a birth-date key (what the prior is a share of).
    """

    values: pl.DataFrame
    levels: dict[str, list[int]]
    pairs: int

    @staticmethod
    def merge(parts: list[RegisterCounts]) -> RegisterCounts:
        # Field by field: a national register's parts hold millions of values each.
        values = pl.concat(
            [
                pl.concat([p.values.filter(pl.col("field") == f).drop("field") for p in parts])
                .group_by("sex", "value")
                .agg(pl.col("len").sum())
                .select(pl.lit(f).alias("field"), "sex", "value", "len")
                for f in VALUE_FIELDS
            ]
        )
        levels = {k: [sum(p.levels[k][i] for p in parts) for i in range(len(v))]
                  for k, v in LEVELS.items()}  # fmt: skip
        return RegisterCounts(values=values, levels=levels, pairs=sum(p.pairs for p in parts))


def value_key(cols: tuple[str, ...]) -> pl.Expr:
    """The key of a name, or of a combination of names, in ``RegisterCounts.values``: a 64-bit
    hash of its text (a national register has millions of distinct full names; their text,
    counted part by part, took more memory than anything else in the duplicate stage)."""
    text = [pl.col(c).cast(pl.String).fill_null("") for c in cols]
    return pl.concat_str(text, separator="|").hash(seed=13)


JOINT = {"first_last": ("sk_first", "sk_last"), "first_pat": ("sk_first", "sk_pat"),
          "full": ("sk_first", "sk_last", "sk_pat")}  # fmt: skip
VALUE_FIELDS = {**{f: (c,) for f, c in TF_FIELDS.items()}, **JOINT}


def register_counts(feats: pl.DataFrame) -> RegisterCounts:
    """The :class:`RegisterCounts` of ``feats`` (whole birth-date blocks of lines)."""
    base = feats.select("sex", *TF_FIELDS.values())
    frames = []
    for name, cols in VALUE_FIELDS.items():
        # Counted on the columns as they are (categoricals: codes), keyed once per value.
        value = value_key(cols)
        frames.append(
            base.filter(pl.all_horizontal((pl.col(c) != "").fill_null(False) for c in cols))
            .group_by("sex", *cols)
            .agg(pl.len().cast(pl.Int64).alias("len"))
            .select(
                pl.lit(name).alias("field"),
                pl.col("sex").cast(pl.String).fill_null("?"),
                value.alias("value"),
                "len",
            )
            .group_by("field", "sex", "value")
            .agg(pl.col("len").sum())
        )
    sample = compare(_random_pairs(feats))
    levels = {
        k: [int((sample[f"lv_{k}"] == i).sum()) for i in range(len(v))] for k, v in LEVELS.items()
    }
    groups = (
        feats.filter(pl.col("bd_key").is_not_null())
        .group_by("bd_key", pl.col("sex").cast(pl.String))
        .len()
    )
    pairs = int((groups["len"].cast(pl.Int64) * (groups["len"].cast(pl.Int64) - 1) // 2).sum())
    return RegisterCounts(values=pl.concat(frames), levels=levels, pairs=pairs)


def _random_pairs(feats: pl.DataFrame) -> pl.DataFrame:
    """Random pairs of lines of one sex and one birth-date key: the lines of each block in a
    seeded hash order of their list line (precinct and line number: the same in every
    engine), paired first with second, third with fourth
    (the population ``u`` is counted on; the same pairs in any partition of whole blocks)."""
    cols = [c for c in feats.columns if c != "row"]
    keyed = (
        feats.filter(pl.col("bd_key").is_not_null())
        .with_columns(
            pl.col("sex").cast(pl.String).fill_null("?"),
            pl.struct(pl.col("precinct_no").cast(pl.Int64), pl.col("line_no").cast(pl.Int64))
            .hash(seed=7)
            .alias("_h"),
        )
        .sort("bd_key", "sex", "_h", "precinct_no", "line_no")
        .with_columns(pl.int_range(pl.len()).over("bd_key", "sex").alias("_i"))
    )
    nxt = keyed.select(pl.all().shift(-1).name.suffix("_b"))
    pairs = pl.concat([keyed, nxt], how="horizontal").filter(
        (pl.col("bd_key") == pl.col("bd_key_b"))
        & (pl.col("sex") == pl.col("sex_b"))
        & (pl.col("_i") % 2 == 0)
    )
    return pairs.select(*cols, *(f"{c}_b" for c in cols))
