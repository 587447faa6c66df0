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


def prepare(say: object) -> tuple[int, list[int], list[int]]:
    from saylau.web.results import services

    election, precincts = results_load.generate_territory(results_load.PRECINCTS)
    rng = random.Random(7)
    started = time.perf_counter()
    for p in precincts:
        data = results_load.protocol(rng, election.pk, p.number)
        services.submit_protocol(actor=None, election=election, precinct=p, data=data)
    print(
        f"  {len(precincts)} protocols submitted and signed in {time.perf_counter() - started:.0f} s"
    )
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    districts = sorted({p.district_id for p in precincts})
    return election.pk, [p.pk for p in precincts], districts


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
    args = parser.parse_args()

    print(f"load average at start: {loadavg()}")
    results_load.setup_django()
    election, precincts, districts = prepare(print)
    os.environ["SAYLAU_AS_OF"] = "2027-03-22T09:00"
    server = results_load.start_server(args.port, "gthread", args.workers, args.threads)
    try:
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
    print(f"\n{args.users} readers, waits {args.wait_min}-{args.wait_max} s, {elapsed:.0f} s")
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
