"""``saylau protocol check FILE.json...``: the control ratios of a precinct protocol.

Format: docs/formats/protocol.md. Exit 0 when no finding is an error, 1 when any is, 2 when a
file is not a valid protocol (the message names the field; nothing is checked half-way).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "protocol",
        help="precinct protocols: check the control ratios, verify against the published",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="print every finding of the control ratios; exit 1 if any is an error",
    )
    check.add_argument("files", nargs="+", metavar="FILE.json")
    check.add_argument("--format", choices=("json", "text"), default="json")
    check.add_argument("--lang", choices=("ru", "kk", "en"), default="ru")
    check.set_defaults(handler=run_check)
    register_verify(actions)


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


def register_verify(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = actions.add_parser(
        "verify",
        help="does a protocol (its QR text or JSON) match the published one? exit 0 if so",
    )
    verify.add_argument("claim", metavar="QR.txt|PROTOCOL.json")
    verify.add_argument("--results", required=True, metavar="results.json")
    verify.add_argument("--keys", required=True, metavar="keys.json")
    verify.add_argument("--format", choices=("json", "text"), default="text")
    verify.set_defaults(handler=run_verify)


def _read_document(path: str, what: str) -> dict[str, object]:
    from saylau.errors import InputError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror}", file=path) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"the {what} is cut or damaged (not JSON: {exc.msg})"
        raise InputError(msg, file=path, line=exc.lineno) from exc
    if not isinstance(data, dict):
        raise InputError(f"the {what} is not a JSON object", file=path)
    return data


def run_verify(args: argparse.Namespace) -> int:
    from saylau.errors import InputError
    from saylau.web.results.verification import ClaimError, read_qr, verify, verify_totals

    published = _read_document(args.results, "published results")
    if published.get("format") != "saylau-results/1":
        raise InputError("not a saylau-results/1 document", file=args.results, field="format")
    keys = _read_document(args.keys, "published keys")
    if keys.get("format") != "saylau-keys/1":
        raise InputError("not a saylau-keys/1 document", file=args.keys, field="format")
    try:
        raw = Path(args.claim).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=args.claim) from exc
    try:
        if raw.lstrip().startswith("{"):
            claim = _read_document(args.claim, "protocol")
        else:
            claim = read_qr(raw)
    except ClaimError as exc:
        raise InputError(exc.message, file=args.claim) from exc
    verdict = verify(claim, published, keys)
    totals = verify_totals(published, keys)
    if args.format == "json":
        print(json.dumps(verdict.to_dict() | {"totals_signature": totals}, ensure_ascii=False))
    else:
        print(_verdict_text(verdict))
        print(f"totals signature: {totals}")
    return 0 if verdict.matches else 1


def _verdict_text(verdict: object) -> str:
    from saylau.web.results.verification import Verdict

    assert isinstance(verdict, Verdict)  # noqa: S101
    n, v = verdict.precinct_no, verdict.version
    if verdict.matches:
        return f"MATCHES protocol v{v} of precinct №{n} as published (signature ok)"
    lines = {
        "other_election": "NO MATCH: the protocol is of another election",
        "no_such_precinct": f"NO MATCH: no protocol of precinct №{n} is published",
        "published_inconsistent": f"NO MATCH: the published lines of №{n} do not give its hash",
        "differs": f"DIFFERS from protocol v{v} of precinct №{n} as published",
    }
    head = lines.get(verdict.status, f"NO MATCH: signature {verdict.status} (precinct №{n})")
    rows = [f"  {d.line}: yours {d.claimed}, published {d.published}" for d in verdict.differences]
    return "\n".join([head, *rows])
