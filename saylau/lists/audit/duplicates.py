"""``PROBABLE_DUPLICATE_PERSON``: two or more list lines with different IINs that are very
likely one person (a voter is included in one list only: election law Art. 24).

One person turns up on two lines under two IINs in two ways: a line whose IIN was mistyped
(invalid, naming nobody, or naming another registry person: law-notes section 6), or a
*second registry record* (a new IIN, another address) written in the other spelling of the
name, with the maiden surname, or with day and month of birth swapped. Namesakes -- two
people with the same first name, patronymic and birth date, even the same full name -- are
common in a real register (a national one has some 500 people born on each day), so no
rule on names alone can tell them apart: the evidence is weighed (:mod:`.linkage`).

1. **Blocking** (:data:`BLOCKING_KEYS`). Lines are compared only when they share the birth
   date with day and month in either order and more: the address and the first name; for a
   loose line (typed by hand), the whole name's skeletons (Cyrillic, Kazakh and Latin
   spellings meet: :func:`saylau.lists.names.skeleton_expr`; first name and surname where
   it gives no patronymic), or an IIN one slip from its own with its first name or surname.
   Keys held by more than ``duplicate_max_block`` lines are skipped; the pairs grow
   linearly with the register.
2. **Weighing** (:mod:`.linkage`): a Fellegi-Sunter model with term-frequency adjusted name
   agreement, ``u`` counted on random pairs of the register, ``m`` and the prior by EM; the
   score of a pair is the posterior probability that its lines are one person, weighed
   against the rival explanations of each line (:func:`.linkage.with_rivals`). Pairs scoring
   at least ``duplicate_min_score`` (0.5: more likely one person than two) are accepted.
3. **Groups without chaining**: accepted pairs join into a group only where every two lines
   of the group are an accepted pair (a clique), strongest pairs first; two namesakes both
   like a third line are not thereby one person. One finding per group names every line,
   ``iins`` the registry persons, ``evidence`` the score (the lowest pair's) and each pair's
   levels, weights and similarities.
"""

from __future__ import annotations

from typing import Any, Final

import polars as pl

from saylau.lists.names import map_distinct, skeleton_expr

from .cliques import duplicate_findings
from .linkage import (
    LinkageModel,
    RegisterCounts,
    compare,
    fit_model,
    register_counts,
    score,
    with_rivals,
)
from .owners import one_slip_expr, with_owners
from .pair import explain_pair
from .prepare import Prepared

__all__ = [
    "BLOCKING_KEYS",
    "accepted_pairs",
    "duplicate_findings",
    "line_features",
    "candidate_pairs",
    "counts_and_sides",
    "fit_duplicate_model",
    "probable_duplicate_person",
    "scored_pairs",
    "slip_pairs",
    "with_family",
    "with_sides",
]

#: The blocking keys, in one table (the Spark engine runs the same): lines are compared when
#: they share the birth-date key ``bd_key`` (year, day and month in either order) and the
#: values in these columns, none empty; ``"all"`` pairs any two such lines, ``"loose"`` only
#: pairs with a loose line, ``"loose, no patronymic"`` only with a loose line that gives no
#: patronymic. Besides, a loose line is compared with the lines of its ``bd_key`` whose IIN
#: is one slip from its own and that share its first name or surname (:func:`slip_pairs`).
#: A loose line (a typed one: an IIN invalid, naming nobody, or naming someone whose
#: registry data it does not carry) with another spelling, a maiden surname or a misspelt
#: name thus finds its person by the IIN it mistyped or at its address; with no usable IIN
#: and away from home, by its whole name. Each meets few lines (its namesakes on the whole
#: name), so the pairs grow linearly with the register; blocks on two names of three grew
#: faster (22,704 pairs at 4.4 M lines against 4,967, the same true pairs among them). Two
#: registered lines (an IIN is for life: namesakes) are compared only at one address: their
#: IINs weigh more than any name can (no such pair of another address scored above 0.02 in a
#: register of 4.4 M lines), and blocks of registered namesakes grow with the *square* of
#: the register (a national one has ~400 people born on each day and small name pools).
BLOCKING_KEYS: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("address_id", "sk_first"), "all"),
    (("sk_first", "sk_last", "sk_pat"), "loose"),
    (("sk_first", "sk_last"), "loose, no patronymic"),
)
#: A loose line's block may hold this many times ``max_block`` lines: it brings one line's
#: comparisons per line of the block, not the block's square.
LOOSE_BLOCK_FACTOR: Final = 50

