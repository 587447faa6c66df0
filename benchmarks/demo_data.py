"""Benchmark: generating the synthetic region (``saylau demo-data``), time and peak memory.

    .venv/bin/python benchmarks/demo_data.py [--scale 1] [--scale 5] [--inject-errors] [--seed 0]

Each scale runs in a fresh child process (so its peak resident memory is its own) and writes to
a temporary directory that is removed afterwards. Prints one line per run: wall time, peak RSS
of the child, persons, list lines and bytes written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, sys
from pathlib import Path
from saylau.lists.demo import generate_region
s = generate_region(Path(sys.argv[1]), scale=float(sys.argv[2]), seed=int(sys.argv[3]),
                    inject_errors=sys.argv[4] == "1")
print(json.dumps({"persons": s.persons, "lines": s.list_lines, "precincts": s.precincts,
                  "findings": sum(s.findings.values())}))
"""


def run(scale: float, seed: int, inject: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="saylau-bench-") as tmp:
        out = Path(tmp) / "region"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", CHILD, str(out), str(scale), str(seed), "1" if inject else "0"],
            check=True,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - t0
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        result: dict[str, object] = json.loads(proc.stdout)
        result |= {
            "scale": scale,
            "inject_errors": inject,
            "seconds": round(wall, 1),
            "peak_rss_mib": round(max(peak_kib, before) / 1024),
            "bytes": size,
        }
        return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, action="append")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--inject-errors", action="store_true")
    args = ap.parse_args()
    print(
        f"# {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    for scale in args.scale or [1.0]:
        r = run(scale, args.seed, args.inject_errors)
        print(
            f"scale {r['scale']}{' +errors' if r['inject_errors'] else ''}: {r['seconds']} s, "
            f"peak RSS {r['peak_rss_mib']} MiB, {r['persons']:,} persons, {r['lines']:,} lines, "
            f"{r['precincts']} precincts, {r['findings']} expected findings, "
            f"{r['bytes'] / 1e6:.0f} MB written"
        )


if __name__ == "__main__":
    main()
