"""Benchmark: the role dashboards, territory lists and the audit-log chain at national scale.

Generates 17 regions, 220 districts, 10,000 precincts and --addresses registry addresses
(spread over the precincts, 1 % unassigned), appends --events audit events through
``record_event`` (the real path: lock the chain head, hash, insert) and then times:

- appending audit events (events per second);
- ``saylau audit-log verify``'s walk over the whole chain (events per second);
- the dashboard as a CEC, a regional, a territorial and a precinct user (full request through
  the test client: middleware, scope, counts, panels, template), with its query count;
- the precinct list (first and last page) and a precinct's page as a regional user.

    .venv/bin/python benchmarks/web_foundation.py                     # SQLite in a temp dir
    bash .ci/with-postgres .venv/bin/python benchmarks/web_foundation.py

Prints one line per measurement: the median and the worst of --repeat runs, in seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REGIONS = 17
DISTRICTS = 220
PRECINCTS = 10_000
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


def generate(addresses: int, say: Callable[[str], None]) -> dict[str, Any]:
    from saylau.web.accounts.models import Role, User
    from saylau.web.territory.models import Address, District, Precinct, Region

    regions = Region.objects.bulk_create(
        Region(code=f"R{r:02d}", name_ru=f"Область {r}", name_kk=f"{r} облысы")
        for r in range(REGIONS)
    )
    districts = District.objects.bulk_create(
        District(
            region=regions[d % REGIONS],
            code=f"D{d:03d}",
            kind="city" if d % 5 == 0 else "district",
            name_ru=f"Район {d}",
            name_kk=f"{d} ауданы",
        )
        for d in range(DISTRICTS)
    )
    precincts: list[Precinct] = []
    for start in range(0, PRECINCTS, BATCH):
        precincts += Precinct.objects.bulk_create(
            Precinct(
                region=districts[p % DISTRICTS].region,
                district=districts[p % DISTRICTS],
                number=p + 1,
                polling_address=f"ул. Абая, {p % 300 + 1}",
                ramp=p % 3 == 0,
                step_free_entrance=p % 4 == 0,
            )
            for p in range(start, min(start + BATCH, PRECINCTS))
        )
    say(f"  {len(regions)} regions, {len(districts)} districts, {len(precincts)} precincts")
    for start in range(0, addresses, BATCH):
        rows = []
        for a in range(start, min(start + BATCH, addresses)):
            precinct = precincts[a % PRECINCTS]
            rows.append(
                Address(
                    address_id=f"A{a:09d}",
                    district_id=precinct.district_id,
                    locality="Тараз",
                    street="ул. Толе би",
                    house=str(a % 200),
                    precinct=None if a % 100 == 0 else precinct,
                )
            )
        Address.objects.bulk_create(rows)
    say(f"  {addresses} addresses")
    region = regions[0]
    district = districts[0]
    precinct = precincts[0]
    users = {
        "cec": User.objects.create(username="b-cec", role=Role.CEC),
        "regional": User.objects.create(username="b-regional", role=Role.REGIONAL, region=region),
        "territorial": User.objects.create(
            username="b-territorial", role=Role.TERRITORIAL, district=district, region=region
        ),
        "precinct": User.objects.create(
            username="b-precinct",
            role=Role.PRECINCT,
            precinct=precinct,
            district=precinct.district,
            region=precinct.region,
        ),
    }
    return {"users": users, "precinct": precinct}


@contextlib.contextmanager
def count_queries() -> Iterator[list[str]]:
    """Every SQL statement run inside the block (a wrapper on the connection, so it does not
    depend on DEBUG or on the query log that each request clears)."""
    from django.db import connection

    seen: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addresses", type=int, default=500_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, flush=True)

    with tempfile.TemporaryDirectory(prefix="saylau-bench-") as tmp:
        setup_django(Path(tmp))
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from saylau.web.audit.services import record_event, verify_chain

        say(
            f"web foundation benchmark on {connection.vendor}, Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        )
        start = time.perf_counter()
        data = generate(args.addresses, say)
        say(f"  generated in {time.perf_counter() - start:.1f} s")

        actor = data["users"]["territorial"]
        start = time.perf_counter()
        for i in range(args.events):
            record_event(
                actor=actor, action="bench.step", target_type="thing", target_id=i, new={"i": i}
            )
        spent = time.perf_counter() - start
        say(f"record_event x{args.events}: {spent:.2f} s, {args.events / spent:,.0f} events/s")

        median, worst, problems = timed(verify_chain, max(1, args.repeat // 2))
        assert problems == [], problems
        say(
            f"verify_chain over {args.events} events: median {median:.3f} s, worst {worst:.3f} s, "
            f"{args.events / median:,.0f} events/s"
        )

        client = Client()
        for role, user in data["users"].items():
            client.force_login(user)
            url = reverse("core:dashboard")
            client.get(url)  # warm the template and translation caches
            with count_queries() as queries:
                response = client.get(url)
            assert response.status_code == 200
            median, worst, _ = timed(lambda url=url: client.get(url), args.repeat)
            say(
                f"dashboard as {role:<11}: median {median:.3f} s, worst {worst:.3f} s, "
                f"{len(queries)} queries"
            )

        client.force_login(data["users"]["regional"])
        pages = {
            "precinct list, page 1": reverse("territory:precincts"),
            "precinct list, last page": reverse("territory:precincts") + "?page=last",
            "district list": reverse("territory:districts"),
            "precinct page": reverse("territory:precinct", args=[data["precinct"].id]),
        }
        for label, url in pages.items():
            client.get(url)
            with count_queries() as queries:
                assert client.get(url).status_code == 200
            median, worst, _ = timed(lambda url=url: client.get(url), args.repeat)
            say(
                f"{label:<24} (regional): median {median:.3f} s, worst {worst:.3f} s, {len(queries)} queries"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
