"""``saylau listaudit run``: the voter-list audit over the register stored in the database."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from saylau.commands._args import row_id


def register(sub: Any) -> None:
    p = sub.add_parser(
        "listaudit",
        help="run the voter-list audit over the stored register and store its findings",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    run = actions.add_parser(
        "run",
        help="audit a region's stored register (and an election's compiled lists)",
        description=(
            "Run the 16 checks over the register stored in the database and store the findings "
            "as a run (the web pages show them). Prints one JSON summary; exit 2 if it failed."
        ),
    )
    run.add_argument("--region-code", help="the region to audit")
    run.add_argument("--election", type=row_id, help="id of the election whose lists are audited")
    run.add_argument("--election-date", type=date.fromisoformat, help="YYYY-MM-DD")
    run.set_defaults(handler=run_command)
    p.set_defaults(handler=lambda _args: p.print_help() or 2)


def run_command(args: argparse.Namespace) -> int:
    from saylau.commands._django import setup
    from saylau.errors import InputError, SaylauError

    setup()
    from saylau.web.elections.models import Election
    from saylau.web.listaudit.models import AuditRun
    from saylau.web.listaudit.services.runs import execute_run
    from saylau.web.territory.models import Region

    if not args.region_code:
        msg = "give --region-code"
        raise InputError(msg, field="--region-code")
    region = Region.objects.filter(code=args.region_code).first()
    if region is None:
        msg = f"no region {args.region_code!r} in the database"
        raise InputError(msg, field="--region-code")
    election = None
    if args.election is not None:
        election = Election.objects.filter(pk=args.election).first()
        if election is None:
            msg = f"no election {args.election}"
            raise InputError(msg, field="--election")
    day = args.election_date or (election.day if election else None)
    if day is None:
        msg = "give --election or --election-date"
        raise InputError(msg, field="--election-date")
    queued = AuditRun.objects.create(
        region=region, election=election, election_date=day, source=AuditRun.Source.DATABASE
    )
    run = execute_run(queued.pk)
    print(
        json.dumps(
            {
                "run": run.pk,
                "status": run.status,
                "findings": run.findings_total,
                "counts": run.counts,
                "error": run.error,
            },
            ensure_ascii=False,
        )
    )
    if run.status != AuditRun.Status.DONE:
        raise SaylauError(run.error or "the run failed")
    return 0