_COLS = (
    "row",
    "precinct_no",
    "line_no",
    "iin",
    "bd",
    "sk_last",
    "sk_first",
    "sk_pat",
    "sex",
    "address_id",
    "in_registry",
    "loose",
    "spelling",
    "district",
    "iin_bd",
    "iin_ok",
)


def line_features(lines: pl.DataFrame) -> pl.DataFrame:
    """The columns the rules compare, one row per line of ``lines`` (:attr:`Prepared.lines`,
    or any subset of its rows: every value depends on its own row only)."""
    bd = pl.coalesce("birth_date", "iin_birth_date", "reg_birth_date")
    month, dom = bd.dt.month().cast(pl.Int32), bd.dt.day().cast(pl.Int32)
    bd_key = (
        bd.dt.year().cast(pl.Int32) * 10_000
        + pl.min_horizontal(month, dom) * 100
        + pl.max_horizontal(month, dom)
    )
    feats = map_distinct(lines, "pat_canon", _patronymic_sex, "_pat_sex")
    feats = feats.with_columns(
        bd.alias("bd"),
        bd_key.alias("bd_key"),
        pl.coalesce(
            pl.col("reg_sex").cast(pl.String), "iin_sex", pl.col("_pat_sex").cast(pl.String)
        ).alias("sex"),
        pl.col("precinct_district").cast(pl.String).alias("district"),
        pl.coalesce("iin_birth_date", _written_birth_date(pl.col("iin"))).alias("iin_bd"),
        pl.col("iin_error").is_null().alias("iin_ok"),
    )
    for source, target in (
        ("last_fold", "sk_last"),
        ("first_fold", "sk_first"),
        ("pat_canon", "sk_pat"),
        ("reg_last_fold", "_reg_last"),
        ("reg_first_fold", "_reg_first"),
    ):
        feats = map_distinct(feats, source, skeleton_expr, target)
    loose = ~(
        pl.col("in_registry")
        & (pl.col("birth_date").is_null() | (pl.col("birth_date") == pl.col("reg_birth_date")))
        & (pl.col("sk_first") == pl.col("_reg_first"))
        & (pl.col("sk_last") == pl.col("_reg_last"))
    ).fill_null(False)
    spelling = pl.concat_str(
        [
            pl.col(c).cast(pl.String).fill_null("")
            for c in ("last_name", "first_name", "patronymic")
        ],
        separator="|",
    )
    return feats.with_columns(loose.alias("loose"), spelling.alias("spelling")).select(
        *_COLS, "bd_key"
    )


def _written_birth_date(iin: pl.Expr) -> pl.Expr:
    """The birth date the first seven digits of an IIN spell, even where a later digit is
    mistyped (a clerk's slip in the serial keeps the date: the evidence for a swapped day
    and month)."""
    head = iin.str.slice(0, 7)
    century = head.str.slice(6, 1).cast(pl.Int32, strict=False)
    text = pl.concat_str(
        pl.when(century <= 2).then(pl.lit("18")).when(century <= 4).then(pl.lit("19"))
        .otherwise(pl.lit("20")),
        head.str.slice(0, 2), pl.lit("-"), head.str.slice(2, 2), pl.lit("-"),
        head.str.slice(4, 2),
    )  # fmt: skip
    return (
        pl.when(head.str.contains(r"^[0-9]{6}[1-6]$"))
        .then(text.str.strptime(pl.Date, "%Y-%m-%d", strict=False))
        .otherwise(pl.lit(None, dtype=pl.Date))
    )


def _patronymic_sex(col: pl.Expr) -> pl.Expr:
    """The sex a canonical patronymic gives (``... кызы`` a woman, ``... улы`` a man)."""
    return (
        pl.when(col.str.ends_with(" кызы"))
        .then(pl.lit("F"))
        .when(col.str.ends_with(" улы"))
        .then(pl.lit("M"))
    )


