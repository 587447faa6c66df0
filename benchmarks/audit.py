"""Benchmark of ``saylau audit`` (saylau.lists.audit) on a generated region.

    .venv/bin/python benchmarks/audit.py --scale 1 [--dir /tmp/region] [--clean]

Generates the demo region (saylau.lists.demo, with injected errors unless ``--clean``) unless
``--dir`` already holds one, then times reading, preparing, every check and writing
``findings.jsonl``; prints the peak memory of the process and, when the region has an answer
key, precision and recall per check. Numbers go to docs/benchmarks.md by hand, with the date,
the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from saylau.lists.audit import CHECK_FUNCTIONS, AuditConfig, read_inputs, write_findings
from saylau.lists.audit.prepare import prepare
from saylau.lists.audit.quality import read_jsonl, score_findings
from saylau.lists.demo import generate_region


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--clean", action="store_true", help="no injected errors")
    args = parser.parse_args()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="saylau-audit-bench-")) / "region"
    if not (directory / "region.json").exists():
        started = time.perf_counter()
        generate_region(directory, scale=args.scale, seed=args.seed, inject_errors=not args.clean)
        print(f"generated {directory} in {time.perf_counter() - started:.1f} s")
    region = json.loads((directory / "region.json").read_text(encoding="utf-8"))
    election = date.fromisoformat(region["election_date"])
    print(
        f"region: scale {region['scale']}, {region['counts']['persons']:,} persons, "
        f"{region['counts']['list_lines']:,} list lines; load {os.getloadavg()[0]:.1f}"
    )

    timings: dict[str, float] = {}
    total = time.perf_counter()
    t = time.perf_counter()
    inputs = read_inputs(directory)
    timings["read and check the CSV files"] = time.perf_counter() - t
    t = time.perf_counter()
    prepared = prepare(inputs, election_date=election, config=AuditConfig())
    timings["prepare (IINs, registry join, eligibility, names)"] = time.perf_counter() - t
    frames = []
    for check, fn in CHECK_FUNCTIONS.items():
        t = time.perf_counter()
        frames.append(fn(prepared))
        timings[check] = time.perf_counter() - t
    import polars as pl

    findings = pl.concat(frames)
    out = directory.parent / "bench-findings.jsonl"
    t = time.perf_counter()
    write_findings(findings, out)
    timings["write findings.jsonl"] = time.perf_counter() - t
    elapsed = time.perf_counter() - total
    for what, seconds in timings.items():
        print(f"  {what:52} {seconds:7.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(
        f"total {elapsed:.1f} s, {findings.height:,} findings, peak RSS {peak:.2f} GiB; "
        f"load {os.getloadavg()[0]:.1f}"
    )
    key = directory / "expected_findings.jsonl"
    if key.exists():
        scores = score_findings(read_jsonl(key), read_jsonl(out))
        for check, s in scores.items():
            print(
                f"  {check:28} expected {s.expected:6} found {s.found:6} "
                f"precision {s.precision:.3f} recall {s.recall:.3f}"
            )


if __name__ == "__main__":
    main()
