"""Benchmark: election night for readers. 1,000 concurrent readers (locust) on the public
results pages, served by gunicorn on this machine's 2 cores from PostgreSQL.

- Generates 17 regions, 220 districts, BENCH_PRECINCTS precincts (default 10,223) and a
  Mazhilis-style party-list election (6 lists) with benchmarks/results_load.py's generator;
  submits every precinct's protocol through the service (hashed and signed by the precinct
  commission's key), distributes the mandates, signs off (signed totals) and publishes.
- Starts gunicorn (gthread, --workers x --threads) with SAYLAU_AS_OF the day after voting.
- Runs locust headless: --users readers (default 1,000) spawned at --spawn-rate per second,
  each waiting --wait-min..--wait-max seconds between pages (a person reading a page), for
  --duration seconds. Each reader opens: the published results page (a random page of the
  precinct table, 35 %), the live page (25 %), a random precinct's drill-down (20 %), a random
  district (15 %), results.json (5 %).
- Reports requests, failures, requests per second, p50/p95/p99/max latency (locust), the load
  average of the machine before, during and after, and CPU seconds of gunicorn and locust.

    PGPORT=54337 bash .ci/with-postgres .venv/bin/python benchmarks/results_readers.py
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import results_load  # noqa: E402

LOCUSTFILE = """
import os
import random

from locust import HttpUser, between, task

ELECTION = int(os.environ["BENCH_ELECTION"])
PRECINCTS = [int(x) for x in os.environ["BENCH_PRECINCT_IDS"].split(",")]
DISTRICTS = [int(x) for x in os.environ["BENCH_DISTRICT_IDS"].split(",")]
PAGES = int(os.environ["BENCH_PAGES"])


class Reader(HttpUser):
    wait_time = between(float(os.environ["BENCH_WAIT_MIN"]), float(os.environ["BENCH_WAIT_MAX"]))

    @task(35)
    def published(self):
        page = random.randint(1, PAGES)
        self.client.get(f"/results/public/{ELECTION}/?page={page}", name="published page")

    @task(25)
    def live(self):
        self.client.get(f"/results/live/{ELECTION}/", name="live page")

    @task(20)
    def precinct(self):
        pk = random.choice(PRECINCTS)
        self.client.get(f"/results/live/{ELECTION}/precincts/{pk}/", name="precinct page")

    @task(15)
    def district(self):
        pk = random.choice(DISTRICTS)
        self.client.get(f"/results/live/{ELECTION}/districts/{pk}/", name="district page")

    @task(5)
    def json(self):
        self.client.get(f"/results/public/{ELECTION}/results.json", name="results.json")
