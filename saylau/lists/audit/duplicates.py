"""``PROBABLE_DUPLICATE_PERSON``: two or more list lines with different IINs that are very
likely one person (a voter is included in one list only: election law Art. 24).

How it decides, and why it stays precise (a false duplicate takes a vote away):

1. **Who can be one person.** The same person turns up on two lines under two IINs in two
   ways: a line whose IIN was mistyped (the IIN is invalid, names nobody, or names another
   registry person: law-notes section 6, a typo in the serial often keeps the check digit
   valid), or a *second registry record* of the person (a new IIN, often another address),
   written in the other spelling of the name, with the maiden surname, or with day and month
   of birth swapped. So the IINs and addresses of a pair are evidence, never a requirement.
2. **Blocking** (:data:`BLOCKING_KEYS`). Lines are compared only when they share a blocking
   key: the birth date with day and month in either order, plus the name skeletons
   (Cyrillic, Kazakh and Latin spellings meet: :func:`saylau.lists.names.skeleton_expr`) of
   the first name and the surname, or of the first name and the patronymic; a loose line
   (see below) also on the first name or the surname alone. Keys held by more than
   ``duplicate_max_block`` lines are skipped (no single person hides in such a crowd of
   namesakes). The birth date is the list's, else the one the IIN encodes, else the
   registry's.
3. **Deciding** with rapidfuzz (normalised Levenshtein similarity, 0-100, of the skeletons)
   of last name, first name and canonical patronymic:
   * the first names agree (>= ``duplicate_name_similarity``) -- adult twins share surname,
     patronymic, birth date and address but never a first name, so they stay apart;
   * the patronymics agree when both are given, and the sexes (registry, IIN or patronymic)
     do not contradict each other -- other fathers, other people;
   * and either the last names agree too and the birth dates are equal,
   * or day and month of birth are swapped, the full name is spelt exactly alike and both
     lines are in precincts of one district (one registering akimat),
   * or the last names differ (maiden and married surname) for a woman with the same
     patronymic (both given) and birth date, both lines in one district,
   * or a line with a loose IIN (invalid, unknown, or naming someone else) and another line
     at most two digits apart have the same birth date and names at least
     ``duplicate_name_similarity`` alike.
   Namesakes (same full name, other birth date) never share a blocking key.
4. Pairs join into groups (connected components); one finding names every line, ``iins``
   the registry persons among them, and ``evidence`` each pair's score and reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import polars as pl

from saylau.lists.names import map_distinct, skeleton_expr

from .model import LINE_STRUCT, make_findings
from .pair import score_pair
from .prepare import Prepared

__all__ = [
    "BLOCKING_KEYS",
    "accepted_pairs",
    "duplicate_findings",
    "line_features",
    "probable_duplicate_person",
    "score_pair",
]

#: The blocking keys, in one table (the Spark engine runs the same): lines are compared when
#: they share the birth-date key ``bd_key`` (year, day and month in either order) and the
#: skeletons in these columns, none empty; with ``True``, only pairs with a loose line (see
#: the module doc). They are exactly as wide as the rules of :func:`score_pair` need: a rule
#: for two registered spellings wants the first name and the surname or the patronymic
#: alike; only a loose line (a mistyped IIN) may differ in one of its names. Blocks on the
#: first name alone would grow with the square of the register (a national register has
#: ~400 people born on each day, and small name pools).
BLOCKING_KEYS: Final[tuple[tuple[tuple[str, ...], bool], ...]] = (
    (("sk_first", "sk_last"), False),
    (("sk_first", "sk_pat"), False),
    (("sk_first",), True),
    (("sk_last",), True),
)

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


def _patronymic_sex(col: pl.Expr) -> pl.Expr:
    """The sex a canonical patronymic gives (``... кызы`` a woman, ``... улы`` a man)."""
    return (
        pl.when(col.str.ends_with(" кызы"))
        .then(pl.lit("F"))
        .when(col.str.ends_with(" улы"))
        .then(pl.lit("M"))
    )


def _candidate_pairs(feats: pl.DataFrame, max_block: int) -> pl.DataFrame:
    """Pairs of rows (a < b) sharing a key of :data:`BLOCKING_KEYS`, with different IINs.

    A key held by more than ``max_block`` lines is skipped (no single person hides in such a
    crowd of namesakes).
    """
    found = []
    for columns, loose_only in BLOCKING_KEYS:
        key = ["bd_key", *columns]
        given = pl.all_horizontal(pl.col(c) != "" for c in columns)
        keyed = (
            feats.select("row", "iin", "loose", *key)
            .filter(pl.col("bd_key").is_not_null() & given)
            .filter(pl.len().over(key).is_between(2, max_block))  # a lone line has no pair
        )
        left = keyed.filter(pl.col("loose")) if loose_only else keyed
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
    return pl.concat(found).unique()


def _plausible(pairs: pl.DataFrame, feats: pl.DataFrame) -> pl.DataFrame:
    """Only the pairs some rule of :func:`score_pair` can accept (a vectorised pre-filter)."""
    side = feats.select(
        "row", "sk_first", "sk_last", "sk_pat", "bd", "sex", "loose", "spelling", "district"
    )
    joined = pairs.join(side, left_on="a", right_on="row").join(
        side, left_on="b", right_on="row", suffix="_b"
    )

    def same(col: str) -> pl.Expr:
        return (pl.col(col) == pl.col(f"{col}_b")).fill_null(False)

    both_pat = (pl.col("sk_pat") != "") & (pl.col("sk_pat_b") != "")
    sex_ok = pl.col("sex").is_null() | pl.col("sex_b").is_null() | same("sex")
    one_office = pl.col("district").is_null() | pl.col("district_b").is_null() | same("district")
    keep = sex_ok & (
        (same("bd") & same("sk_first") & same("sk_last") & (same("sk_pat") | ~both_pat))
        | (~same("bd") & same("spelling") & one_office)
        | (same("bd") & same("sk_first") & both_pat & same("sk_pat") & one_office)
        | (same("bd") & (pl.col("loose") | pl.col("loose_b")))
    )
    return joined.filter(keep).select("a", "b").sort("a", "b")


def _components(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _rows_info(feats: pl.DataFrame, rows: pl.Series) -> dict[int, dict[str, Any]]:
    return {
        r["row"]: r
        for r in feats.filter(pl.col("row").is_in(rows.implode()))
        .select(_COLS)
        .iter_rows(named=True)
    }


def accepted_pairs(
    feats: pl.DataFrame, *, max_block: int, threshold: float
) -> list[tuple[int, int, dict[str, Any]]]:
    """The pairs of rows ``(a, b, evidence)``, ``a < b``, that :func:`score_pair` accepts,
    sorted. Every candidate pair shares its birth-date key (``bd_key``), so ``feats`` may be
    one block of lines with equal ``bd_key`` (the Spark engine, :mod:`.spark`, runs it so)."""
    pairs = _plausible(_candidate_pairs(feats, max_block), feats)
    if pairs.height == 0:
        return []
    info = _rows_info(feats, pl.concat([pairs["a"], pairs["b"]]).unique())
    accepted: list[tuple[int, int, dict[str, Any]]] = []
    for a, b in pairs.iter_rows():
        ev = score_pair(info[a], info[b], threshold=threshold)
        if ev is not None:
            accepted.append((a, b, ev))
    return accepted


def probable_duplicate_person(p: Prepared) -> pl.DataFrame:
    feats = line_features(p.lines)
    accepted = accepted_pairs(
        feats,
        max_block=p.config.duplicate_max_block,
        threshold=100 * p.config.duplicate_name_similarity,
    )
    return duplicate_findings(feats, accepted)


def duplicate_findings(
    feats: pl.DataFrame, accepted: list[tuple[int, int, dict[str, Any]]]
) -> pl.DataFrame:
    """Accepted pairs joined into groups (connected components), one finding per group;
    ``feats`` needs only the rows the pairs name."""
    if not accepted:
        return make_findings(
            pl.DataFrame(), "PROBABLE_DUPLICATE_PERSON", message=pl.lit(""), evidence=pl.lit("")
        )
    rows = [x for a, b, _ in accepted for x in (a, b)]
    involved = pl.Series("row", rows, dtype=feats["row"].dtype).unique()
    info = _rows_info(feats, involved)
    groups = _components((a, b) for a, b, _ in accepted)
    members: dict[int, list[int]] = {}
    for row, root in groups.items():
        members.setdefault(root, []).append(row)
    out: list[dict[str, Any]] = []
    for root, rows in sorted(members.items()):
        iins = sorted({info[r]["iin"] for r in rows if info[r]["in_registry"]})
        if len({info[r]["iin"] for r in rows}) < 2:
            continue
        rows.sort(key=lambda r: (info[r]["precinct_no"], info[r]["line_no"]))
        pair_ev = [
            {
                "lines": [
                    {"precinct_no": info[x]["precinct_no"], "line_no": info[x]["line_no"]}
                    for x in (a, b)
                ],
                **ev,
            }
            for a, b, ev in accepted
            if groups[a] == root
        ]
        score = min(e["score"] for e in pair_ev)
        where = "; ".join(f"{info[r]['precinct_no']}/{info[r]['line_no']}" for r in rows)
        out.append(
            {
                "lines": [
                    {"precinct_no": info[r]["precinct_no"], "line_no": info[r]["line_no"]}
                    for r in rows
                ],
                "iins": iins,
                "message": f"List lines {where} are probably the same person (score {score:.2f})",
                "evidence": {"score": score, "pairs": pair_ev},
                "_root": root,
            }
        )
    if not out:
        return make_findings(
            pl.DataFrame(), "PROBABLE_DUPLICATE_PERSON", message=pl.lit(""), evidence=pl.lit("")
        )
    import json

    frame = pl.DataFrame(
        {
            "lines": [o["lines"] for o in out],
            "iins": [o["iins"] for o in out],
            "message": [o["message"] for o in out],
            "evidence": [json.dumps(o["evidence"], ensure_ascii=False) for o in out],
        },
        schema={
            "lines": pl.List(LINE_STRUCT),
            "iins": pl.List(pl.String),
            "message": pl.String,
            "evidence": pl.String,
        },
    )
    return make_findings(
        frame,
        "PROBABLE_DUPLICATE_PERSON",
        lines=pl.col("lines"),
        iins=pl.col("iins"),
        message=pl.col("message"),
        evidence=pl.col("evidence"),
    )
