"""``saylau import-registry`` and ``saylau apply-events``: the voter register from the command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

#: Rejections printed on stderr before only counting the rest.
PRINT_REJECTIONS = 200


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import-registry",
        help="import a registry extract (districts, precincts, addresses, persons) as a new version",
        description=(
            "Stream a registry extract into the register. Prints one JSON summary on stdout; "
            "progress and rejected rows (file:line column: reason) on stderr. Exit 2 when a "
            "file is unusable (nothing is applied)."
        ),
    )
    p.add_argument("directory", type=Path)
    p.add_argument("--region-code", help="the region, when DIR has no region.json")
    p.add_argument(
        "--full", action="store_true", help="diff every row even for an unchanged extract"
    )
    p.add_argument(
        "--allow-removals",
        action="store_true",
        help="confirm that the extract may remove more than SAYLAU_MASS_REMOVAL_PERCENT of the region",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=import_registry_command)

    e = sub.add_parser(
        "apply-events",
        help="apply a registry events CSV (docs/formats/registry-events.md), all or nothing",
    )
    e.add_argument("file", type=Path)
    e.add_argument("--quiet", action="store_true")
    e.set_defaults(handler=apply_events_command)


def import_registry_command(args: argparse.Namespace) -> int:
    from saylau.commands._django import setup

    setup()
    from saylau.web.register.models import RegisterImport
    from saylau.web.register.services.extract import Rejection
    from saylau.web.register.services.importing import import_registry

    printed = 0
    last = [0.0]

    def on_reject(r: Rejection) -> None:
        nonlocal printed
        printed += 1
        if printed <= PRINT_REJECTIONS:
            print(f"rejected {r.as_text()}", file=sys.stderr)
        elif printed == PRINT_REJECTIONS + 1:
            print("more rejected rows: only counted from here on", file=sys.stderr)

    def progress(job: RegisterImport, label: str) -> None:
        now = time.monotonic()
        if args.quiet or now - last[0] < 1.0:
            return
        last[0] = now
        print(
            f"{label}: {job.percent}% ({job.bytes_read:,} of {job.bytes_total:,} bytes)",
            file=sys.stderr,
        )

    result = import_registry(
        directory=args.directory,
        region_code=args.region_code,
        actor="saylau import-registry",
        full=args.full,
        progress=progress,
        on_reject=on_reject,
        allow_removals=args.allow_removals,
    )
    if result.removals_withheld:
        print(
            f"{result.removals_withheld} person(s) no longer listed were NOT removed: "
            "rows of registry/persons.csv were rejected, and a removal needs a complete, "
            "valid extract; fix the rows and import again",
            file=sys.stderr,
        )
    print(json.dumps(result.summary()))
    return 0


def apply_events_command(args: argparse.Namespace) -> int:
    from saylau.commands._django import setup

    setup()
    from saylau.web.register.services.events import apply_events_file

    report = apply_events_file(path=args.file, actor="saylau apply-events")
    print(json.dumps(report.summary()))
    return 0