def candidate_pairs(feats: pl.DataFrame, max_block: int) -> pl.DataFrame:
    """Pairs of rows ``(a, b)``, ``a < b``, sharing a key of :data:`BLOCKING_KEYS`, with
    different IINs. A key held by more than ``max_block`` lines is skipped (for a loose
    line's key: :data:`LOOSE_BLOCK_FACTOR` times more)."""
    found = []
    for columns, which in BLOCKING_KEYS:
        key = ["bd_key", *columns]
        loose_only = which != "all"
        given = pl.all_horizontal((pl.col(c) != "").fill_null(False) for c in columns)
        cap = max_block * LOOSE_BLOCK_FACTOR if loose_only else max_block
        keyed = feats.select("row", "iin", "loose", *key, *({"sk_pat"} - set(key))).filter(
            pl.col("bd_key").is_not_null() & given
        )
        mine = pl.col("loose")
        if which == "loose, no patronymic":
            mine = mine & (pl.col("sk_pat") == "").fill_null(True)
        if loose_only:  # only the blocks a loose line is in
            keyed = keyed.join(keyed.filter(mine).select(key).unique(), on=key, how="semi")
        keyed = keyed.filter(pl.len().over(key).is_between(2, cap))  # a lone line has no pair
        left = keyed.filter(mine) if loose_only else keyed
        pairs = left.join(keyed, on=key, suffix="_b").filter(
            (pl.col("row") < pl.col("row_b"))
            if not loose_only
            else pl.col("row") != pl.col("row_b")
        )
        found.append(
            pairs.filter(
                pl.col("iin").is_null()
                | pl.col("iin_b").is_null()
                | (pl.col("iin") != pl.col("iin_b"))
            ).select(
                pl.min_horizontal("row", "row_b").alias("a"),
                pl.max_horizontal("row", "row_b").alias("b"),
            )
        )
    found.append(slip_pairs(feats))
    return pl.concat(found).unique().sort("a", "b")


def slip_pairs(feats: pl.DataFrame) -> pl.DataFrame:
    """Pairs ``(a, b)``, ``a < b``, of a loose line and a line of its birth-date key whose IIN
    is one slip from its own (:func:`.owners.one_slip`) and with its first name or surname:
    a typed line with a misspelt name and no patronymic finds its person; about 250 look-ups
    a loose line, linear in the register. (A serial one slip from a stranger's born the same
    day is common: without a name in common that is no evidence.)"""
    iin = pl.col("iin").cast(pl.String)
    names = [pl.col(c) for c in ("sk_first", "sk_last")]
    typed = feats.filter(pl.col("loose") & iin.is_not_null() & pl.col("bd_key").is_not_null())
    near = typed.select("row", "bd_key", *names, one_slip_expr(iin).alias("_iin")).explode("_iin")
    other = feats.filter(iin.is_not_null() & pl.col("bd_key").is_not_null()).select(
        pl.col("row").alias("row_b"),
        iin.alias("_iin"),
        "bd_key",
        *(n.name.suffix("_b") for n in names),
    )
    same = (pl.col("sk_first") == pl.col("sk_first_b")) | (pl.col("sk_last") == pl.col("sk_last_b"))
    return (
        near.join(other, on=["_iin", "bd_key"])
        .filter(same.fill_null(False))
        .select(
            pl.min_horizontal("row", "row_b").alias("a"),
            pl.max_horizontal("row", "row_b").alias("b"),
        )
    )


_SIDE = (
    "row",
    "iin",
    "bd",
    "bd_key",
    "iin_bd",
    "sk_first",
    "sk_last",
    "sk_pat",
    "sex",
    "loose",
    "iin_ok",
    "district",
    "address_id",
    "family",
    "owner",
)


def with_family(feats: pl.DataFrame) -> pl.DataFrame:
    """``feats`` with ``family``: another line at the line's address has its family name
    (the surname's skeleton without the feminine -a, -kizi/-uli): a person living with kin.
    A second registry record usually lives where none of its family does."""
    keyed = map_distinct(  # on the columns as they are: no text of every line
        feats.select("sk_last", "address_id"),
        "sk_last",
        lambda c: c.str.replace(r"(a|kizi|uli)$", ""),
        "_stem",
    )
    kin = pl.col("address_id").is_not_null() & (pl.col("_stem") != "")
    together: pl.Expr | list[str] = ["address_id", "_stem"]
    if all(keyed.schema[c] == pl.Categorical for c in ("address_id", "_stem")):
        codes = [pl.col(c).to_physical().cast(pl.UInt64) for c in ("address_id", "_stem")]
        together = codes[0] * (1 << 32) + codes[1]  # one integer key: a cheaper window
    flags = keyed.select((kin & (pl.len().over(together) >= 2)).fill_null(False))
    return feats.with_columns(flags.to_series().alias("family"))


