"""PROBABLE_DUPLICATE_PERSON: Splink (on DuckDB) against saylau's own engine, in one run.

    .venv/bin/python benchmarks/audit_splink.py --dir /work/data/scale1 \\
        [--threshold 0.99] [--memory-limit 4GB] [--skip-ours]

Needs the optional group: ``uv sync --group splink``. Both engines start from the same
features of every list line (:func:`saylau.lists.audit.duplicate_features`: the IIN, the
birth date of the line / IIN / registry, name skeletons where Cyrillic, Kazakh and Latin
spellings meet, the canonical patronymic, sex, district), timed once as "features".

* **ours**: :func:`saylau.lists.audit.duplicates.accepted_pairs` (blocking on the birth date
  with day and month unordered plus a name skeleton; the Fellegi-Sunter model of
  :mod:`saylau.lists.audit.linkage` with term-frequency adjusted names, fitted on the
  register) and :func:`duplicate_findings` (cliques);
* **Splink** 5 (Fellegi-Sunter, DuckDB): IIN-aware blocking (birth-date key plus first or
  last name skeleton; the birth date the IIN encodes plus the surname) and comparisons (IIN
  within 1 or 2 edits, Jaro-Winkler on each name skeleton, birth date equal / day and month
  swapped, sex, district); u by random sampling, m by expectation maximisation on two
  blocking rules, pairs above ``--threshold`` clustered into connected components.

A group of lines with at least two different IINs is a finding (as the format says), its
``iins`` the registry persons among them; both engines are scored against
``expected_findings.jsonl`` (precision, recall, F1) and timed (wall and process CPU time;
peak RSS of the whole process is printed at each step). Numbers go to docs/benchmarks.md
by hand, with the load average printed before and after.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import time
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from saylau.lists.audit import AuditConfig, read_inputs
from saylau.lists.audit.duplicates import accepted_pairs, duplicate_findings
from saylau.lists.audit.model import finding_records
from saylau.lists.audit.quality import CheckScore, read_jsonl, score_findings
from saylau.lists.audit.run import duplicate_features

CHECK = "PROBABLE_DUPLICATE_PERSON"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


class Clock:
    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = _cpu()

    def lap(self, what: str) -> tuple[float, float]:
        wall, cpu = time.perf_counter() - self.wall, _cpu() - self.cpu
        print(f"  {what:48} {wall:7.1f} s wall {cpu:7.1f} s CPU  peak {_peak():.2f} GiB")
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return wall, cpu


def _score(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> CheckScore:
    scores = score_findings(expected, found)
    return scores.get(CHECK, CheckScore(0, 0, 0))


def _f1(s: CheckScore) -> float:
    p, r = s.precision, s.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def _groups_to_findings(feats: pl.DataFrame, clusters: pl.DataFrame) -> list[dict[str, Any]]:
    """Clusters (unique_id -> cluster_id) as findings keys: groups with two IINs or more."""
    joined = clusters.join(
        feats.select(
            pl.col("row").cast(pl.Int64).alias("unique_id"),
            "precinct_no",
            "line_no",
            "iin",
            "in_registry",
        ),
        on="unique_id",
    )
    out = []
    for group in joined.partition_by("cluster_id"):
        if group.height < 2 or group["iin"].n_unique() < 2:
            continue
        out.append(
            {
                "check": CHECK,
                "lines": [
                    {"precinct_no": int(p), "line_no": int(n)}
                    for p, n in zip(group["precinct_no"], group["line_no"], strict=True)
                ],
                "iins": sorted(set(group.filter(pl.col("in_registry"))["iin"].to_list())),
                "address_id": None,
                "precinct_no": None,
            }
        )
    return out


def run_splink(
    feats: pl.DataFrame, *, thresholds: list[float], memory_limit: str, clock: Clock
) -> dict[float, pl.DataFrame]:
    """Splink's clusters (``unique_id``, ``cluster_id``) of the lines in ``feats``, per
    match-probability threshold (one prediction at the lowest, clustered at each)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET threads = {os.cpu_count() or 2}")
    table = feats.select(
        pl.col("row").cast(pl.Int64).alias("unique_id"),
        pl.col("iin").fill_null(""),
        pl.col("iin").str.slice(0, 6).alias("iin_date"),
        pl.col("bd").cast(pl.String),
        "bd_key",
        *(pl.col(c).cast(pl.String) for c in ("sk_first", "sk_last", "sk_pat", "sex", "district")),
    ).to_arrow()
    con.register("lines_arrow", table)
    con.execute("CREATE TABLE lines AS SELECT * FROM lines_arrow")
    con.unregister("lines_arrow")
    del table
    db_api = DuckDBAPI(connection=con)
    birth = cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("bd"),
            cll.ExactMatchLevel("bd"),
            cll.CustomLevel('"bd_key_l" = "bd_key_r"', label_for_charts="day and month swapped"),
            cll.ElseLevel(),
        ],
    )
    other_iin = "l.iin <> r.iin"
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        # Two lines of one IIN are DUPLICATE_IIN, not this check: never compared.
        blocking_rules_to_generate_predictions=[
            {"blocking_rule": f"l.bd_key = r.bd_key AND l.sk_first = r.sk_first AND {other_iin}"},
            {"blocking_rule": f"l.bd_key = r.bd_key AND l.sk_last = r.sk_last AND {other_iin}"},
            {"blocking_rule": f"l.iin_date = r.iin_date AND l.sk_last = r.sk_last AND {other_iin}"},
        ],
        comparisons=[
            cl.LevenshteinAtThresholds("iin", [1, 2]),
            cl.JaroWinklerAtThresholds("sk_first", [0.95, 0.88]),
            cl.JaroWinklerAtThresholds("sk_last", [0.95, 0.88]),
            cl.JaroWinklerAtThresholds("sk_pat", [0.95, 0.88]),
            birth,
            cl.ExactMatch("sex"),
            cl.ExactMatch("district"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register("lines"), settings, log_level=logging.WARNING)
    clock.lap("splink: load the lines into DuckDB")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("bd", "sk_first", "sk_last", "sk_pat")], recall=0.9
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    # m of the IIN, birth date, sex and district from pairs of one full name; m of the names
    # from pairs of one birth date and patronymic. (Keeping pairs of one IIN out of these
    # blocks was tried: best F1 0.47 -> 0.33 at scale 1, docs/benchmarks.md.)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("sk_first", "sk_last", "sk_pat"), fix_u_probabilities=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("bd", "sk_pat"), fix_u_probabilities=True
    )
    clock.lap("splink: train (u sampling, EM x2)")
    predictions = linker.inference.predict(threshold_match_probability=min(thresholds))
    clock.lap("splink: predict (blocking + scoring)")
    out: dict[float, pl.DataFrame] = {}
    for threshold in thresholds:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        sql = f"SELECT unique_id, cluster_id FROM {clusters.physical_name}"  # noqa: S608
        frame = pl.from_arrow(con.sql(sql).arrow())
        assert isinstance(frame, pl.DataFrame)
        out[threshold] = frame
        clock.lap(f"splink: cluster at {threshold}")
    con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--thresholds", default="0.9,0.99,0.999,0.9999")
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument("--skip-ours", action="store_true")
    parser.add_argument("--skip-splink", action="store_true")
    args = parser.parse_args()
    region = json.loads((args.dir / "region.json").read_text(encoding="utf-8"))
    election = date.fromisoformat(region["election_date"])
    print(
        f"region {args.dir}: {region['counts']['list_lines']:,} list lines; load {os.getloadavg()}"
    )
    expected = read_jsonl(args.dir / "expected_findings.jsonl")
    config = AuditConfig()
    clock = Clock()
    inputs = read_inputs(args.dir)
    clock.lap("read the CSV files")
    feats = duplicate_features(inputs, election_date=election, config=config)
    del inputs
    features_wall, _ = clock.lap(f"features of {feats.height:,} lines (shared)")
    ours_wall = splink_wall = None
    if not args.skip_ours:
        accepted = accepted_pairs(
            feats,
            max_block=config.duplicate_max_block,
            min_score=config.duplicate_min_score,
        )
        rows = pl.Series("row", sorted({x for a, b, _ in accepted for x in (a, b)}))
        ours = duplicate_findings(
            feats.filter(pl.col("row").is_in(rows.cast(feats["row"].dtype).implode())), accepted
        )
        ours_wall, _ = clock.lap("ours: blocking, model, scores, groups")
        s = _score(expected, list(finding_records(ours)))
        print(
            f"  ours:   expected {s.expected} found {s.found} precision {s.precision:.4f} "
            f"recall {s.recall:.4f} F1 {_f1(s):.4f}"
        )
    if not args.skip_splink:
        started = time.perf_counter()
        thresholds = [float(x) for x in args.thresholds.split(",")]
        by_threshold = run_splink(
            feats, thresholds=thresholds, memory_limit=args.memory_limit, clock=clock
        )
        # The time of one prediction and one clustering (the others are extra laps).
        splink_wall = time.perf_counter() - started
        for threshold, clusters in by_threshold.items():
            s = _score(expected, _groups_to_findings(feats, clusters))
            print(
                f"  splink: expected {s.expected} found {s.found} precision {s.precision:.4f} "
                f"recall {s.recall:.4f} F1 {_f1(s):.4f} (threshold {threshold})"
            )
    if ours_wall is not None and splink_wall is not None:
        print(
            f"  wall time after the shared features: splink {splink_wall:.1f} s / ours "
            f"{ours_wall:.1f} s = {splink_wall / ours_wall:.1f}x; with the features "
            f"({features_wall:.1f} s) each: "
            f"{(splink_wall + features_wall) / (ours_wall + features_wall):.1f}x"
        )
    print(f"peak RSS {_peak():.2f} GiB; load {os.getloadavg()}")


if __name__ == "__main__":
    main()
