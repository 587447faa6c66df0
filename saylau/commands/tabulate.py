"""``saylau tabulate DIR``: the results of an election from its files.

DIR/election.json describes the election, its parties and lists and its single-member
districts (docs/formats/election.md); DIR/protocols/*.json are precinct protocols of either race
(docs/formats/protocol.md). Prints JSON: totals, per district, seats per party, mandates per
candidate, and each single-member district's totals and winner.

Exit status: 0 on a result; 1 when protocols fail the control ratios or are missing (the
output names them, and no seats are given); 2 on input that cannot be used (the message
names the file and the field); 3 when the law leaves seats to a decision (reported undecided),
list seats or a single-member district.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from saylau.errors import InputError

FORMAT = "saylau-election/1"
EXIT_CHECKS_FAILED = 1
EXIT_UNDECIDED = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tabulate",
        help="tabulate precinct protocols and distribute the mandates (JSON out)",
        description="Sum DIR/protocols/*.json up the commissions and distribute the party-list "
        "mandates of DIR/election.json through the law layer.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--lang", choices=("ru", "kk", "en"), default="en", help="language of messages")
    p.set_defaults(handler=run)


def _need(
    data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], file: str, where: str = ""
) -> Any:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, kind) or value == "":
        raise InputError(f"is required ({_kind_name(kind)})", file=file, field=f"{where}{key}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def read_election(path: Path) -> dict[str, Any]:
    """Read and check election.json; raise :class:`InputError` naming the file and field."""
    from saylau.commands.seats import read_json

    file = str(path)
    data = read_json(file)
    if not isinstance(data, Mapping):
        raise InputError("must be a JSON object", file=file, field="(top)")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise InputError(f"unknown format {fmt!r} (expected {FORMAT!r})", file=file, field="format")
    ident = _need(data, "id", (str, int), file)
    body = _need(data, "body", str, file)
    if body not in ("mazhilis", "maslikhat"):
        raise InputError(f"must be mazhilis or maslikhat, not {body!r}", file=file, field="body")
    try:
        day = dt.date.fromisoformat(_need(data, "day", str, file))
    except ValueError:
        raise InputError("must be YYYY-MM-DD", file=file, field="day") from None
    seats = _need(data, "list_seats", int, file) if "list_seats" in data else 0
    has_districts = bool(data.get("single_member_districts"))
    if seats < (0 if has_districts else 1):
        msg = "must be at least 1" if not has_districts else "must not be negative"
        raise InputError(msg, file=file, field="list_seats")
    rules = data.get("rule_set")
    if rules is not None and not isinstance(rules, str):
        raise InputError("must be a rule set name such as kz-2023", file=file, field="rule_set")
    raw_parties = data.get("parties", [] if seats == 0 else None)
    if not isinstance(raw_parties, list) or (seats and not raw_parties):
        raise InputError("must be a non-empty list", file=file, field="parties")
    parties = []
    seen_codes: set[str] = set()
    seen_people: dict[str, str] = {}
    for i, item in enumerate(raw_parties):
        where = f"parties[{i}]."
        if not isinstance(item, Mapping):
            raise InputError("must be an object", file=file, field=f"parties[{i}]")
        code = _need(item, "code", str, file, where)
        if code in seen_codes:
            raise InputError(f"{code!r} appears twice", file=file, field=f"{where}code")
        seen_codes.add(code)
        raw_at = _need(item, "registered_at", str, file, where)
        try:
            registered_at = dt.datetime.fromisoformat(raw_at)
        except ValueError:
            raise InputError(
                "must be an ISO date and time", file=file, field=f"{where}registered_at"
            ) from None
        if registered_at.tzinfo is None:
            raise InputError(
                "must carry a time zone (+05:00)", file=file, field=f"{where}registered_at"
            )
        candidates = item.get("candidates", [])
        if not isinstance(candidates, list) or not all(
            isinstance(c, str) and c for c in candidates
        ):
            raise InputError("must be a list of names", file=file, field=f"{where}candidates")
        for name in candidates:
            if name in seen_people:
                msg = f"{name!r} is also on the list of {seen_people[name]!r}"
                raise InputError(msg, file=file, field=f"{where}candidates")
            seen_people[name] = code
        declined = item.get("declined", [])
        if not isinstance(declined, list) or any(d not in candidates for d in declined):
            raise InputError(
                "must name candidates of this list", file=file, field=f"{where}declined"
            )
        parties.append(
            {
                "code": code,
                "name": item.get("name") or code,
                "registered_at": registered_at,
                "candidates": candidates,
                "declined": declined,
            }
        )
    times = [p["registered_at"] for p in parties]
    if len(set(times)) != len(times):
        raise InputError("two lists share a registration time", file=file, field="parties")
    precincts: dict[int, str] | None = None
    if data.get("precincts") is not None:
        raw = data["precincts"]
        if not isinstance(raw, list):
            raise InputError("must be a list", file=file, field="precincts")
        precincts = {}
        for i, item in enumerate(raw):
            where = f"precincts[{i}]."
            if not isinstance(item, Mapping):
                raise InputError("must be an object", file=file, field=f"precincts[{i}]")
            number = _need(item, "number", int, file, where)
            precincts[number] = str(_need(item, "district", (str, int), file, where))
    from .tabulate_districts import read_districts

    return {
        "id": str(ident),
        "districts": read_districts(data, file, precincts),
        "name": data.get("name", ""),
        "body": body,
        "day": day,
        "list_seats": seats,
        "rule_set": rules,
        "parties": parties,
        "precincts": precincts,
    }


def run(args: argparse.Namespace) -> int:
    from saylau.commands.seats import read_json
    from saylau.law.protocol import (
        ProtocolError,
        Race,
        check_fits,
        protocol_from_dict,
        protocol_to_dict,
    )
    from saylau.law.tally import ListEntry, distribute, sum_checks, tally

    from .tabulate_districts import add_protocol, tabulate_districts

    root = Path(args.dir)
    if not root.is_dir():
        raise InputError("not a directory", file=str(root))
    election = read_election(root / "election.json")
    files = sorted((root / "protocols").glob("*.json"))
    if not files:
        raise InputError("no protocol files (*.json)", file=str(root / "protocols"))
    codes = sorted(p["code"] for p in election["parties"])
    rows: list[tuple[str, str, dict[str, Any]]] = []
    failed: list[dict[str, Any]] = []
    seen: dict[int, str] = {}
    districts = election["districts"]
    for path in files:
        source = str(path)
        protocol = protocol_from_dict(read_json(source), source=source)
        try:  # the law's rule, as the results app applies it
            check_fits(
                protocol, election=election["id"], precincts=election["precincts"], list_codes=codes
            )
        except ProtocolError as exc:
            raise InputError(exc.message, file=source, field=exc.field) from exc
        if protocol.race == Race.SINGLE_MEMBER:
            add_protocol(districts, protocol, protocol_to_dict(protocol), source)
            _check(protocol, source, failed, args.lang)
            continue
        if election["list_seats"] == 0:
            msg = "the election has no seats by party lists"
            raise InputError(msg, file=source, field="race")
        if protocol.precinct_no in seen:
            msg = f"precinct {protocol.precinct_no} also has {seen[protocol.precinct_no]}"
            raise InputError(msg, file=source, field="precinct_no")
        seen[protocol.precinct_no] = source
        district = "-"
        if election["precincts"] is not None:
            district = election["precincts"][protocol.precinct_no]
        _check(protocol, source, failed, args.lang)
        rows.append((district, str(protocol.precinct_no), protocol_to_dict(protocol)))
    missing: list[Any] = []
    if election["list_seats"]:
        missing = sorted(set(election["precincts"] or ()) - set(seen))
    result_tally = tally(rows)
    district_results, district_missing, district_undecided = tabulate_districts(districts)
    out: dict[str, Any] = {
        "election": election["id"],
        "protocols": len(rows),
        "expected": None
        if election["precincts"] is None or not election["list_seats"]
        else len(election["precincts"]),
        **result_tally.to_json(),
    }
    if districts:
        out["single_member"] = district_results
    problems = sum_checks(result_tally)
    if failed or missing or district_missing or problems:
        out["failed"] = failed
        out["missing_precincts"] = missing
        if districts:
            out["missing_single_member"] = district_missing
        out["sum_problems"] = problems
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_CHECKS_FAILED
    if not election["list_seats"]:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_UNDECIDED if district_undecided else 0
    ordered = sorted(election["parties"], key=lambda p: p["registered_at"])
    result = distribute(
        body=election["body"],
        day=election["day"],
        seats=election["list_seats"],
        rules=election["rule_set"],
        lists=[
            ListEntry(
                code=p["code"],
                name=p["name"],
                registration_order=i,
                candidates=p["candidates"],
                declined=p["declined"],
            )
            for i, p in enumerate(ordered, start=1)
        ],
        totals=result_tally.total,
        election=election["id"],
    )
    allocation = result.allocation.to_json(args.lang)
    out["rules"] = allocation["rules"]
    out["quota"] = allocation["quota"]
    out["seats"] = allocation["seats"]
    if "undecided" in allocation:
        out["undecided"] = allocation["undecided"]
    out["mandates"] = {code: list(names) for code, names in result.mandates.items()}
    out["vacant"] = {code: n for code, n in result.vacant.items() if n}
    out["steps"] = allocation["steps"]
    print(json.dumps(out, ensure_ascii=False, indent=2))
    undecided = result.allocation.undecided is not None or district_undecided
    return EXIT_UNDECIDED if undecided else 0


def _check(protocol: Any, source: str, failed: list[dict[str, Any]], lang: str) -> None:
    """Run the control ratios; a protocol with an error is named in ``failed``."""
    from saylau.law.protocol import check_protocol

    errors = [f for f in check_protocol(protocol) if f.severity == "error"]
    if errors:
        failed.append(
            {
                "file": source,
                "precinct_no": protocol.precinct_no,
                "race": protocol.race,
                "findings": [f.to_dict(lang) for f in errors],
            }
        )
