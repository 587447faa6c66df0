"""Demo step: one audit of the demo region, over an uploaded set with known errors.

The demo register is imported from a clean generated region, whose own lists give no finding
at all. To show every kind of finding, this step generates the same region with the
generator's injected errors (``saylau demo-data --inject-errors``: every kind of error the
audit looks for, at known places) and audits that set as a CEC user would upload it. Its
findings are placed by the set's own districts and precincts.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from saylau.web.accounts.models import Role, User
from saylau.web.territory.models import Region

from .models import AuditRun
from .services.runs import execute_run, start_run


def load(ctx: Any) -> None:
    region = ctx.extra.get("region") or Region.objects.order_by("id").first()
    user = User.objects.filter(role=Role.CEC, is_active=True).order_by("id").first()
    if region is None or user is None:
        ctx.say("  no region or no CEC user: list audit skipped")
        return
    if AuditRun.objects.filter(region=region).exists():
        ctx.say("  list audit already run")
        return
    from saylau.lists.demo import generate_region

    with tempfile.TemporaryDirectory(prefix="saylau-demo-audit-") as tmp:
        directory = Path(tmp) / "set"
        generate_region(directory, scale=ctx.scale, seed=ctx.seed, inject_errors=True)
        meta = json.loads((directory / "region.json").read_text(encoding="utf-8"))
        if meta.get("code") != region.code:  # the set must be of the demo region
            meta["code"] = region.code
            (directory / "region.json").write_text(json.dumps(meta), encoding="utf-8")
        run = start_run(
            user=user,
            region=region,
            election_date=date.fromisoformat(meta["election_date"]),
            directory=directory,
            queue=False,  # run here and now, while the set exists
        )
        run = execute_run(run.pk)
    ctx.say(f"  list audit: {run.findings_total} findings ({run.status}) {run.error}".rstrip())
