"""``saylau protocol check FILE.json...``: the control ratios of a precinct protocol.

Format: docs/formats/protocol.md. Exit 0 when no finding is an error, 1 when any is, 2 when a
file is not a valid protocol (the message names the field; nothing is checked half-way).
"""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("protocol", help="precinct protocols: check the control ratios")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="print every finding of the control ratios; exit 1 if any is an error",
    )
    check.add_argument("files", nargs="+", metavar="FILE.json")
    check.add_argument("--format", choices=("json", "text"), default="json")
    check.add_argument("--lang", choices=("ru", "kk", "en"), default="ru")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from saylau.commands.seats import read_json
    from saylau.law.protocol import check_protocol, protocol_from_dict

    # Read every file first: a bad one stops the run before anything is reported.
    protocols = [(path, protocol_from_dict(read_json(path), source=path)) for path in args.files]
    status = 0
    for path, protocol in protocols:
        findings = check_protocol(protocol)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            status = 1
        if args.format == "text":
            verdict = "ERRORS" if errors else "OK"
            print(f"{path}: precinct {protocol.precinct_no}: {verdict}")
            for f in findings:
                print(f"  {f.severity} {f.code} [{', '.join(f.fields)}]: {f.message(args.lang)}")
        else:
            row = {
                "file": path,
                "election": protocol.election,
                "precinct_no": protocol.precinct_no,
                "ok": not errors,
                "findings": [f.to_dict(args.lang) for f in findings],
            }
            print(json.dumps(row, ensure_ascii=False))
    return status
