"""Throughput of the vectorised IIN rules (saylau.lists.iin.with_iin_columns).

    .venv/bin/python benchmarks/audit_iin.py --rows 1000000 --repeat 3

Synthetic IINs with birth dates 1850-1899 (valid 19th-century ones, then 3 % with one digit
changed); prints the best of ``--repeat`` runs and checks the result against
saylau.law.iin.iin_error_codes once.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

import polars as pl

from saylau.law.iin import iin_error_codes, make_iin
from saylau.lists.iin import with_iin_columns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(1)
    values: list[str] = []
    start = date(1850, 1, 1)
    while len(values) < args.rows:
        born = start + timedelta(days=rng.randrange(50 * 365))
        value = make_iin(born, rng.choice(["M", "F"]), rng.randrange(10_000))
        if value is None:
            continue
        if rng.random() < 0.03:
            i = rng.randrange(12)
            value = value[:i] + str(rng.randrange(10)) + value[i + 1 :]
        values.append(value)
    frame = pl.DataFrame({"iin": values})
    today = date(1900, 1, 1)
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        out = with_iin_columns(frame, "iin", today=today)
        best = min(best, time.perf_counter() - t)
    assert out["iin_error"].to_list() == iin_error_codes(values, today=today)
    print(f"{args.rows:,} IINs in {best:.3f} s: {args.rows / best / 1e6:.1f} million/s")


if __name__ == "__main__":
    main()
