"""``saylau audit DIR --election-date YYYY-MM-DD --out findings.jsonl`` (saylau.lists.audit).

Exit 0 when the audit ran, whatever it found; 2 on unusable input, with a message naming the
file, line and column; the findings file is written whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"not a date YYYY-MM-DD: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "audit",
        help="audit compiled voter lists against the registry extract (16 checks)",
        description="Audit DIR (districts.csv, precincts.csv, registry/, lists/ as in "
        "docs/formats voter-list-audit) and write one JSON finding per line.",
    )
    p.add_argument("directory", type=Path, metavar="DIR")
    p.add_argument("--election-date", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FINDINGS.jsonl")
    p.add_argument(
        "--check",
        action="append",
        metavar="CHECK",
        help="run only this check (repeatable; default: all 16)",
    )
    p.add_argument(
        "--engine",
        choices=("polars", "spark"),
        default="polars",
        help="spark: every check on Apache Spark, in local mode or on the cluster "
        "spark-submit names (needs the spark dependency group and Java 17)",
    )
    p.add_argument("--quiet", action="store_true", help="print no summary")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from saylau.errors import InputError
    from saylau.lists.audit import CHECKS, AuditConfig, audit_directory

    if not args.directory.is_dir():
        msg = "not a directory"
        raise InputError(msg, file=str(args.directory))
    config = AuditConfig()
    if args.check:
        unknown = sorted(set(args.check) - set(CHECKS))
        if unknown:
            msg = f"unknown check(s) {', '.join(unknown)}; known: {', '.join(CHECKS)}"
            raise InputError(msg, field="--check")
        config = AuditConfig(checks=frozenset(args.check))
    engine = audit_directory
    extra = {}
    if args.engine == "spark":
        if not args.quiet:  # where it runs: local mode, or the master spark-submit named
            extra = {"progress": lambda text: print(text, file=sys.stderr)}
        try:
            import pyspark  # noqa: F401
        except ImportError:
            msg = (
                "pyspark is not installed: install the spark group "
                "(uv sync --group spark, as make pytest-spark does) and Java 17"
            )
            raise InputError(msg, field="--engine") from None
        from saylau.lists.audit.spark_checks import audit_directory_spark as engine

    started = time.perf_counter()
    frame = engine(
        args.directory, election_date=args.election_date, out=args.out, config=config, **extra
    )
    if not args.quiet:
        counts = dict(frame.group_by("check").len().iter_rows())
        for check in CHECKS:
            if counts.get(check):
                print(f"{check:28} {counts[check]:>8}", file=sys.stderr)
        print(
            f"{frame.height} findings written to {args.out} in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return 0
