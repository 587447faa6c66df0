"""PROBABLE_DUPLICATE_PERSON alone, on any region with an answer key: precision, recall,
what was missed (by the key's kind) and what was wrongly found (by the rule that fired),
the calibration of the scores, time and memory of the duplicate stage.

    .venv/bin/python benchmarks/audit_duplicates.py --dir REGION [--min-score 0.5]

``REGION`` is a directory in the audit's input format with ``expected_findings.jsonl``:
made by ``saylau demo-data --inject-errors`` or by the independent generator
``benchmarks/other_register.py`` (other name tables, other frequencies, another mix of
duplicates). Findings are compared by their set of lines (the key's ``iins`` convention
is the generator's own). Calibration: every candidate pair the blocking compares, by score
band, with the share that are one person in the key. Numbers go to docs/benchmarks.md by hand
with the machine and the load average printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl

from saylau.lists.audit import AuditConfig, read_inputs
from saylau.lists.audit.duplicates import (
    counts_and_sides,
    duplicate_findings,
    scored_pairs,
    with_family,
)
from saylau.lists.audit.linkage import (
    LEVELS,
    compare,
    fit_model,
    score,
    with_rivals,
)
from saylau.lists.audit.quality import read_jsonl
from saylau.lists.audit.run import duplicate_features


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--min-score", type=float, default=AuditConfig().duplicate_min_score)
    parser.add_argument("--show", type=int, default=6, help="examples of misses/false finds")
    args = parser.parse_args()
    region = json.loads((args.dir / "region.json").read_text(encoding="utf-8"))
    election = date.fromisoformat(region["election_date"])
    config = AuditConfig()
    print(f"load {os.getloadavg()}")
    t0, c0 = time.perf_counter(), _cpu()
    inputs = read_inputs(args.dir)
    feats = duplicate_features(inputs, election_date=election, config=config)
    t1, c1 = time.perf_counter(), _cpu()
    print(f"{feats.height:,} lines; read + features {t1 - t0:.1f} s ({c1 - c0:.1f} s CPU)")
    feats = with_family(feats)
    parts = -(-feats.height // config.partition_lines)  # as the audit does
    counts, sides = counts_and_sides(feats, max_block=config.duplicate_max_block, parts=parts)
    model = fit_model(counts, sides)
    accepted = scored_pairs(sides, model, min_score=args.min_score)
    found = duplicate_findings(feats, accepted)
    t2, c2 = time.perf_counter(), _cpu()
    print(
        f"duplicate stage {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU; {sides.height:,} candidate "
        f"pairs; prior {model.prior:.2e}; peak RSS {_peak_gib():.2f} GiB; load {os.getloadavg()}"
    )
    place = {
        (r["precinct_no"], r["line_no"]): r["row"]
        for r in feats.select("row", "precinct_no", "line_no").iter_rows(named=True)
    }
    expected = {}
    for f in read_jsonl(args.dir / "expected_findings.jsonl"):
        if f["check"] == "PROBABLE_DUPLICATE_PERSON":
            rows = frozenset(place[(x["precinct_no"], x["line_no"])] for x in f["lines"])
            expected[rows] = f["evidence"].get("kind", "?")
    got = {}
    for r in found.iter_rows(named=True):
        rows = frozenset(place[(x["precinct_no"], x["line_no"])] for x in r["lines"])
        got[rows] = json.loads(r["evidence"])
    correct = set(expected) & set(got)
    precision = len(correct) / len(got) if got else 1.0
    recall = len(correct) / len(expected) if expected else 1.0
    print(
        f"PROBABLE_DUPLICATE_PERSON expected {len(expected)} found {len(got)} correct "
        f"{len(correct)}: precision {precision:.3f} recall {recall:.3f}"
    )
    print("  recall by kind:", {
        k: f"{sum(1 for g, kk in expected.items() if kk == k and g in correct)}/{n}"
        for k, n in Counter(expected.values()).items()
    })  # fmt: skip
    false = [g for g in got if g not in correct]
    print("  false by rule:", Counter(p["kind"] for g in false for p in got[g]["pairs"]))
    info = feats.with_columns(pl.col(pl.Categorical).cast(pl.String))
    for title, groups in (("missed", [g for g in expected if g not in correct]), ("false", false)):
        for g in groups[: args.show]:
            print(f"  {title}: {expected.get(g, '')}")
            for r in info.filter(pl.col("row").is_in(sorted(g))).iter_rows(named=True):
                print(
                    f"    {r['iin']} {r['sk_last']} {r['sk_first']} {r['sk_pat']} {r['bd']} "
                    f"{r['sex']} {r['address_id']} loose={r['loose']} fam={r['family']}"
                )
            if g in got:
                print("    ", json.dumps(got[g]["pairs"][0]["weights"]), got[g]["score"])
            else:  # why not: the pair as the model weighs it (if the blocking compared it)
                a, b = sorted(g)[:2]
                pair = sides.filter((pl.col("a") == a) & (pl.col("b") == b))
                if pair.height == 0:
                    print("     not compared (no blocking key in common)")
                    continue
                r = score(compare(pair), model).row(0, named=True)
                levels = {k: LEVELS[k][r[f"lv_{k}"]] for k in LEVELS}
                weights = {k: round(r[f"w_{k}"], 2) for k in LEVELS}
                print(f"     score {r['score']:.3f} {levels} {weights} joint {r['w_joint']:.2f}")
    # Calibration over every candidate pair: is a pair scored s one person s of the time?
    truth = {(min(a, b), max(a, b)) for g in expected for a in g for b in g if a != b}
    # "score" (reported) weighs each pair against its lines' rival pairs; "pairwise" alone.
    scored = with_rivals(score(compare(sides), model)).select("a", "b", "score", "pairwise")
    label = pl.Series([(a, b) in truth for a, b in scored.select("a", "b").iter_rows()])
    for column in ("score", "pairwise"):
        bands = scored.with_columns(
            label.alias("one"), (pl.col(column) * 10).floor().clip(0, 9).alias("band")
        )
        table = bands.group_by("band").agg(
            pl.len().alias("pairs"),
            pl.col("one").mean().alias("one_person"),
            pl.col(column).mean().alias("mean"),
        )
        print(f"  calibration of {column} (band: pairs, share one person, mean score):")
        for band, pairs, share, mean in table.sort("band").iter_rows():
            print(f"    {band / 10:.1f}-{band / 10 + 0.1:.1f}: {pairs:7} {share:.3f} {mean:.3f}")


if __name__ == "__main__":
    main()
