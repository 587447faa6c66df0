"""``saylau calendar``: the statutory calendar of an election, its phase and its windows.

Text (in en, ru or kk) or JSON; every deadline with its article. ``--check ACT`` exits 2 with
the rule, its article and the date when the act is outside its window at ``--at``.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "calendar",
        help="the statutory calendar of an election: deadlines, phase, windows (text or JSON)",
        description="Deadlines of an election of BODY on DAY from saylau.law.calendar, each "
        "with its article; the phase at --at (the clock only: no recorded facts) and the window "
        "of every act. --check ACT exits 2 when ACT is outside its window at --at.",
    )
    p.add_argument("--body", choices=("mazhilis", "maslikhat"), required=True)
    p.add_argument("--day", type=date.fromisoformat, required=True, help="election day YYYY-MM-DD")
    p.add_argument(
        "--at",
        type=datetime.fromisoformat,
        default=None,
        help="local moment YYYY-MM-DDTHH:MM (default: now in Kazakhstan)",
    )
    p.add_argument("--lang", choices=("en", "ru", "kk"), default="en")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--unconfirmed", action="store_true", help="show the points still to confirm")
    p.add_argument("--check", metavar="ACT", help="exit 2 if ACT is outside its window at --at")
    p.set_defaults(handler=run)


def _now() -> datetime:
    from datetime import timedelta, timezone

    return datetime.now(timezone(timedelta(hours=5))).replace(tzinfo=None)


def run(args: argparse.Namespace) -> int:
    from saylau.law.calendar import election_calendar
    from saylau.law.phases import Facts, phase_of, phase_text
    from saylau.law.windows import window, windows

    cal = election_calendar(args.body, args.day)
    at = args.at.replace(tzinfo=None) if args.at else _now()
    if args.check:
        window(cal, args.check).require(at)
    state = phase_of(cal, at, Facts(lists_registered=True))
    lang = args.lang

    def when(d: Any) -> str:
        return d.isoformat(timespec="minutes") if isinstance(d, datetime) else ""

    deadlines = [
        {
            "code": d.code,
            "on": d.on.isoformat(),
            "at": d.at.strftime("%H:%M") if d.at else None,
            "relation": d.relation,
            "what": d.what if lang == "en" else d.describe(lang),
            "article": d.article,
            **({"unconfirmed": d.unconfirmed} if args.unconfirmed else {}),
        }
        for d in cal
    ]
    acts = [
        {
            "activity": w.activity,
            "what": w.describe(lang),
            "opens": when(w.opens) or None,
            "closes": when(w.closes) or None,
            "open": w.position(at) == "open",
            "article": w.article,
            **({"unconfirmed": w.unconfirmed} if args.unconfirmed else {}),
        }
        for w in windows(cal)
    ]
    phase = {
        "at": when(at),
        "phase": state.phase,
        "name": phase_text(state.phase, lang),
        "next": state.next,
        "next_from": when(state.next_from) or None,
    }
    if args.json:
        out = {"body": args.body, "day": args.day.isoformat(), "phase": phase}
        print(json.dumps(out | {"deadlines": deadlines, "windows": acts}, ensure_ascii=False))
        return 0
    print(f"{args.body} {args.day.isoformat()} — {phase['name']} ({phase['at']})")
    for d in deadlines:
        hour = f" {d['at']}" if d["at"] else ""
        line = f"  {d['on']}{hour:6}  {d['what']}  [{d['article']}]"
        if args.unconfirmed and d.get("unconfirmed"):
            line += f"  (to confirm: {d['unconfirmed']})"
        print(line)
    print()
    for a in acts:
        mark = "open" if a["open"] else "    "
        print(
            f"  {mark}  {a['what']}: {a['opens'] or '…'} – {a['closes'] or '…'}  [{a['article']}]"
        )
    return 0
