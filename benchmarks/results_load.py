"""Benchmark: election night. 10,223 precinct protocols submitted over HTTP into PostgreSQL,
then a full re-tabulation and seat allocation over them.

- Generates 17 regions, 220 districts, 10,223 precincts, a Mazhilis-style party-list election
  (6 lists, 69 seats) and one precinct secretary per precinct with a signed-in session.
- Starts gunicorn (the `bench` dependency group) on loopback with the local settings, DEBUG off.
- --clients threads each keep one HTTP/1.1 connection and POST the protocols of their share of
  precincts to /api/results/elections/{id}/precincts/{id}/protocol as that precinct's
  secretary: the real path (session, CSRF, scope, protocol checks, unique version, audit event).
- Reports protocols per second over the whole run, latency p50/p95/p99/max, statuses.
- Then times `distribute_mandates` (read every protocol in force, sum up the levels, check the
  sums, allocate with the law layer, store the distribution and the mandates in one
  transaction) and the pure tally + allocation alone.

    uv sync --group bench
    PGPORT=54371 bash .ci/with-postgres .venv/bin/python benchmarks/results_load.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import queue
import random
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REGIONS = 17
DISTRICTS = 220
PRECINCTS = int(os.environ.get("BENCH_PRECINCTS", "10223"))
CODES = ("amanat", "auyl", "respublica", "ak-zhol", "peoples-party", "osdp")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "saylau.web.config.settings.local"
    os.environ["SAYLAU_DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def generate_territory(count: int) -> tuple[Any, list[Any]]:
    """17 regions, 220 districts, ``count`` precincts and a party-list election of 6 lists."""
    from django.utils import timezone

    from saylau.web.elections.models import Election, Party, PartyList
    from saylau.web.territory.models import District, Precinct, Region

    stamp = secrets.token_hex(3)
    regions = Region.objects.bulk_create(
        Region(code=f"B{stamp}{r:02d}", name_ru=f"Область {r}", name_kk=f"{r} облысы")
        for r in range(REGIONS)
    )
    districts = District.objects.bulk_create(
        District(
            region=regions[d % REGIONS],
            code=f"D{d:03d}",
            kind="district",
            name_ru=f"Район {d}",
            name_kk=f"{d} ауданы",
        )
        for d in range(DISTRICTS)
    )
    precincts = Precinct.objects.bulk_create(
        (
            Precinct(
                region=districts[p % DISTRICTS].region,
                district=districts[p % DISTRICTS],
                number=p + 1,
                polling_address=f"ул. Абая, {p % 300 + 1}",
            )
            for p in range(count)
        ),
        batch_size=2000,
    )
    election = Election.objects.create(
        name_ru="Бенчмарк",
        name_kk="Бенчмарк",
        body=Election.Body.MAZHILIS,
        day=dt.date(2027, 3, 21),
        list_seats=69,
        rule_set="kz-2023",
    )
    now = timezone.now()
    for i, code in enumerate(CODES):
        party, _ = Party.objects.get_or_create(
            code=code, defaults={"name_ru": code, "name_kk": code}
        )
        PartyList.objects.create(
            election=election,
            party=party,
            registered_at=now + dt.timedelta(minutes=i),
            ballot_position=i + 1,
        )
    return election, precincts


def generate(say: Any) -> tuple[Any, list[tuple[int, int, str]]]:
    """The election, and (precinct id, precinct number, session key) per precinct."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from saylau.web.accounts.models import Role, User

    election, precincts = generate_territory(PRECINCTS)
    stamp = secrets.token_hex(3)
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            username=f"b{stamp}-{p.number}",
            role=Role.PRECINCT,
            precinct=p,
            district_id=p.district_id,
            region_id=p.region_id,
            password="!",  # noqa: S106 - an unusable password: sessions are made directly
        )
        for p in precincts
    )
    store = SessionStore()
    expire = now + dt.timedelta(days=1)
    sessions = []
    for user in users:
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
    Session.objects.bulk_create(sessions, batch_size=2000)
    say(f"  {REGIONS} regions, {DISTRICTS} districts, {len(precincts)} precincts and secretaries")
    return election, [
        (p.pk, p.number, s.session_key) for p, s in zip(precincts, sessions, strict=True)
    ]


