"""``saylau audit-log verify``: walk the hash chain of the audit log and report every break."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("audit-log", help="check the append-only audit log")
    actions = p.add_subparsers(dest="audit_log_command", metavar="ACTION", required=True)
    v = actions.add_parser(
        "verify", help="walk the hash chain; exit 1 if an event was edited, inserted or deleted"
    )
    v.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup()
    from saylau.web.audit.models import AuditEvent
    from saylau.web.audit.services import iter_chain_problems

    problems = 0
    for problem in iter_chain_problems():
        problems += 1
        print(f"event {problem.seq}: {problem.code}: {problem.message}")
    if problems:
        print(f"BROKEN: {problems} problem(s) in the audit log")
        return 1
    # The chain cannot show that its newest events were cut off: the head hash printed here
    # is what an operator records elsewhere (a protocol, a daily e-mail) to detect that.
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    count = AuditEvent.objects.count()
    print(f"OK {count} events" + (f", head #{head[0]} {head[1]}" if head else ""))
    return 0
