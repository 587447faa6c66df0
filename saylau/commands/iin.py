"""``saylau iin IIN...``: validate individual identification numbers (saylau.law.iin)."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timedelta, timezone

#: Kazakhstan has one time zone, UTC+5, since 1 March 2024: "today" for the future-date check.
KZ_TZ = timezone(timedelta(hours=5))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "iin",
        help="validate IINs: one JSON object per IIN; exit 1 if any is invalid",
        description="Validate 12-digit IINs (Government Resolution No. 565 of 11 June 2003). "
        "Prints one JSON object per IIN: iin, valid, birth_date, sex, error, message.",
    )
    p.add_argument("iins", nargs="+", metavar="IIN")
    p.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="reject birth dates after this day (YYYY-MM-DD; default: today in Kazakhstan)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from saylau.law.errors import InvalidIIN
    from saylau.law.iin import parse_iin

    today = args.today or datetime.now(KZ_TZ).date()
    status = 0
    for value in args.iins:
        try:
            iin = parse_iin(value, today=today)
        except InvalidIIN as exc:
            status = 1
            row = {
                "iin": value,
                "valid": False,
                "birth_date": None,
                "sex": None,
                "error": exc.code,
                "message": exc.message,
            }
        else:
            row = {
                "iin": value,
                "valid": True,
                "birth_date": iin.birth_date.isoformat(),
                "sex": iin.sex,
                "error": None,
                "message": None,
            }
        print(json.dumps(row, ensure_ascii=False))
    return status
