"""``saylau demo-data OUT_DIR``: write a synthetic region (saylau.lists.demo).

The files follow the voter-list audit format; ``--inject-errors`` adds every kind of error the
audit looks for, benign look-alikes that it must not report, and the answer key
``expected_findings.jsonl``. Progress goes to stderr. The region is written to a temporary
directory and renamed into place, so a crash never leaves a half region behind.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo-data",
        help="generate a synthetic region (registry, precincts, voter lists)",
        description="Generate a synthetic Zhambyl-like region in the voter-list audit format. "
        "At --scale 1 about 690,000 voters in about 500 precincts; 17.4 is a national register.",
    )
    p.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    p.add_argument("--scale", type=float, default=1.0, help="size relative to the oblast (1.0)")
    p.add_argument("--seed", type=int, default=0, help="random seed: same seed, same bytes")
    p.add_argument(
        "--inject-errors",
        action="store_true",
        help="add errors for every audit check and write expected_findings.jsonl",
    )
    p.add_argument(
        "--election-date",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="election day that ages and deaths are counted to (default 2027-03-21)",
    )
    p.add_argument("--force", action="store_true", help="replace a non-empty OUT_DIR")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from saylau.lists.demo import DEFAULT_ELECTION_DATE, generate_region

    out: Path = args.out_dir
    if out.exists() and not out.is_dir():
        print(f"saylau demo-data: {out} exists and is not a directory", file=sys.stderr)
        return 2
    if out.is_dir() and any(out.iterdir()) and not args.force:
        print(f"saylau demo-data: {out} is not empty; give --force to replace it", file=sys.stderr)
        return 2
    if args.scale <= 0:
        print("saylau demo-data: --scale must be positive", file=sys.stderr)
        return 2

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.monotonic()
    say(f"Generating the region into {out} (scale {args.scale}, seed {args.seed}) ...")
    summary = generate_region(
        out,
        scale=args.scale,
        seed=args.seed,
        inject_errors=args.inject_errors,
        election_date=args.election_date or DEFAULT_ELECTION_DATE,
        force=args.force,
        progress=say,
    )
    say(
        f"Done in {time.monotonic() - started:.1f} s: {summary.precincts} precincts "
        f"({summary.special_precincts} special), {summary.persons:,} persons, "
        f"{summary.list_lines:,} list lines"
        + (f", {sum(summary.findings.values()):,} expected findings" if args.inject_errors else "")
    )
    return 0