"""


def prepare() -> tuple[int, list[int], list[int]]:
    """The published election. Protocols, keys and signatures are written in bulk (what the
    services write, without an audit event each: this benchmark measures reading)."""
    from datetime import datetime

    from django.conf import settings
    from django.utils import timezone

    from saylau.law.protocol import protocol_from_dict, protocol_to_dict
    from saylau.law.tally import protocol_hash
    from saylau.web.results import services
    from saylau.web.results.models import Protocol
    from saylau.web.results.signing import protocol_fields, protocol_subject
    from saylau.web.signing import crypto
    from saylau.web.signing.models import Signature, SigningKey

    election, precincts = results_load.generate_territory(results_load.PRECINCTS)
    rng = random.Random(7)
    started = time.perf_counter()
    secret = settings.SAYLAU_SIGNING_SECRET
    now = timezone.now().replace(microsecond=0)
    made = [crypto.generate(secret) for _ in precincts]
    keys = SigningKey.objects.bulk_create(
        (
            SigningKey(
                key_id=k.key_id,
                level="precinct",
                region_id=p.region_id,
                district_id=p.district_id,
                precinct_id=p.pk,
                public_key=k.public_key,
                sealed_private=k.sealed_private,
                valid_from=now,
            )
            for k, p in zip(made, precincts, strict=True)
        ),
        batch_size=2000,
    )
    rows = []
    for p in precincts:
        data = results_load.protocol(rng, election.pk, p.number)
        canonical = protocol_to_dict(protocol_from_dict(data))
        rows.append(
            Protocol(
                election=election,
                precinct=p,
                race="party_list",
                version=1,
                status=Protocol.Status.ACCEPTED,
                is_current=True,
                data=canonical,
                votes_by_code={v["code"]: v["votes"] for v in canonical["votes"]},
                sha256=protocol_hash(canonical),
                voters=canonical["voters_main_list"] + canonical["voters_additional_list"],
                ballots_issued=canonical["ballots_issued_premises"]
                + canonical["ballots_issued_outside"],
                valid=canonical["valid"],
                invalid=canonical["invalid"],
                submitted_at=now,
            )
        )
    rows = Protocol.objects.bulk_create(rows, batch_size=2000)
    signatures = []
    for row, p, key in zip(rows, precincts, keys, strict=True):
        fields = protocol_fields(
            election=election.pk,
            precinct_no=p.number,
            race="party_list",
            district=None,
            version=1,
            sha256=row.sha256,
        ) | {"signed_at": now.isoformat()}
        value = crypto.sign(
            key.sealed_private, key.key_id, secret, crypto.statement("protocol", fields)
        )
        signatures.append(
            Signature(
                kind="protocol",
                subject=protocol_subject(election.pk, row.pk),
                key=key,
                fields=fields,
                signed_at=datetime.fromisoformat(fields["signed_at"]),
                value=value,
            )
        )
    Signature.objects.bulk_create(signatures, batch_size=2000)
    print(
        f"  {len(precincts)} protocols, keys and signatures in {time.perf_counter() - started:.0f} s"
    )
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    # What the worker does after a publication (results.warm), here for the readers' language
    # (Kazakh, the default: the readers send no Accept-Language).
    from saylau.web.results.warm import warm_public_pages

    started = time.perf_counter()
    built = warm_public_pages(election.pk, languages=("kk",))
    print(f"  {built} public pages built into the cache in {time.perf_counter() - started:.0f} s")
    districts = sorted({p.district_id for p in precincts})
    return election.pk, [p.pk for p in precincts], districts


def warm_up(port: int, election: int, precincts: list[int], districts: list[int]) -> None:
    """Every worker imports and fills its cache of the shared pages before the clock starts."""
    import http.client

    paths = [f"/results/public/{election}/", f"/results/live/{election}/"]
    paths += [f"/results/live/{election}/districts/{d}/" for d in districts[:20]]
    paths += [f"/results/live/{election}/precincts/{p}/" for p in precincts[:20]]
    for _ in range(4):
        for path in paths:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--spawn-rate", type=float, default=50)
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--wait-min", type=float, default=5)
    parser.add_argument("--wait-max", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--port", type=int, default=8937)
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="nice value for gunicorn, PostgreSQL and locust (root; -10 stands for a "
        "dedicated server on a shared machine)",
    )
    args = parser.parse_args()

    print(f"load average at start: {loadavg()}")
    results_load.setup_django()
    election, precincts, districts = prepare()
    os.environ["SAYLAU_AS_OF"] = "2027-03-22T09:00"
    if args.nice:
        results_load.set_priority([os.getpid()], args.nice)  # gunicorn and locust inherit it
        postmaster = results_load.postmaster_pid()
        if postmaster:
            pids = [postmaster, *results_load._children(postmaster)]
            results_load.set_priority(pids, args.nice)
    server = results_load.start_server(args.port, "gthread", args.workers, args.threads)
    try:
        warm_up(args.port, election, precincts, districts)
        with tempfile.TemporaryDirectory() as tmp:
            locustfile = Path(tmp) / "locustfile.py"
            locustfile.write_text(LOCUSTFILE, encoding="utf-8")
            env = dict(
                os.environ,
                BENCH_ELECTION=str(election),
                BENCH_PRECINCT_IDS=",".join(map(str, precincts)),
                BENCH_DISTRICT_IDS=",".join(map(str, districts)),
                BENCH_PAGES=str(max(1, len(precincts) // 100)),
                BENCH_WAIT_MIN=str(args.wait_min),
                BENCH_WAIT_MAX=str(args.wait_max),
            )
            cmd = [
                str(Path(sys.executable).with_name("locust")),
                "-f",
                str(locustfile),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.duration}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(Path(tmp) / "run"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ]
            server_cpu = results_load.tree_cpu(server.pid)
            started = time.time()
            locust = subprocess.Popen(cmd, env=env, cwd=tmp)
            samples = []
            while locust.poll() is None:
                time.sleep(10)
                samples.append(os.getloadavg()[0])
            elapsed = time.time() - started
            server_cpu = results_load.tree_cpu(server.pid) - server_cpu
            rows = list(csv.DictReader((Path(tmp) / "run_stats.csv").open(encoding="utf-8")))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"\n{len(precincts)} precincts; {args.users} readers, waits {args.wait_min}-"
        f"{args.wait_max} s, {elapsed:.0f} s; gunicorn {args.workers}x{args.threads} gthread; "
        f"nice {args.nice}"
    )
    print("name                 requests failures   rps    p50    p95    p99    max (ms)")
    for row in rows:
        print(
            f"{row['Name'][:20]:20s} {int(row['Request Count']):8d} {int(row['Failure Count']):8d} "
            f"{float(row['Requests/s']):6.1f} {row['50%']:>6s} {row['95%']:>6s} "
            f"{row['99%']:>6s} {float(row['Max Response Time']):7.0f}"
        )
    print(f"gunicorn CPU {server_cpu:.0f} s over {elapsed:.0f} s")
    if samples:
        print(
            f"1-minute load average during the run: min {min(samples):.2f}, "
            f"max {max(samples):.2f}, mean {sum(samples) / len(samples):.2f}"
        )
    print(f"load average at the end: {loadavg()}; cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
