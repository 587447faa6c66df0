"""Benchmark of PROBABLE_DUPLICATE_PERSON on Apache Spark (saylau.lists.audit.spark) beside
the polars engine, on the same region.

    flock /tmp/saylau-bench.lock .venv/bin/python benchmarks/audit_spark.py \\
        --dir /work/data/scale1 [--cores 2] [--partitions 8] [--memory 3g] [--arrow-batch 100000]

Needs the ``spark`` dependency group (``uv sync --group spark``) and Java 17. Times the
polars engine (reading, preparing, the duplicate check only), then Spark in local mode:
session start-up, a cold run and a warm run (JIT and Python workers up). Prints wall times,
CPU seconds (this process; for Spark also the JVM and its Python workers, read from /proc
before the session stops), peak resident memory (this process; the JVM and its workers),
the load average before and after, and whether both engines give the same findings.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from datetime import date
from pathlib import Path
from typing import Any

from saylau.lists.audit import AuditConfig, audit_frame, read_inputs
from saylau.lists.audit.model import finding_records
from saylau.lists.audit.spark import local_session, probable_duplicates_spark

_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _tree(pid: int) -> list[int]:
    """``pid`` and every live descendant (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _tree_usage(pid: int) -> tuple[float, float]:
    """CPU seconds (own and reaped children) and summed peak RSS (GiB) of a process tree."""
    cpu, peak_kib = 0.0, 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        cpu += sum(int(x) for x in fields[11:15]) / _TICK  # utime stime cutime cstime
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak_kib += int(line.split()[1])
    return cpu, peak_kib / 1024 / 1024


def _records(frame: Any) -> list[dict[str, Any]]:
    return sorted(finding_records(frame), key=json.dumps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--memory", default="3g")
    parser.add_argument("--arrow-batch", type=int, default=100_000, help="rows per Arrow batch")
    args = parser.parse_args()
    region = json.loads((args.dir / "region.json").read_text(encoding="utf-8"))
    election = date.fromisoformat(region["election_date"])
    print(
        f"region: scale {region['scale']}, {region['counts']['persons']:,} persons, "
        f"{region['counts']['list_lines']:,} list lines; load {os.getloadavg()}"
    )
    config = AuditConfig(checks=frozenset({"PROBABLE_DUPLICATE_PERSON"}))
    cpu, started = _cpu_self(), time.perf_counter()
    polars_found = audit_frame(read_inputs(args.dir), election_date=election, config=config)
    print(
        f"polars: {polars_found.height} findings in {time.perf_counter() - started:.1f} s "
        f"(read, prepare, duplicate check), CPU {_cpu_self() - cpu:.1f} s; load {os.getloadavg()}"
    )
    started = time.perf_counter()
    spark = local_session(cores=args.cores, shuffle_partitions=args.partitions, memory=args.memory)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.arrow_batch))
    jvm = spark.sparkContext._gateway.proc.pid
    print(f"spark session up in {time.perf_counter() - started:.1f} s")
    same = False
    for run in ("cold", "warm"):
        started = time.perf_counter()
        found = probable_duplicates_spark(spark, args.dir, election_date=election)
        elapsed = time.perf_counter() - started
        jvm_cpu, jvm_peak = _tree_usage(jvm)
        same = _records(found) == _records(polars_found)
        print(
            f"spark {run}: {found.height} findings in {elapsed:.1f} s; cumulative CPU: driver "
            f"{_cpu_self():.1f} s, JVM and workers {jvm_cpu:.1f} s; peak RSS of JVM and live "
            f"workers {jvm_peak:.2f} GiB; load {os.getloadavg()}"
        )
    print(f"same findings as polars: {same}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"driver peak RSS {peak:.2f} GiB")
    spark.stop()


if __name__ == "__main__":
    main()
