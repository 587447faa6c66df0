"""``saylau commissions``: training coverage export and the starter question bank.

    saylau commissions coverage --election 3 [--region ZHA] -o coverage.xlsx
    saylau commissions load-questions

The command runs with the database's full view (an administrator's tool), or the view of a
regional commission with ``--region``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

from saylau.commands._args import row_id
from saylau.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("commissions", help="election commissions and their training")
    inner = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = inner.add_parser("coverage", help="export training coverage to XLSX")
    c.add_argument("--election", type=row_id, required=True, help="election id")
    c.add_argument("--region", help="region code: only that region's commissions")
    c.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx file to write")
    c.set_defaults(handler=run_coverage)
    q = inner.add_parser("load-questions", help="add the starter question bank (idempotent)")
    q.set_defaults(handler=run_load_questions)


def _reader(region_id: int | None) -> SimpleNamespace:
    """Who the selectors see reading: the whole country, or one region's commission."""
    from saylau.web.accounts.models import Role

    if region_id is None:
        return SimpleNamespace(is_authenticated=True, is_active=True, role=Role.CEC)
    return SimpleNamespace(
        is_authenticated=True, is_active=True, role=Role.REGIONAL, region_id=region_id
    )


def run_coverage(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup()
    from saylau.web.commissions.exports import coverage_xlsx
    from saylau.web.commissions.selectors import coverage_export_data, coverage_total
    from saylau.web.elections.models import Election
    from saylau.web.territory.models import Region

    election = Election.objects.filter(pk=args.election).first()
    if election is None:
        msg = f"no election with id {args.election}"
        raise InputError(msg, field="--election")
    region_id = None
    if args.region:
        region = Region.objects.filter(code=args.region).first()
        if region is None:
            msg = f"no region with code {args.region!r}"
            raise InputError(msg, field="--region")
        region_id = region.pk
    reader = _reader(region_id)
    grid = coverage_export_data(reader, election)  # the page's two-query export
    districts = grid.districts
    data = coverage_xlsx(districts, grid.precincts, grid.untrained)
    tmp = args.output.with_suffix(args.output.suffix + ".part")
    tmp.write_bytes(data)
    tmp.replace(args.output)
    total = coverage_total(districts)
    print(
        f"{args.output}: {total.members} members, {total.trained} trained, "
        f"{total.failed} failed, {total.not_trained} not trained",
        file=sys.stderr,
    )
    return 0


def run_load_questions(args: argparse.Namespace) -> int:
    from saylau.commands import _django

    _django.setup()
    from saylau.web.commissions.question_bank import load_question_bank

    print(f"{load_question_bank()} question(s) added", file=sys.stderr)
    return 0
