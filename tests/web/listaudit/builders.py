"""Small helpers of the list-audit tests."""

from __future__ import annotations

from saylau.web.listaudit.models import AuditRun, Finding


def finding_of(run: AuditRun, check: str) -> Finding:
    return Finding.objects.select_related("resolution").get(run=run, check_code=check)
