"""``saylau seats CASE.json``: distribute party-list seats (docs/formats/seat-case.md).

Exit status: 0 on an allocation, 2 on a case that is not valid (the message names the field),
3 when the law leaves seats to a decision the data cannot make (they are reported undecided).
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from saylau.errors import InputError

EXIT_UNDECIDED = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "seats",
        help="distribute party-list seats for a case file (exit 3 when undecided)",
        description="Distribute party-list seats by the rule set in force for the case's body "
        "and date (Hare quota, largest remainders, exact arithmetic).",
    )
    p.add_argument("case", metavar="CASE.json")
    p.add_argument("--rules", metavar="RULESET", help="override the rule set (e.g. kz-2009)")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument(
        "--lang",
        choices=("ru", "kk", "en"),
        default=None,
        help="language of the trace (default: ru for text, en for json)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from saylau.law.seats import allocate, load_case, render_trace, rule_set

    data = read_json(args.case)
    case = load_case(data, source=args.case)
    rules = rule_set(args.rules) if args.rules else None
    allocation = allocate(case, rules)
    if args.format == "text":
        print(render_trace(allocation, args.lang or "ru"), end="")
    else:
        print(json.dumps(allocation.to_json(args.lang or "en"), ensure_ascii=False, indent=2))
    return EXIT_UNDECIDED if allocation.undecided is not None else 0


def read_json(path: str) -> Any:
    """Read a JSON input file (also for ``saylau protocol``); errors name file and line.

    Parse ``path`` keeping decimals exact (``53.90`` stays ``Decimal('53.90')``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", file=path) from None
    from saylau.lists.io.limits import load_json

    # Limits on nesting and on the digits of a number (a 5,000-digit integer, JSON nested
    # 100,000 deep): a clear error naming file and line, never a traceback.
    return load_json(text, file=path, parse_float=Decimal)
