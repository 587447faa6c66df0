"""How two list lines compare, field by field: the *level* of each comparison (the first
names agree exactly, are similar, close, or differ; the IINs are one slip apart; ...), the
input of the linkage model (:mod:`.linkage`)."""

from __future__ import annotations

from typing import Final

import polars as pl
from rapidfuzz.distance import OSA, Levenshtein

__all__ = ["LEVELS", "TF_FIELDS", "compare"]

#: The comparisons and their levels, in order. ``exact`` levels are term-frequency adjusted.
LEVELS: Final[dict[str, tuple[str, ...]]] = {
    "first": ("exact", "similar", "close", "other"),
    "last": ("exact", "similar", "other_f", "other_m"),
    "pat": ("exact", "missing", "similar", "other"),
    "date": ("equal", "swap_iin", "swap"),
    "iin": (
        "invalid_close",
        "invalid_far",
        "invalid_owned",
        "loose_close",
        "loose_far",
        "registered",
        "invalid_near",
    ),
    "place": ("same_address", "same_district", "other_district"),
    "family": ("both", "one_alone", "both_alone"),
}
#: The name comparisons whose exact agreement is weighed by the name's frequency.
TF_FIELDS: Final = {"first": "sk_first", "last": "sk_last", "pat": "sk_pat"}
_SIMILAR = 0.85
_CLOSE = 0.65  # two slips in a name of six letters (Улугбек/Улушбек); twins differ more


def _similar(x: str | None, y: str | None) -> float:
    """Similarity (0-1) of two skeletons; one typed letter wrong, missing, extra or two
    neighbours swapped in a name of four letters or more counts as :data:`_SIMILAR` at least
    (Сәуле/Сайуле, Андрей/Амдрей: a clerk's slip, while twins' names differ by more)."""
    a, b = x or "", y or ""
    sim = float(Levenshtein.normalized_similarity(a, b))
    if min(len(a), len(b)) >= 4 and OSA.distance(a, b, score_cutoff=1) <= 1:
        return max(sim, _SIMILAR)
    return sim


def _sim_column(pairs: pl.DataFrame, a: str, b: str) -> pl.Series:
    """Similarity (0-1) of two skeleton columns, computed once per distinct pair of values."""
    distinct = pairs.select(pl.col(a).alias("x"), pl.col(b).alias("y")).unique()
    sims = [_similar(x, y) for x, y in distinct.iter_rows()]
    table = distinct.with_columns(pl.Series("sim", sims, dtype=pl.Float64))
    joined = pairs.select(pl.col(a).alias("x"), pl.col(b).alias("y")).join(
        table, on=["x", "y"], how="left", nulls_equal=True, maintain_order="left"
    )
    return joined["sim"].fill_null(0.0)


def _iin_slips(pairs: pl.DataFrame, unsure: pl.Series) -> pl.Series:
    """How many slips apart two IINs are -- a digit changed, dropped or added, or two
    neighbours swapped (optimal string alignment distance): 1, 2, or 3 for more -- for the
    pairs where one IIN is not a registered person's (``unsure``); 3 for the others (not
    needed, not computed)."""
    some = pairs.select(pl.col("iin").alias("x"), pl.col("iin_b").alias("y")).filter(unsure)
    distinct = some.unique()
    near = [
        3 if x is None or y is None else min(3, OSA.distance(x, y, score_cutoff=3))
        for x, y in distinct.iter_rows()
    ]
    table = distinct.with_columns(pl.Series("near", near, dtype=pl.Int32))
    joined = pairs.select(pl.col("iin").alias("x"), pl.col("iin_b").alias("y")).join(
        table, on=["x", "y"], how="left", nulls_equal=True, maintain_order="left"
    )
    return pl.select(
        pl.when(pl.lit(unsure)).then(pl.lit(joined["near"]).fill_null(3)).otherwise(3)
    ).to_series()


