"""``saylau worker``: run the background jobs (register imports, list audits) of the task queue."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "worker",
        help="run the background jobs queued by the web application (imports, list audits)",
        description=(
            "Take jobs from the task queue in the database and run them, one at a time, until "
            "stopped (SIGTERM or Ctrl+C finish the current job first). Jobs left running by a "
            "worker that died are resumed or marked failed when it starts. Run one or more "
            "beside the web servers in production; `saylau serve` starts one itself."
        ),
    )
    p.add_argument("--batch", action="store_true", help="run the jobs waiting now, then exit")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between looks at the queue")
    p.add_argument("--max-tasks", type=int, help="exit after this many jobs")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup()
    from django.core.management import call_command

    from saylau.web.core import jobs

    for handled in jobs.reap_all():
        print(f"saylau worker: {handled} had lost its worker", file=sys.stderr)
    from saylau.web.signing.tasks import ensure_scheduled

    ensure_scheduled()  # today's signed audit head, then one a day (docs/signing.md)
    options: dict[str, Any] = {
        "reload": False,
        "startup_delay": False,
        "interval": args.interval,
        "batch": args.batch,
        "verbosity": 1,
    }
    if args.max_tasks:
        options["max_tasks"] = args.max_tasks
    call_command("db_worker", **options)
    return 0


def start_beside(*, quiet: bool = False) -> subprocess.Popen[bytes]:
    """Start ``saylau worker`` as a child process of the command that calls this (``saylau
    serve``): the same Python, the same environment; stop it with :func:`stop`."""
    out = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "saylau.cli", "worker"], env=os.environ.copy(), stdout=out
    )


def stop(child: subprocess.Popen[bytes], *, grace: float = 30.0) -> None:
    """Ask the worker to finish its job and stop; kill it if it will not."""
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