def protocol(rng: random.Random, election_id: int, number: int) -> dict[str, Any]:
    voters = rng.randint(600, 2800)
    issued = int(voters * rng.uniform(0.45, 0.75))
    invalid = rng.randint(0, 20)
    valid = issued - invalid
    weights = [rng.uniform(1, 10) for _ in range(len(CODES) + 1)]
    counts = [int(valid * w / sum(weights)) for w in weights]
    counts[0] += valid - sum(counts)
    return {
        "election": election_id,
        "precinct_no": number,
        "voters_main_list": voters,
        "voters_additional_list": 0,
        "ballots_received": voters,
        "ballots_issued_premises": issued,
        "ballots_issued_outside": 0,
        "absentee_certificate_voters": 0,
        "ballots_cancelled": voters - issued,
        "ballots_in_stationary_boxes": issued,
        "ballots_in_portable_boxes": 0,
        "valid": valid,
        "invalid": invalid,
        "against_all": counts[-1],
        "votes": [{"code": c, "votes": n} for c, n in zip(CODES, counts, strict=False)],
    }


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="saylau.web.config.settings.local", SAYLAU_DEBUG="0"
    )
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "saylau.web.config.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603 - fixed command
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/docs")
            conn.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def load(
    port: int, election_id: int, work: list[tuple[int, int, str]], clients: int
) -> dict[str, Any]:
    rng = random.Random(5)
    jobs: queue.Queue[tuple[int, bytes, str]] = queue.Queue()
    for pk, number, key in work:
        jobs.put((pk, json.dumps(protocol(rng, election_id, number)).encode(), key))
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    csrf = secrets.token_hex(16)
    samples: list[bytes] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        seen: dict[int, int] = {}
        while True:
            try:
                pk, body, key = jobs.get_nowait()
            except queue.Empty:
                break
            headers = {
                "Content-Type": "application/json",
                "X-CSRFToken": csrf,
                "Cookie": f"sessionid={key}; csrftoken={csrf}",
            }
            started = time.perf_counter()
            conn.request(
                "POST",
                f"/api/results/elections/{election_id}/precincts/{pk}/protocol",
                body,
                headers,
            )
            response = conn.getresponse()
            payload = response.read()
            if response.status != 201 and len(samples) < 3:
                samples.append(payload[:300])
            mine.append(time.perf_counter() - started)
            seen[response.status] = seen.get(response.status, 0) + 1
        with lock:
            latencies.extend(mine)
            for k, v in seen.items():
                statuses[k] = statuses.get(k, 0) + v

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    return {
        "n": len(latencies),
        "wall": wall,
        "rate": len(latencies) / wall,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": latencies[-1],
        "statuses": statuses,
        "samples": samples,
        "mean": statistics.fmean(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=18731)
    parser.add_argument("--repeat", type=int, default=3, help="re-tabulation runs")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under .ci/with-postgres (DATABASE_URL=postgres://...)")
    say = print
    say(
        f"{platform.node()} {platform.python_version()} {os.cpu_count()} cores, load {os.getloadavg()}"
    )
    setup_django()
    election, work = generate(say)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    server = start_server(args.port, args.workers, args.threads)
    try:
        r = load(args.port, election.pk, work, args.clients)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu = (children.ru_utime + children.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    client_cpu = (mine.ru_utime + mine.ru_stime) - (self_before.ru_utime + self_before.ru_stime)
    say(
        f"submit over HTTP: {r['n']} protocols in {r['wall']:.1f} s = {r['rate']:.0f}/s with "
        f"{args.clients} clients, gunicorn {args.workers}x{args.threads}; latency p50 {r['p50'] * 1000:.0f} ms, "
        f"p95 {r['p95'] * 1000:.0f} ms, p99 {r['p99'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms; statuses {r['statuses']}"
    )
    say(
        f"  CPU: gunicorn {server_cpu:.1f} s = {server_cpu / r['n'] * 1000:.1f} ms per protocol "
        f"(start-up included); this client {client_cpu:.1f} s; PostgreSQL not counted"
    )
    for sample in r["samples"]:
        say(f"  refused: {sample!r}")
    from saylau.web.results.models import Protocol
    from saylau.web.results.services import distribute_mandates, live_tally
    from saylau.web.results.services.tabulation import _list_entries
    from saylau.web.results.tally import distribute

    say(
        f"  protocols in force: {Protocol.objects.filter(election=election, is_current=True).count()}"
    )
    full, pure = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        d = distribute_mandates(actor=None, election=election)
        full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tally, _expected = live_tally(election)
        _lists, entries = _list_entries(election)
        distribute(
            body="mazhilis",
            day=election.day,
            seats=69,
            rules="kz-2023",
            lists=entries,
            totals=tally.total,
        )
        pure.append(time.perf_counter() - t0)
    say(
        f"re-tabulation + allocation (distribute_mandates, {d.protocols} protocols): median "
        f"{statistics.median(full):.3f} s, worst {max(full):.3f} s; seats {d.allocation['seats']}"
    )
    say(
        f"read + tally + allocate without storing: median {statistics.median(pure):.3f} s, worst {max(pure):.3f} s"
    )
    say(f"load after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
