"""Benchmark: the law layer's hot paths (IIN batch validation, seat allocation, protocol checks).

    .venv/bin/python benchmarks/law_engine.py [--iins 1000000] [--repeat 5]

Prints one line per measurement: the median and the best of --repeat runs and the rate.
Synthetic IINs only: 19th- and 20th-century birth dates with random serials, ~3 % corrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from saylau.law.errors import InvalidIIN
from saylau.law.iin import iin_error_codes, iin_status_vector, make_iin, parse_iin
from saylau.law.protocol import check_protocol, protocol_from_dict
from saylau.law.seats import allocate, load_case

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def synthetic_iins(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    start = date(1850, 1, 1)
    out: list[str] = []
    while len(out) < n:
        born = start + timedelta(days=rnd.randrange(365 * 140))
        iin = make_iin(born, rnd.choice(["M", "F"]), rnd.randrange(10000))
        if iin is None:
            continue
        if rnd.random() < 0.03:
            i = rnd.randrange(12)
            iin = iin[:i] + str((int(iin[i]) + 1) % 10) + iin[i + 1 :]
        out.append(iin)
    return out


def timed(label: str, fn: Callable[[], object], repeat: int, items: int) -> None:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    med, best = statistics.median(runs), min(runs)
    print(f"{label}: median {med:.4f} s, best {best:.4f} s, {items / med:,.0f} items/s (median)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--iins", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    iins = synthetic_iins(args.iins)
    today = date(2026, 11, 26)
    timed(
        f"iin_status_vector x{len(iins)}",
        lambda: iin_status_vector(iins, today=today),
        args.repeat,
        len(iins),
    )
    timed(
        f"iin_error_codes x{len(iins)}",
        lambda: iin_error_codes(iins, today=today),
        args.repeat,
        len(iins),
    )
    sample = iins[:200_000]

    def one_by_one() -> None:
        for v in sample:
            with contextlib.suppress(InvalidIIN):
                parse_iin(v, today=today)

    timed(f"parse_iin one by one x{len(sample)}", one_by_one, args.repeat, len(sample))

    cases = [
        load_case(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted((DATA / "golden/seats").glob("*.json"))
    ]
    timed(
        f"allocate x{len(cases) * 200} golden cases",
        lambda: [allocate(c) for _ in range(200) for c in cases],
        args.repeat,
        len(cases) * 200,
    )
    proto = protocol_from_dict(
        {
            "election": "bench",
            "precinct_no": 1,
            "voters_main_list": 2839,
            "voters_additional_list": 14,
            "ballots_received": 2870,
            "ballots_issued_premises": 1890,
            "ballots_issued_outside": 31,
            "absentee_certificate_voters": 6,
            "ballots_cancelled": 949,
            "ballots_in_stationary_boxes": 1890,
            "ballots_in_portable_boxes": 31,
            "valid": 1884,
            "invalid": 37,
            "votes": [{"code": f"p{i}", "votes": v} for i, v in enumerate([1102, 301, 412])],
            "against_all": 69,
        }
    )
    n = 10_000
    timed(
        f"check_protocol x{n} (a national election's precincts)",
        lambda: [check_protocol(proto) for _ in range(n)],
        args.repeat,
        n,
    )


if __name__ == "__main__":
    main()
