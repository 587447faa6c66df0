"""Benchmark: full re-tabulation and seat allocation over 10,223 precinct protocols.

Bulk-loads 10,223 consistent protocols (no HTTP: see results_load.py for submission) and
times, --repeat times each:

- ``current_rows``: reading every protocol in force (one query);
- ``tally`` + ``sum_checks``: summing precinct -> district -> total, and re-summing to check;
- ``db_tally``: the database sums each district and the total (what the service uses);
- ``distribute``: the law layer's allocation and mandates to candidates;
- ``distribute_mandates``: all of it in one transaction, storing the distribution.

With ``--districts N`` the election also has N single-member districts (the precincts split
into N consecutive groups, 3 candidates each) and every precinct a single-member protocol too:
``count_districts`` (reading and summing them per district) is timed, and
``distribute_mandates`` then decides the districts as well.

    .venv/bin/python benchmarks/results_tabulate.py                 # SQLite in a temp dir
    PGPORT=54375 bash .ci/with-postgres .venv/bin/python benchmarks/results_tabulate.py
    PGPORT=54345 bash .ci/with-postgres .venv/bin/python benchmarks/results_tabulate.py --districts 29
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(label: str, fn: Callable[[], Any], repeat: int) -> Any:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    print(f"{label:<48} median {statistics.median(times):.3f} s, worst {max(times):.3f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--precincts", type=int, default=10_223)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--districts", type=int, default=0, help="single-member districts")
    args = parser.parse_args()
    os.environ.setdefault("SAYLAU_DATA_DIR", tempfile.mkdtemp(prefix="saylau-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "saylau.web.config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    print(
        f"{platform.node()} CPython {platform.python_version()}, {os.cpu_count()} cores, "
        f"{connection.vendor}, load {os.getloadavg()}"
    )
    from django.utils import timezone

    from benchmarks.results_load import CODES, generate_territory, protocol
    from saylau.law.tally import distribute, protocol_hash, sum_checks, tally
    from saylau.web.results.models import Protocol
    from saylau.web.results.services import db_tally, distribute_mandates
    from saylau.web.results.services.decisions import list_entries
    from saylau.web.results.services.single_member import count_districts
    from saylau.web.results.services.sums import current_rows

    election, precincts = generate_territory(args.precincts)
    rng = random.Random(11)
    now = timezone.now()
    rows = []
    for p in precincts:
        data = protocol(rng, election.pk, p.number)
        data = {
            "format": "saylau-protocol/1",
            "race": "party_list",
            "ballots_spoiled": 0,
            **data,
            "election": str(election.pk),
        }
        rows.append(
            Protocol(
                election=election,
                precinct=p,
                race="party_list",
                version=1,
                status="accepted",
                is_current=True,
                data=data,
                votes_by_code={line["code"]: line["votes"] for line in data["votes"]},
                sha256=protocol_hash(data),
                voters=data["voters_main_list"],
                ballots_issued=data["ballots_issued_premises"],
                valid=data["valid"],
                invalid=data["invalid"],
                submitted_at=now,
            )
        )
    Protocol.objects.bulk_create(rows, batch_size=2000)
    print(f"{len(rows)} protocols, {len(CODES)} lists")
    if args.districts:
        single = single_member_rows(election, precincts, args.districts, rows)
        Protocol.objects.bulk_create(single, batch_size=2000)
        print(f"{len(single)} single-member protocols in {args.districts} districts")
        timed(
            "count_districts (read + sum single-member protocols)",
            lambda: count_districts(election),
            args.repeat,
        )
    got = timed(
        "read every protocol in force (current_rows)", lambda: current_rows(election), args.repeat
    )
    t = timed("tally precinct -> district -> total", lambda: tally(got), args.repeat)
    timed("sum_checks (re-sum every level)", lambda: sum_checks(t), args.repeat)
    timed(
        "db_tally (the database sums districts and total)", lambda: db_tally(election), args.repeat
    )
    _lists, entries = list_entries(election)
    timed(
        "allocate + mandates (law layer)",
        lambda: distribute(
            body="mazhilis",
            day=election.day,
            seats=69,
            rules="kz-2023",
            lists=entries,
            totals=t.total,
        ),
        args.repeat,
    )
    d = timed(
        "distribute_mandates (all, one transaction, stored)",
        lambda: distribute_mandates(actor=None, election=election),
        args.repeat,
    )
    print(f"seats {d.allocation['seats']}; load after {os.getloadavg()}")
    if args.districts:
        won = d.district_results.exclude(winner=None).count()
        print(f"single-member districts decided: {won} of {args.districts}")
    return 0


def single_member_rows(election: Any, precincts: list[Any], n: int, lists: list[Any]) -> list[Any]:
    """N districts of consecutive precincts with 3 candidates each, and for every precinct a
    single-member protocol with the same count lines as its party-list protocol."""
    import datetime as dt

    from saylau.law.iin import make_iin
    from saylau.law.tally import protocol_hash
    from saylau.web.elections.models import SingleMemberCandidate, SingleMemberDistrict
    from saylau.web.results.models import Protocol

    districts = SingleMemberDistrict.objects.bulk_create(
        SingleMemberDistrict(election=election, number=k, name_ru=f"Округ {k}", name_kk=f"{k}")
        for k in range(1, n + 1)
    )
    through = SingleMemberDistrict.precincts.through
    where = {}
    links = []
    for i, p in enumerate(precincts):
        d = districts[i * n // len(precincts)]
        where[p.pk] = d
        links.append(through(singlememberdistrict_id=d.pk, precinct_id=p.pk))
    through.objects.bulk_create(links, batch_size=5000)
    people = []
    for k, d in enumerate(districts):
        for j in range(3):
            born = dt.date(1870, 1 + (k * 3 + j) % 12, 1 + (k * 3 + j) % 28)
            iin = next(v for s in range(1000, 1100) if (v := make_iin(born, "M", s + k)))
            people.append(
                SingleMemberCandidate(
                    district=d, election=election, full_name=f"К {k}.{j}", iin=iin, birth_date=born
                )
            )
    people = SingleMemberCandidate.objects.bulk_create(people)
    by_district: dict[int, list[str]] = {}
    for c in people:
        by_district.setdefault(c.district_id, []).append(str(c.pk))
    out = []
    for row in lists:
        d = where[row.precinct_id]
        data = dict(row.data)
        votes = [line["votes"] for line in data["votes"]]
        share = [sum(votes[0::3]), sum(votes[1::3]), sum(votes[2::3])]
        data["race"] = "single_member"
        data["district"] = str(d.number)
        data["votes"] = [
            {"code": code, "votes": v} for code, v in zip(by_district[d.pk], share, strict=True)
        ]
        out.append(
            Protocol(
                election=election,
                precinct_id=row.precinct_id,
                race="single_member",
                version=1,
                status="accepted",
                is_current=True,
                data=data,
                votes_by_code={line["code"]: line["votes"] for line in data["votes"]},
                sha256=protocol_hash(data),
                voters=row.voters,
                ballots_issued=row.ballots_issued,
                valid=row.valid,
                invalid=row.invalid,
                submitted_at=row.submitted_at,
            )
        )
    return out


if __name__ == "__main__":
    raise SystemExit(main())