def with_sides(pairs: pl.DataFrame, feats: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` (columns ``a``, ``b``) with the compared features of both lines."""
    side = feats.select(
        *(
            pl.col(c).cast(pl.String)
            if c in ("sk_first", "sk_last", "sk_pat", "sex", "district", "address_id")
            else pl.col(c)
            for c in _SIDE
        )
    )
    return (
        pairs.join(side, left_on="a", right_on="row")
        .join(side.rename({c: f"{c}_b" for c in _SIDE}), left_on="b", right_on="row_b")
        .sort("a", "b")
    )


def _complete(feats: pl.DataFrame) -> pl.DataFrame:
    """``feats`` with ``family`` and (null where not looked up) ``owner``."""
    if "owner" not in feats.columns:
        feats = feats.with_columns(pl.lit(None, dtype=pl.String).alias("owner"))
    return feats if "family" in feats.columns else with_family(feats)


def counts_and_sides(
    feats: pl.DataFrame, *, max_block: int, parts: int = 1
) -> tuple[RegisterCounts, pl.DataFrame]:
    """What the model is fitted from (:func:`.linkage.register_counts`) and the candidate
    pairs with both sides' features (:func:`with_sides`), computed in ``parts`` by a hash of
    the birth-date key, as the Spark engine does: every candidate pair and every random pair
    lies within one key, and the counts add up, so the result is the same, while the working
    tables of a national register are never held whole. ``feats`` must have ``family`` and
    ``owner`` (:func:`_complete`)."""
    part = feats.select((pl.col("bd_key").hash(seed=5) % parts).fill_null(0))
    counts: RegisterCounts | None = None
    sides = []
    for i in range(parts):
        piece = feats if parts == 1 else feats.filter(part.to_series() == i)
        here = register_counts(piece)
        counts = here if counts is None else RegisterCounts.merge([counts, here])  # as we go
        sides.append(with_sides(candidate_pairs(piece, max_block), piece))
        del piece, here
    assert counts is not None  # noqa: S101 (parts >= 1)
    return counts, pl.concat(sides).sort("a", "b")


def fit_duplicate_model(feats: pl.DataFrame, *, max_block: int) -> LinkageModel:
    """The linkage model of this register (:func:`.linkage.fit_model` on its candidates)."""
    return fit_model(*counts_and_sides(_complete(feats), max_block=max_block))


def accepted_pairs(
    feats: pl.DataFrame,
    *,
    max_block: int,
    min_score: float = 0.5,
    model: LinkageModel | None = None,
    parts: int = 1,
) -> list[tuple[int, int, dict[str, Any]]]:
    """The pairs of rows ``(a, b, evidence)``, ``a < b``, scoring at least ``min_score``,
    sorted. ``model`` defaults to the one fitted on ``feats``; every candidate pair shares
    its birth-date key (``bd_key``), so with a model fitted on the whole register ``feats``
    may be one block of lines with equal ``bd_key``, given the ``family`` column computed
    on the whole register (:func:`with_family`); ``owner`` (:func:`.owners.with_owners`)
    where the registry is at hand. ``parts``: see :func:`counts_and_sides`."""
    feats = _complete(feats)
    if model is None:
        counts, sides = counts_and_sides(feats, max_block=max_block, parts=parts)
        model = fit_model(counts, sides)
    else:
        sides = with_sides(candidate_pairs(feats, max_block), feats)
    return scored_pairs(sides, model, min_score=min_score)


def scored_pairs(
    sides: pl.DataFrame, model: LinkageModel, *, min_score: float
) -> list[tuple[int, int, dict[str, Any]]]:
    """The candidate pairs (:func:`with_sides`) scoring at least ``min_score``, with their
    evidence, sorted by ``a``, ``b``."""
    if sides.height == 0:
        return []
    scored = with_rivals(score(compare(sides.sort("a", "b")), model))
    scored = scored.sort("a", "b").filter(pl.col("score") >= min_score)
    return [(r["a"], r["b"], explain_pair(r, model)) for r in scored.iter_rows(named=True)]


def probable_duplicate_person(p: Prepared) -> pl.DataFrame:
    feats = with_owners(line_features(p.lines), p.persons)
    accepted = accepted_pairs(
        feats, max_block=p.config.duplicate_max_block, min_score=p.config.duplicate_min_score
    )
    return duplicate_findings(feats, accepted)
