"""Accepted pairs into findings: groups in which every two lines are an accepted pair (no
chaining of namesakes through a third line), one ``PROBABLE_DUPLICATE_PERSON`` finding each."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from .model import LINE_STRUCT, make_findings

__all__ = ["duplicate_findings"]

_INFO = ("row", "precinct_no", "line_no", "iin", "in_registry")


def _cliques(
    accepted: list[tuple[int, int, dict[str, Any]]],
) -> list[list[tuple[int, int, dict[str, Any]]]]:
    """Accepted pairs grouped so that every two lines of a group are an accepted pair:
    strongest pairs first, a pair joins two groups only if all their cross pairs were
    accepted too (no chaining of namesakes through a third line)."""
    edges = {(a, b): ev for a, b, ev in accepted}
    group_of: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    for a, b, _ in sorted(accepted, key=lambda e: (-e[2]["score"], e[0], e[1])):
        ga, gb = group_of.get(a), group_of.get(b)
        left = members[ga] if ga is not None else {a}
        right = members[gb] if gb is not None else {b}
        if ga is not None and ga == gb:
            continue
        if not all((min(x, y), max(x, y)) in edges for x in left for y in right):
            continue
        merged = left | right
        gid = min(merged)
        for g in (ga, gb):
            if g is not None:
                members.pop(g, None)
        members[gid] = merged
        for x in merged:
            group_of[x] = gid
    out = []
    for gid in sorted(members):
        rows = members[gid]
        out.append([(a, b, ev) for (a, b), ev in edges.items() if a in rows and b in rows])
    return out


def _rows_info(feats: pl.DataFrame, rows: pl.Series) -> dict[int, dict[str, Any]]:
    return {
        r["row"]: r
        for r in feats.filter(pl.col("row").is_in(rows.cast(feats["row"].dtype).implode()))
        .select(_INFO)
        .iter_rows(named=True)
    }


def duplicate_findings(
    feats: pl.DataFrame, accepted: list[tuple[int, int, dict[str, Any]]]
) -> pl.DataFrame:
    """Accepted pairs joined into groups (cliques, :func:`_cliques`), one finding per group;
    ``feats`` needs only the rows the pairs name."""
    empty = make_findings(
        pl.DataFrame(), "PROBABLE_DUPLICATE_PERSON", message=pl.lit(""), evidence=pl.lit("")
    )
    if not accepted:
        return empty
    rows = [x for a, b, _ in accepted for x in (a, b)]
    info = _rows_info(feats, pl.Series("row", rows).unique())
    out: list[dict[str, Any]] = []
    for pairs in _cliques(accepted):
        members = sorted(
            {x for a, b, _ in pairs for x in (a, b)},
            key=lambda r: (info[r]["precinct_no"], info[r]["line_no"]),
        )
        iins = sorted({info[r]["iin"] for r in members if info[r]["in_registry"]})
        pair_ev = [
            {
                "lines": [
                    {"precinct_no": info[x]["precinct_no"], "line_no": info[x]["line_no"]}
                    for x in (a, b)
                ],
                **ev,
            }
            for a, b, ev in sorted(pairs, key=lambda e: (e[0], e[1]))
        ]
        low = min(e["score"] for e in pair_ev)
        where = "; ".join(f"{info[r]['precinct_no']}/{info[r]['line_no']}" for r in members)
        out.append(
            {
                "lines": [
                    {"precinct_no": info[r]["precinct_no"], "line_no": info[r]["line_no"]}
                    for r in members
                ],
                "iins": iins,
                "message": f"List lines {where} are probably the same person (score {low:.2f})",
                "evidence": {"score": low, "pairs": pair_ev},
            }
        )
    if not out:
        return empty
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
