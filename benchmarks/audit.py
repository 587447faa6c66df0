"""Benchmark of ``saylau audit`` (saylau.lists.audit) on a generated region.

    .venv/bin/python benchmarks/audit.py --scale 1 [--dir /tmp/region] [--clean]
        [--partition-lines N] [--out FINDINGS.jsonl]

Generates the demo region (saylau.lists.demo, with injected errors unless ``--clean``) unless
``--dir`` already holds one, then times reading and checking the CSV files, the audit (every
check, part by part for a big register: ``AuditConfig.partition_lines``) and writing
``findings.jsonl`` (to a temporary directory unless ``--out``); prints the peak memory and
the CPU time of the process, the load average before and after, and, when the region has an
answer key, precision, recall and F1 per check. Numbers go to docs/benchmarks.md by hand, with
the date, the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from saylau.lists.audit import AuditConfig, audit_frame, read_inputs, write_findings
from saylau.lists.audit.quality import read_jsonl, score_findings
from saylau.lists.demo import generate_region


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_gib() -> float:
    """The resident memory now (Linux ``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024**3


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--clean", action="store_true", help="no injected errors")
    parser.add_argument("--partition-lines", type=int, default=AuditConfig().partition_lines)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="saylau-audit-bench-")) / "region"
    if not (directory / "region.json").exists():
        started = time.perf_counter()
        generate_region(directory, scale=args.scale, seed=args.seed, inject_errors=not args.clean)
        print(f"generated {directory} in {time.perf_counter() - started:.1f} s")
    region = json.loads((directory / "region.json").read_text(encoding="utf-8"))
    election = date.fromisoformat(region["election_date"])
    counts = region.get("counts", region)  # benchmarks/other_register.py: no "counts"
    print(
        f"region: {region.get('generator')}, scale {region.get('scale', '-')}, "
        f"{counts['persons']:,} persons, {counts['list_lines']:,} list lines; "
        f"load {os.getloadavg()}"
    )
    config = AuditConfig(partition_lines=args.partition_lines)
    total = time.perf_counter()
    cpu0 = _cpu()
    t = time.perf_counter()

    def say(text: str) -> None:
        print(
            f"  {time.perf_counter() - total:7.1f} s  {_cpu() - cpu0:7.1f} s CPU  {text}"
            f"  (RSS {_rss_gib():.2f}, peak {_peak_gib():.2f} GiB)"
        )

    inputs = read_inputs(directory)
    say(f"read and checked the CSV files in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    findings = audit_frame(inputs, election_date=election, config=config, progress=say)
    say(f"audited in {time.perf_counter() - t:.1f} s")
    out = args.out or Path(tempfile.mkdtemp(prefix="saylau-audit-out-")) / "findings.jsonl"
    t = time.perf_counter()
    write_findings(findings, out)
    say(f"wrote {out} in {time.perf_counter() - t:.1f} s")
    elapsed = time.perf_counter() - total
    print(
        f"total {elapsed:.1f} s wall, {_cpu() - cpu0:.1f} s CPU, {findings.height:,} findings, "
        f"peak RSS {_peak_gib():.2f} GiB; load {os.getloadavg()}"
    )
    key = directory / "expected_findings.jsonl"
    if key.exists():
        expected, found = read_jsonl(key), read_jsonl(out)
        if "counts" not in region:  # the independent generator keys its duplicates only,
            keyed = {f["check"] for f in expected}  # by sets of lines
            others = Counter(f["check"] for f in found if f["check"] not in keyed)
            print(f"  not in the key (not scored): {dict(sorted(others.items()))}")
            expected = [_lines_only(f) for f in expected]
            found = [_lines_only(f) for f in found if f["check"] in keyed]
        scores = score_findings(expected, found)
        for check, s in scores.items():
            f1 = 2 * s.precision * s.recall / (s.precision + s.recall or 1)
            print(
                f"  {check:28} expected {s.expected:6} found {s.found:6} "
                f"precision {s.precision:.3f} recall {s.recall:.3f} F1 {f1:.3f}"
            )


def _lines_only(finding: dict[str, Any]) -> dict[str, Any]:
    return {**finding, "iins": [], "address_id": None, "precinct_no": None}


if __name__ == "__main__":
    main()
