"""``saylau serve``: serve the web application, with a worker for its background jobs beside it."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="serve the web application (http://127.0.0.1:8000)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--demo", action="store_true", help="load the demo region first if the database is empty"
    )
    p.add_argument(
        "--no-worker",
        action="store_true",
        help="do not start a worker for the background jobs (run `saylau worker` yourself)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup(migrate=args.demo)  # `make run` is `serve --demo`: a fresh machine migrates
    if args.demo:
        from saylau.web.core.demo import load_demo_if_empty

        load_demo_if_empty(stdout_logins=True)
    from django.conf import settings
    from django.core.management import call_command

    from saylau.commands import worker

    queued = "django_tasks_db" in settings.TASKS["default"]["BACKEND"]
    child = worker.start_beside() if queued and not args.no_worker else None
    try:
        call_command(
            "runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True
        )
    finally:
        if child is not None:
            worker.stop(child)
    return 0
