"""``saylau audit-log verify``: walk the hash chain of the audit log and report every break."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("audit-log", help="check the append-only audit log")
    actions = p.add_subparsers(dest="audit_log_command", metavar="ACTION", required=True)
    v = actions.add_parser(
        "verify", help="walk the hash chain; exit 1 if an event was edited, inserted or deleted"
    )
    v.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="FILE",
        help="a file of heads published earlier ('#seq hash', as verify and head print them); "
        "each must still be in the log with the same hash",
    )
    v.set_defaults(handler=run_verify)
    h = actions.add_parser(
        "head", help="print the head of the chain ('#seq hash') to publish outside saylau"
    )
    h.set_defaults(handler=run_head)


def run_verify(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup()
    from saylau.errors import InputError
    from saylau.web.audit.models import AuditEvent
    from saylau.web.audit.services import check_anchors, iter_chain_problems, parse_anchors

    anchors = []
    for name in getattr(args, "anchor", []):
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the anchors: {exc}", file=name) from exc
        found = parse_anchors(text)
        if not found:
            raise InputError("no anchor ('#seq <64 hex digits>') in this file", file=name)
        anchors.extend(found)
    problems = 0
    for problem in [*iter_chain_problems(), *check_anchors(anchors)]:
        problems += 1
        print(f"event {problem.seq}: {problem.code}: {problem.message}")
    if problems:
        print(f"BROKEN: {problems} problem(s) in the audit log")
        return 1
    # The chain cannot show that its newest events were cut off: the head hash printed here
    # is what an operator records elsewhere (a protocol, a daily e-mail) to detect that.
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    count = AuditEvent.objects.count()
    checked = f", {len(anchors)} anchor(s) hold" if anchors else ""
    print(f"OK {count} events" + (f", head #{head[0]} {head[1]}" if head else "") + checked)
    return 0


def run_head(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup()
    from saylau.web.audit.models import AuditEvent

    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash", "created_at").first()
    if head is None:
        print("the audit log is empty")
        return 0
    print(f"#{head[0]} {head[1]} {head[2].isoformat()}")
    return 0
