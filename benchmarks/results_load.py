"""Benchmark: election night. 10,223 precinct protocols submitted over HTTP into PostgreSQL,
then a full re-tabulation and seat allocation over them.

- Generates 17 regions, 220 districts, 10,223 precincts, a Mazhilis-style party-list election
  (6 lists, 69 seats) and one precinct secretary per precinct, each with a confirmed TOTP
  device, a signed-in session whose second factor is verified (as production requires) and a
  device token such as that session issues (--auth token, the default, or --auth session).
- Starts gunicorn (a runtime dependency of saylau) on loopback, DEBUG off, the second factor
  required (SAYLAU_REQUIRE_OTP=1); --worker-class sync (one request at a time per process) or
  gthread (--threads per process, keep-alive).
- Warms every worker up with protocol checks, then sends each precinct's protocol once to
  /api/results/elections/{id}/precincts/{id}/protocol as that precinct's secretary: the real
  path (device token, or session + CSRF + second factor; scope, control ratios, unique
  version, audit event).
  The client is cheap on purpose (its CPU counts against the same cores): the requests are
  built as bytes beforehand and --clients threads write them to raw sockets.
- --rate R paces the requests at R per second (open loop: request i is due at i/R s; its
  latency counts from that moment, so a server that falls behind is charged for the queue);
  --rate 0 sends as fast as the clients get answers (closed loop).
- Reports protocols per second over the run and per 10-second window, latency p50/p95/p99/max,
  statuses, and CPU seconds of the client, of gunicorn (after warm-up), of PostgreSQL and of
  the whole machine (the rest is the neighbours on a shared machine). --nice -10 (root) raises
  the priority of client, gunicorn and PostgreSQL and of their scheduler autogroups, to stand
  for the dedicated server of election night on a machine shared with other work.
- Then times `distribute_mandates` (read every protocol in force, sum up the levels, check the
  sums, allocate with the law layer, store the distribution and the mandates in one
  transaction) and the pure tally + allocation alone.

    PGPORT=54344 bash .ci/with-postgres .venv/bin/python benchmarks/results_load.py --rate 110
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import random
import resource
import secrets
import signal
import socket
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
CLK_TCK = os.sysconf("SC_CLK_TCK")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "saylau.web.config.settings.local"
    os.environ["SAYLAU_DEBUG"] = "0"
    # The morning after voting day (21.03.2027): protocols, tabulation and publication are in
    # their statutory windows (saylau/law/windows.py).
    os.environ.setdefault("SAYLAU_AS_OF", "2027-03-22T09:00")
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


def generate(say: Any) -> tuple[Any, list[tuple[int, int, str, str]]]:
    """The election, and (precinct id, precinct number, session key, device token) per
    precinct. Each secretary has a confirmed TOTP device, a session that has passed the
    second factor, and a device token such as that session would issue."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from saylau.web.accounts.models import Role, User
    from saylau.web.results.device_tokens import PREFIX, digest
    from saylau.web.results.models import DeviceToken

    election, precincts = generate_territory(PRECINCTS)
    stamp = secrets.token_hex(3)
    now = timezone.now()
    users = User.objects.bulk_create(
        (
            User(
                username=f"b{stamp}-{p.number}",
                role=Role.PRECINCT,
                precinct=p,
                district_id=p.district_id,
                region_id=p.region_id,
                password="!",  # noqa: S106 - an unusable password: sessions are made directly
            )
            for p in precincts
        ),
        batch_size=2000,
    )
    devices = TOTPDevice.objects.bulk_create(
        (TOTPDevice(user=u, name="phone", confirmed=True) for u in users), batch_size=2000
    )
    store = SessionStore()
    expire = now + dt.timedelta(days=1)
    sessions = []
    for user, device in zip(users, devices, strict=True):
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
            DEVICE_ID_SESSION_KEY: device.persistent_id,
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
    Session.objects.bulk_create(sessions, batch_size=2000)
    tokens = [PREFIX + secrets.token_urlsafe(32) for _ in users]
    DeviceToken.objects.bulk_create(
        (
            DeviceToken(
                user=user,
                digest=digest(token),
                auth_hash=user.get_session_auth_hash(),
                label="bench",
                created_at=now,
                expires_at=expire,
            )
            for user, token in zip(users, tokens, strict=True)
        ),
        batch_size=2000,
    )
    say(
        f"  {REGIONS} regions, {DISTRICTS} districts, {len(precincts)} precincts and "
        "secretaries (TOTP verified sessions)"
    )
    return election, [
        (p.pk, p.number, s.session_key, t)
        for p, s, t in zip(precincts, sessions, tokens, strict=True)
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


def start_server(
    port: int, worker_class: str, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="saylau.web.config.settings.local",
        SAYLAU_DEBUG="0",
        SAYLAU_REQUIRE_OTP="1",
    )
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "saylau.web.config.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "--worker-class",
        worker_class,
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/docs")
            conn.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start (make install?)")


# --- CPU accounting from /proc (utime + stime, in seconds) -------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def _children(ppid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and int(fields[1]) == ppid:
                out.append(int(entry))
    return out


def tree_cpu(root: int) -> float:
    """CPU seconds of ``root``, its live children and the children it has reaped."""
    total = 0.0
    fields = _stat(root)
    if fields is not None:
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    for child in _children(root):
        fields = _stat(child)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine (every core, every process) so far."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / CLK_TCK


def set_priority(pids: list[int], niceness: int) -> None:
    """Set the nice value of ``pids`` and of their scheduler autogroups (root only; with
    autogroups a process's nice counts only inside its group, the group's against the other
    sessions'). PostgreSQL backends forked later inherit the postmaster's."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
        with contextlib.suppress(OSError):
            Path(f"/proc/{pid}/autogroup").write_text(str(niceness))


def postmaster_pid() -> int | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        (directory,) = cursor.fetchone()
    try:
        return int(Path(directory, "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


# --- the client --------------------------------------------------------------------------


def raw_request(
    path: str, body: bytes, job: tuple[int, int, str, str], port: int, auth: str
) -> bytes:
    """The request as bytes: with the session cookie and its CSRF token, or the device token."""
    if auth == "session":
        csrf = secrets.token_hex(16)
        credentials = f"X-CSRFToken: {csrf}\r\nCookie: sessionid={job[2]}; csrftoken={csrf}\r\n"
    else:
        credentials = f"Authorization: Bearer {job[3]}\r\n"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n{credentials}\r\n"
    )
    return head.encode() + body


class Connection:
    """One keep-alive HTTP/1.1 connection that reconnects when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None

    def send(self, request: bytes) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.sock is None:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                self.sock.sendall(request)
                return self._read()
            except (ConnectionError, TimeoutError, IndexError):
                self.sock.close()
                self.sock = None
                if attempt == 2:
                    raise
        raise AssertionError

    def _read(self) -> tuple[int, bytes]:
        assert self.sock is not None
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            buf += chunk
        head, _sep, rest = buf.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _c, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        while len(rest) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            rest += chunk
        if close:
            self.sock.close()
            self.sock = None
        return status, rest[:length]


def warm_up(
    port: int, election_id: int, work: list[tuple[int, int, str, str]], rounds: int, auth: str
) -> None:
    """Protocol checks (no write) through every worker: imports, URL tables, connections."""
    rng = random.Random(7)
    conns = [Connection(port) for _ in range(8)]

    def go(conn: Connection, jobs: list[tuple[int, int, str, str]]) -> None:
        for job in jobs:
            body = json.dumps(protocol(rng, election_id, job[1])).encode()
            path = f"/api/results/elections/{election_id}/precincts/{job[0]}/check"
            status, payload = conn.send(raw_request(path, body, job, port, auth))
            if status != 200:
                raise SystemExit(f"warm-up check answered {status}: {payload[:300]!r}")

    sample = work[:rounds]
    threads = [
        threading.Thread(target=go, args=(c, sample[i :: len(conns)])) for i, c in enumerate(conns)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def load(
    port: int,
    election_id: int,
    work: list[tuple[int, int, str, str]],
    clients: int,
    rate: float,
    auth: str,
) -> dict[str, Any]:
    rng = random.Random(5)
    requests = [
        raw_request(
            f"/api/results/elections/{election_id}/precincts/{job[0]}/protocol",
            json.dumps(protocol(rng, election_id, job[1])).encode(),
            job,
            port,
            auth,
        )
        for job in work
    ]
    n = len(requests)
    done: list[tuple[float, float, int]] = [(0.0, 0.0, 0)] * n  # (due, finished, status)
    samples: list[bytes] = []
    counter = iter(range(n))
    take = threading.Lock()
    start = time.perf_counter() + 0.2

    def client() -> None:
        conn = Connection(port)
        while True:
            with take:
                i = next(counter, None)
            if i is None:
                return
            due = start + i / rate if rate > 0 else time.perf_counter()
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            status, payload = conn.send(requests[i])
            done[i] = (due, time.perf_counter(), status)
            if status != 201 and len(samples) < 3:
                samples.append(payload[:300])

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    first = min(d[0] for d in done)
    wall = max(d[1] for d in done) - first
    latencies = sorted(d[1] - d[0] for d in done)
    statuses: dict[int, int] = {}
    for d in done:
        statuses[d[2]] = statuses.get(d[2], 0) + 1
    windows = []
    for w in range(int(wall // 10) + 1):
        lo, hi = first + 10 * w, first + 10 * (w + 1)
        inside = sorted(d[1] - d[0] for d in done if lo <= d[1] < hi)
        if inside:
            windows.append((len(inside) / min(10.0, wall - 10 * w), pct(inside, 0.99)))

    return {
        "n": n,
        "wall": wall,
        "rate": n / wall,
        "p50": pct(latencies, 0.50),
        "p95": pct(latencies, 0.95),
        "p99": pct(latencies, 0.99),
        "max": latencies[-1],
        "mean": statistics.fmean(latencies),
        "statuses": statuses,
        "samples": samples,
        "windows": windows,
    }


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=110.0, help="requests/s; 0: closed loop")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--auth",
        default="token",
        choices=("token", "session"),
        help="device token (Authorization: Bearer) or session cookie + CSRF",
    )
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=18744)
    parser.add_argument("--warm-up", type=int, default=200, help="protocol checks first")
    parser.add_argument("--repeat", type=int, default=3, help="re-tabulation runs")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run client, gunicorn and PostgreSQL at this nice value (e.g. -10, root only): on a "
        "machine shared with other work it approximates the dedicated server of election night",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under .ci/with-postgres (DATABASE_URL=postgres://...)")
    say = print
    say(
        f"{platform.node()} {platform.python_version()} {os.cpu_count()} cores, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()}"
    )
    setup_django()
    election, work = generate(say)
    postmaster = postmaster_pid()
    if args.nice:
        set_priority([os.getpid()], args.nice)  # gunicorn inherits it
        if postmaster:
            set_priority([postmaster, *_children(postmaster)], args.nice)
        say(f"  client, gunicorn and PostgreSQL at nice {args.nice} (the neighbours at 0)")
    server = start_server(args.port, args.worker_class, args.workers, args.threads)
    try:
        warm_up(args.port, election.pk, work, args.warm_up, args.auth)
        say(f"  warmed up; load {os.getloadavg()}")
        before = (
            resource.getrusage(resource.RUSAGE_SELF),
            tree_cpu(server.pid),
            tree_cpu(postmaster) if postmaster else 0.0,
            machine_cpu(),
        )
        r = load(args.port, election.pk, work, args.clients, args.rate, args.auth)
        mine = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = tree_cpu(server.pid) - before[1]
        pg_cpu = (tree_cpu(postmaster) - before[2]) if postmaster else float("nan")
        all_cpu = machine_cpu() - before[3]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if args.nice:
            set_priority(
                [os.getpid(), *([postmaster, *_children(postmaster)] if postmaster else [])], 0
            )
    client_cpu = (mine.ru_utime + mine.ru_stime) - (before[0].ru_utime + before[0].ru_stime)
    pace = f"paced at {args.rate:g}/s" if args.rate > 0 else "closed loop"
    server_kind = f"gunicorn {args.worker_class} {args.workers}x{args.threads}, {args.auth} auth"
    say(
        f"submit over HTTP: {r['n']} protocols in {r['wall']:.1f} s = {r['rate']:.1f}/s "
        f"({pace}, {args.clients} clients, {server_kind}); latency p50 {r['p50'] * 1000:.0f} ms, "
        f"p95 {r['p95'] * 1000:.0f} ms, p99 {r['p99'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms; "
        f"statuses {r['statuses']}"
    )
    per = 1000 / r["n"]
    others = all_cpu - server_cpu - pg_cpu - client_cpu
    say(
        f"  CPU during the run: gunicorn {server_cpu:.1f} s ({server_cpu * per:.1f} ms/protocol), "
        f"PostgreSQL {pg_cpu:.1f} s ({pg_cpu * per:.1f} ms), this client {client_cpu:.1f} s "
        f"({client_cpu * per:.1f} ms), whole machine {all_cpu:.1f} s of {2 * r['wall']:.0f} "
        f"(others {others:.1f} s)"
    )
    say(
        "  per 10 s window (rate/s, p99 ms): "
        + ", ".join(f"{w[0]:.0f}/{w[1] * 1000:.0f}" for w in r["windows"])
    )
    for sample in r["samples"]:
        say(f"  refused: {sample!r}")
    say(f"  load after the run: {os.getloadavg()}")
    from saylau.law.tally import distribute
    from saylau.web.audit.services import verify_chain
    from saylau.web.results.models import Protocol
    from saylau.web.results.services import distribute_mandates, live_tally
    from saylau.web.results.services.decisions import list_entries

    in_force = Protocol.objects.filter(election=election, is_current=True).count()
    say(f"  protocols in force: {in_force}; audit chain problems: {len(verify_chain())}")
    if args.repeat <= 0:
        return 0
    full, pure = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        d = distribute_mandates(actor=None, election=election)
        full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tally, _expected = live_tally(election)
        _lists, entries = list_entries(election)
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
