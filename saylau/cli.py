"""The ``saylau`` command: a thin front over the law, lists and web layers.

Each subcommand lives in its own module under :mod:`saylau.commands` and exposes
``register(subparsers)``; this file only collects them and turns the errors every layer
raises into one clear line and an exit status. Command modules import their heavy
dependencies (polars, Django) inside the handler, so ``saylau iin`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from saylau import __version__
from saylau.errors import SaylauError

#: Modules under saylau.commands, in the order they are listed in ``saylau --help``.
COMMAND_MODULES: tuple[str, ...] = (
    "serve",
    "worker",
    "migrate",
    "demo",
    "iin",
    "seats",
    "protocol",
    "audit",
    "register",
    "tabulate",
    "audit_log",
    "commissions",
    "listaudit",
    "calendar",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="saylau",
        description="Election administration: voter lists, protocols, seats, commissions.",
    )
    parser.add_argument("--version", action="version", version=f"saylau {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"saylau.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"saylau.commands.{name}":
                continue  # a command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except SaylauError as exc:
        print(f"saylau {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print(f"saylau {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