def compare(pairs: pl.DataFrame) -> pl.DataFrame:
    """The level (an index into :data:`LEVELS`) of every comparison of every pair.

    ``pairs`` holds the feature columns of both lines (those of
    :func:`.duplicates.line_features`, the second line's with the suffix ``_b``).
    """
    sims = {f: _sim_column(pairs, c, f"{c}_b") for f, c in TF_FIELDS.items()}

    def eq(c: str) -> pl.Expr:
        return (pl.col(c) == pl.col(f"{c}_b")).fill_null(False)

    def given(c: str) -> pl.Expr:
        return (pl.col(c).fill_null("") != "") & (pl.col(f"{c}_b").fill_null("") != "")

    female = (pl.col("sex") == "F").fill_null(False) | (pl.col("sex_b") == "F").fill_null(False)
    frame = pairs.with_columns(
        pl.Series("_sim_first", sims["first"]),
        pl.Series("_sim_last", sims["last"]),
        pl.Series("_sim_pat", sims["pat"]),
    )
    first = (
        pl.when(eq("sk_first") & given("sk_first"))
        .then(0)
        .when(pl.col("_sim_first") >= _SIMILAR)
        .then(1)
        .when(pl.col("_sim_first") >= _CLOSE)
        .then(2)
        .otherwise(3)
    )
    last = (
        pl.when(eq("sk_last") & given("sk_last"))
        .then(0)
        .when(pl.col("_sim_last") >= _SIMILAR)
        .then(1)
        .when(female)
        .then(2)
        .otherwise(3)
    )
    pat = (
        pl.when(~given("sk_pat"))
        .then(1)
        .when(eq("sk_pat"))
        .then(0)
        .when(pl.col("_sim_pat") >= _SIMILAR)
        .then(2)
        .otherwise(3)
    )
    supported = (pl.col("iin_bd") == pl.col("bd_b")).fill_null(False) | (
        pl.col("iin_bd_b") == pl.col("bd")
    ).fill_null(False)
    date = pl.when(eq("bd")).then(0).when(supported).then(1).otherwise(2)
    invalid = ~pl.col("iin_ok").fill_null(False) | ~pl.col("iin_ok_b").fill_null(False)
    loose = pl.col("loose").fill_null(True) | pl.col("loose_b").fill_null(True)
    frame = frame.with_columns(_iin_slips(frame, frame.select(loose)["loose"]).alias("_close"))
    close = pl.col("_close") == 1

    # A typed line owned by a registry person (one slip from its IIN, its first name, birth date,
    # and surname or patronymic) is that person's: owned by someone other than the other line's person, it is
    # another person's line, even where the other IIN is one slip away too.
    def owned_by_another(x: str, y: str) -> pl.Expr:
        return ((pl.col(f"owner{x}") != pl.col(f"iin{y}").fill_null(""))
                & (pl.col(f"owner{x}") != pl.col(f"owner{y}").fill_null(""))).fill_null(False)  # fmt: skip

    owned = owned_by_another("", "_b") | owned_by_another("_b", "")
    iin = (
        pl.when(invalid & owned).then(2).when(invalid & close).then(0)
        .when(invalid & (pl.col("_close") == 2)).then(6).when(invalid).then(1)
        .when(loose & close).then(3).when(loose).then(4).otherwise(5)
    )  # fmt: skip
    place = (
        pl.when(eq("address_id") & given("address_id"))
        .then(0)
        .when(eq("district") | pl.col("district").is_null() | pl.col("district_b").is_null())
        .then(1)
        .otherwise(2)
    )
    family = (
        2
        - pl.col("family").cast(pl.Int32).fill_null(0)
        - pl.col("family_b").cast(pl.Int32).fill_null(0)
    )
    return frame.with_columns(
        first.alias("lv_first"),
        last.alias("lv_last"),
        pat.alias("lv_pat"),
        date.alias("lv_date"),
        iin.alias("lv_iin"),
        place.alias("lv_place"),
        family.alias("lv_family"),
        pl.col("_sim_first").alias("sim_first"),
        pl.col("_sim_last").alias("sim_last"),
        pl.col("_sim_pat").alias("sim_pat"),
        (pl.col("sex").is_not_null() & pl.col("sex_b").is_not_null() & ~eq("sex")).alias(
            "sex_conflict"
        ),
    ).drop("_sim_first", "_sim_last", "_sim_pat", "_close")
