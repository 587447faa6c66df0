"""Benchmark: training coverage pages, selectors and XLSX exports at national scale.

Generates ~71,000 sitting territorial and precinct commission members (17 regions, 220
territorial commissions, 10,000 precinct commissions, 7 members each), a cascade of sessions
with enrolments, tests and certificates, then times the coverage selectors, the coverage page
(as the CEC, a regional and a territorial user) and the XLSX exports.

    .venv/bin/python benchmarks/commissions_coverage.py            # SQLite in a temp dir
    PGPORT=54377 bash .ci/with-postgres .venv/bin/python benchmarks/commissions_coverage.py

Prints one line per measurement: the median and the worst of --repeat runs, in seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

REGIONS = 17
DISTRICTS = 220
PRECINCTS = 10_000
SEATS = 7
BATCH = 5000


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("SAYLAU_DATA_DIR", str(tmp))
    os.environ["DJANGO_SETTINGS_MODULE"] = "saylau.web.config.settings.test"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)


def generate(seed: int, say: Callable[[str], None]) -> dict[str, Any]:
    from saylau.web.accounts.models import Role, User
    from saylau.web.commissions.models import (
        Certificate,
        Commission,
        Enrolment,
        Member,
        Person,
        TestAttempt,
        Trainer,
        TrainingPlan,
        TrainingSession,
    )
    from saylau.web.elections.models import Election
    from saylau.web.territory.models import District, Precinct, Region

    rng = random.Random(seed)
    regions = Region.objects.bulk_create(
        [
            Region(code=f"R{i:02d}", name_kk=f"Облыс {i}", name_ru=f"Область {i}")
            for i in range(REGIONS)
        ]
    )
    districts = District.objects.bulk_create(
        [
            District(
                region=regions[i % REGIONS],
                code=f"D{i:03d}",
                name_kk=f"Аудан {i}",
                name_ru=f"Район {i:03d}",
                kind="district",
            )
            for i in range(DISTRICTS)
        ]
    )
    precincts = Precinct.objects.bulk_create(
        [
            Precinct(
                region=districts[i % DISTRICTS].region,
                district=districts[i % DISTRICTS],
                number=1 + i,
                polling_address=f"школа № {i}",
            )
            for i in range(PRECINCTS)
        ],
        batch_size=BATCH,
    )
    comms = [Commission(level="regional", region=r, name_kk="ОСК", name_ru="ОИК") for r in regions]
    comms += [
        Commission(
            level="territorial", region=d.region, district=d, name_kk="ТСК", name_ru=f"ТИК {d.code}"
        )
        for d in districts
    ]
    comms += [
        Commission(
            level="precinct",
            region=p.region,
            district=p.district,
            precinct=p,
            name_kk=f"УСК {p.number}",
            name_ru=f"УИК {p.number}",
        )
        for p in precincts
    ]
    comms = Commission.objects.bulk_create(comms, batch_size=BATCH)
    say(f"territory and {len(comms)} commissions")
    people = Person.objects.bulk_create(
        [
            Person(last_name=f"Фамилия{i}", first_name="Имя", patronymic="Отчество")
            for i in range(len(comms) * SEATS)
        ],
        batch_size=BATCH,
    )
    roles = ["chair", "deputy_chair", "secretary"] + ["member"] * (SEATS - 3)
    members = Member.objects.bulk_create(
        [
            Member(
                commission=c,
                person=people[ci * SEATS + k],
                level=c.level,
                role=roles[k],
                nominated_by="party",
                term_start=dt.date(2025, 1, 1),
            )
            for ci, c in enumerate(comms)
            for k in range(SEATS)
        ],
        batch_size=BATCH,
    )
    covered = [m for m in members if m.level != "regional"]
    say(f"{len(members)} members ({len(covered)} territorial and precinct)")
    election = Election.objects.create(
        name_kk="Сайлау", name_ru="Выборы", body="mazhilis", day=dt.date(2027, 3, 21)
    )
    trainer_people = Person.objects.bulk_create(
        [Person(last_name=f"Тренер{i}", first_name="Имя") for i in range(DISTRICTS)]
    )
    trainers = Trainer.objects.bulk_create(
        [
            Trainer(
                person=p,
                region=districts[i].region,
                trains_territorial=True,
                trains_precinct=True,
                certificate_number=f"T{i:05d}",
                certificate_issued=dt.date(2026, 1, 1),
                certificate_valid_until=dt.date(2028, 1, 1),
            )
            for i, p in enumerate(trainer_people)
        ]
    )
    plans = {
        (r.pk, level): TrainingPlan.objects.create(
            election=election,
            region=r,
            level=level,
            starts_on=dt.date(2027, 1, 10),
            ends_on=dt.date(2027, 3, 1),
            status="in_progress",
        )
        for r in regions
        for level in ("territorial", "precinct")
    }
    # Sessions of 30 by district and level; 85 % of members enrolled.
    by_group: dict[tuple[int, str], list[Any]] = {}
    comm_by_id = {c.pk: c for c in comms}
    for m in covered:
        c = comm_by_id[m.commission_id]
        by_group.setdefault((c.district_id, m.level), []).append(m)
    district_by_id = {d.pk: d for d in districts}
    session_rows: list[Any] = []
    groups: list[list[Any]] = []
    for ti, ((district_id, level), group) in enumerate(sorted(by_group.items())):
        d = district_by_id[district_id]
        chosen = [m for m in group if rng.random() < 0.85]
        for k in range(0, len(chosen), 30):
            session_rows.append(
                TrainingSession(
                    plan=plans[(d.region_id, level)],
                    level=level,
                    region_id=d.region_id,
                    district=d,
                    date=dt.date(2027, 2, 1) + dt.timedelta(days=k // 30),
                    place="акимат",
                    trainer=trainers[ti % len(trainers)],
                    capacity=30,
                    language="ru",
                    status="held",
                )
            )
            groups.append(chosen[k : k + 30])
    sessions = TrainingSession.objects.bulk_create(session_rows, batch_size=BATCH)
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(session=s, member=m, attended=rng.random() < 0.95)
            for s, group in zip(sessions, groups, strict=True)
            for m in group
        ],
        batch_size=BATCH,
    )
    session_of = {s.pk: s for s in sessions}
    person_of = {m.pk: m.person_id for m in members}
    attempts = []
    passed_enrolments = []
    now = dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC)
    for e in enrolments:
        trainer_id = session_of[e.session_id].trainer_id
        entry = rng.randint(3, 9)
        attempts.append(
            TestAttempt(
                enrolment=e,
                kind="entry",
                source="paper",
                language="ru",
                score=entry,
                max_score=10,
                pass_mark_percent=70,
                passed=entry >= 7,
                scored_at=now,
                member_id=e.member_id,
                person_id=person_of[e.member_id],
                trainer_id=trainer_id,
            )
        )
        if e.attended:
            final = min(10, entry + rng.randint(0, 5))
            attempts.append(
                TestAttempt(
                    enrolment=e,
                    kind="final",
                    source="browser",
                    language="ru",
                    score=final,
                    max_score=10,
                    pass_mark_percent=70,
                    passed=final >= 7,
                    scored_at=now,
                    member_id=e.member_id,
                    person_id=person_of[e.member_id],
                    trainer_id=trainer_id,
                )
            )
            if final >= 7:
                passed_enrolments.append(e)
    TestAttempt.objects.bulk_create(attempts, batch_size=BATCH)
    Certificate.objects.bulk_create(
        [
            Certificate(
                number=f"C{e.pk:08d}",
                enrolment=e,
                member_id=e.member_id,
                person_id=person_of[e.member_id],
                issued_on=dt.date(2027, 2, 1),
                valid_until=dt.date(2029, 2, 1),
                verification_code=f"v{e.pk:015d}",
            )
            for e in passed_enrolments
        ],
        batch_size=BATCH,
    )
    say(
        f"{len(sessions)} sessions, {len(enrolments)} enrolments, {len(attempts)} test attempts, "
        f"{len(passed_enrolments)} certificates"
    )
    users = {
        "cec": User.objects.create(username="b-cec", role=Role.CEC),
        "regional": User.objects.create(username="b-reg", role=Role.REGIONAL, region=regions[0]),
        "territorial": User.objects.create(
            username="b-ter",
            role=Role.TERRITORIAL,
            region=districts[0].region,
            district=districts[0],
        ),
    }
    return {"election": election, "users": users, "covered": len(covered), "district": districts[0]}


def timed(label: str, fn: Callable[[], Any], repeat: int) -> None:
    """Wall time (what a user waits) and this process's CPU time (with SQLite that includes
    the database work; it is what stays meaningful when other jobs share the cores)."""
    fn()  # warm the caches and the query plans
    runs, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(
        f"{label:<58} wall median {statistics.median(runs):6.3f} s  worst {max(runs):6.3f} s"
        f"  | cpu median {statistics.median(cpu):6.3f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="saylau-bench-") as tmp:
        setup_django(Path(tmp))
        from django.db import connection
        from django.test import Client
        from django.utils import translation

        from saylau.web.commissions import selectors

        translation.activate("ru")  # the labels the export writes, as in a request

        t0 = time.perf_counter()
        data = generate(args.seed, lambda text: print(f"  generated {text}", file=sys.stderr))
        if connection.vendor == "postgresql":
            # Production tables have planner statistics (autovacuum); fresh bulk loads do not.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"load average {os.getloadavg()[0]:.1f}; "
            f"database: {connection.vendor}; python {platform.python_version()}; "
            f"data generated in {time.perf_counter() - t0:.1f} s; "
            f"{data['covered']} territorial and precinct members"
        )
        election, users = data["election"], data["users"]
        cec = users["cec"]
        timed(
            "coverage_by_district (CEC, whole country)",
            lambda: selectors.coverage_by_district(cec, election),
            args.repeat,
        )
        timed(
            "coverage_by_precinct (CEC, all 10,000 precincts)",
            lambda: selectors.coverage_by_precinct(cec, election),
            args.repeat,
        )
        timed(
            "trainer_stats (CEC, 220 trainers)",
            lambda: selectors.trainer_stats(cec, election),
            args.repeat,
        )
        # The national export taken apart: its two queries, then the writer alone.
        timed(
            "coverage_export_data: the export's 2 queries (CEC)",
            lambda: selectors.coverage_export_data(cec, election),
            args.repeat,
        )
        from saylau.web.commissions.exports import coverage_xlsx

        grid = selectors.coverage_export_data(cec, election)
        timed(
            "coverage_xlsx: the writer alone, rows in memory",
            lambda: coverage_xlsx(grid.districts, grid.precincts, grid.untrained),
            args.repeat,
        )
        timed(
            "coverage_xlsx via coverage_grid + untrained_members (4 queries)",
            lambda: coverage_xlsx(
                *selectors.coverage_grid(cec, election),
                selectors.untrained_members(cec, election),
            ),
            args.repeat,
        )
        timed(
            "untrained_members count (CEC)",
            lambda: selectors.untrained_members(cec, election).count(),
            args.repeat,
        )
        for who in ("cec", "regional", "territorial"):
            client = Client()
            client.force_login(users[who])
            url = f"/commissions/coverage/?election={election.pk}"

            def page(client: Any = client, url: str = url) -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            timed(f"GET coverage page as {who}", page, args.repeat)
        client = Client()
        client.force_login(cec)
        district = data["district"]
        timed(
            "GET coverage page as cec, one district's precincts",
            lambda: client.get(
                f"/commissions/coverage/?election={election.pk}&district={district.pk}"
            ),
            args.repeat,
        )

        def export(url: str) -> Callable[[], None]:
            def run() -> None:
                response = client.get(url)
                assert response.status_code == 200 and len(response.content) > 1000

            return run

        timed(
            "GET coverage.xlsx as cec (districts, precincts, untrained)",
            export(f"/commissions/coverage.xlsx?election={election.pk}"),
            args.repeat,
        )
        timed(
            "GET trainers.xlsx as cec",
            export(f"/commissions/trainers.xlsx?election={election.pk}"),
            args.repeat,
        )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
