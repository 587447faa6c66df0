"""Benchmark: does the anomaly screening (saylau.lists.anomalies) find injected fraud, and how
many clean precincts does it flag?

Synthetic elections (no real data): ``--districts`` districts of ``--precincts`` precincts,
four party lists. Per district a base turnout (50-75 %) and a base share of the leader
(45-65 %); per precinct turnout = base + N(0, sd) and leader share = base + N(0, sd) + 0.3 x
the turnout deviation (honest precincts where more people vote also lean a little more to the
leader); invalid ballots 1-2 %; home voting 1-5 % of ballots; protocols entered an
exponential time after closing (mean 2 h). Then, on distinct precincts:

* **stuffing >= 10 pp**: 5 % of precincts get 10-25 % of their registered voters added as
  ballots for the leader (turnout +10..25 percentage points);
* **small stuffing**: 5 % get 2-10 pp (reported, no target);
* **rewritten protocols**: 3 % have 10-30 % of the other lists' votes moved to the leader and
  every vote line written as a round figure (to the ten); half of them entered 8-24 h late.

Targets (issue 16): recall >= 0.9 for stuffing >= 10 pp, <= 2 % of clean precincts flagged.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/anomaly_screening.py --seeds 5
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace

from saylau.lists.anomalies import PrecinctFigures, screen

PARTIES = ("leader", "b", "c", "d")


def _clean(rng: random.Random, district: int, n: int, sd: float) -> list[PrecinctFigures]:
    base_t = rng.uniform(0.50, 0.75)
    base_s = rng.uniform(0.45, 0.65)
    rows = []
    for i in range(n):
        voters = rng.randint(500, 3000)
        dev = rng.gauss(0, sd)
        turnout = min(0.98, max(0.2, base_t + dev))
        share = min(0.95, max(0.2, base_s + rng.gauss(0, sd) + 0.3 * dev))
        ballots = round(voters * turnout)
        valid = ballots - round(ballots * rng.uniform(0.01, 0.02))
        lead = round(valid * share)
        rest = valid - lead
        weights = [rng.uniform(0.5, 1.5) for _ in PARTIES[1:]]
        parts = [int(rest * w / sum(weights)) for w in weights]
        parts[0] += rest - sum(parts)
        rows.append(
            PrecinctFigures(
                precinct=f"{district}-{i}",
                group=str(district),
                voters=voters,
                ballots=ballots,
                valid=valid,
                votes=dict(zip(PARTIES, [lead, *parts], strict=True)),
                outside=round(ballots * rng.uniform(0.01, 0.05)),
                hours_after_close=rng.expovariate(1 / 2.0),
            )
        )
    return rows


def _stuff(row: PrecinctFigures, share: float) -> PrecinctFigures:
    added = min(round(row.voters * share), row.voters - row.ballots)
    votes = dict(row.votes)
    votes["leader"] += added
    return replace(row, ballots=row.ballots + added, valid=row.valid + added, votes=votes)


ROUND = True


def _rewrite(rng: random.Random, row: PrecinctFigures) -> PrecinctFigures:
    moved_share = rng.uniform(0.10, 0.30)
    votes = dict(row.votes)
    for code in PARTIES[1:]:
        moved = round(votes[code] * moved_share)
        votes[code] -= moved
        votes["leader"] += moved
    if ROUND:
        votes = {code: round(n, -1) for code, n in votes.items()}
    valid = sum(votes.values())
    late = rng.uniform(8, 24) if rng.random() < 0.5 else row.hours_after_close
    return replace(
        row,
        valid=valid,
        ballots=row.ballots - row.valid + valid,
        votes=votes,
        hours_after_close=late,
    )


def run(seed: int, districts: int, precincts: int, sd: float) -> dict[str, float]:
    rng = random.Random(seed)
    rows = [r for d in range(districts) for r in _clean(rng, d, precincts, sd)]
    order = list(range(len(rows)))
    rng.shuffle(order)
    n = len(rows)
    big = order[: n * 5 // 100]
    small = order[n * 5 // 100 : n * 10 // 100]
    rewritten = order[n * 10 // 100 : n * 13 // 100]
    for i in big:
        rows[i] = _stuff(rows[i], rng.uniform(0.10, 0.25))
    for i in small:
        rows[i] = _stuff(rows[i], rng.uniform(0.02, 0.10))
    for i in rewritten:
        rows[i] = _rewrite(rng, rows[i])
    started = time.perf_counter()
    result = screen(rows)
    seconds = time.perf_counter() - started
    flagged = result.flagged()
    dirty = set(big) | set(small) | set(rewritten)
    clean = [i for i in range(n) if i not in dirty]

    def recall(idx: list[int]) -> float:
        return sum(rows[i].precinct in flagged for i in idx) / len(idx)

    return {
        "precincts": n,
        "recall_big": recall(big),
        "recall_small": recall(small),
        "recall_rewritten": recall(rewritten),
        "clean_flagged": sum(rows[i].precinct in flagged for i in clean) / len(clean),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--districts", type=int, default=20)
    parser.add_argument("--precincts", type=int, default=100)
    parser.add_argument("--sd", type=float, nargs="+", default=[0.03, 0.05])
    parser.add_argument(
        "--exact-rewrites", action="store_true", help="rewritten figures not rounded to the ten"
    )
    args = parser.parse_args()
    global ROUND  # noqa: PLW0603
    ROUND = not args.exact_rewrites
    print("sd   seed precincts  stuff>=10pp  stuff<10pp  rewritten  clean flagged  seconds")
    for sd in args.sd:
        runs = [run(s, args.districts, args.precincts, sd) for s in range(args.seeds)]
        for s, r in enumerate(runs):
            print(
                f"{sd:.2f} {s:4d} {r['precincts']:9d} {r['recall_big']:11.3f} "
                f"{r['recall_small']:11.3f} {r['recall_rewritten']:10.3f} "
                f"{r['clean_flagged']:14.4f} {r['seconds']:8.3f}"
            )
        mean = {k: sum(r[k] for r in runs) / len(runs) for k in runs[0]}
        print(
            f"{sd:.2f} mean {int(mean['precincts']):9d} {mean['recall_big']:11.3f} "
            f"{mean['recall_small']:11.3f} {mean['recall_rewritten']:10.3f} "
            f"{mean['clean_flagged']:14.4f} {mean['seconds']:8.3f}"
        )


if __name__ == "__main__":
    main()
