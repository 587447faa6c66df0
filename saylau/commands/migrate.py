"""``saylau migrate`` and ``saylau manage``: the schema and Django's own commands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("migrate", help="bring the database schema up to date")
    p.set_defaults(handler=run_migrate)
    m = sub.add_parser("manage", help="run a Django management command (for administrators)")
    m.add_argument("args", nargs=argparse.REMAINDER)
    m.set_defaults(handler=run_manage)


def run_migrate(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup(migrate=True, verbose=True)
    return 0


def run_manage(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup(check=False)  # makemigrations, migrate --plan, ...
    from django.core.management import execute_from_command_line

    execute_from_command_line(["saylau manage", *args.args])
    return 0
