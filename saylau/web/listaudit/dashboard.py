"""The list-audit panel of the dashboard: the latest run of the user's region and what is open."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from saylau.web.accounts.models import Level
from saylau.web.accounts.scope import Scope

from .models import AuditRun, Finding
from .selectors import can_see_findings, scoped_findings


def panel(*, user: Any, scope: Scope) -> dict[str, Any] | None:
    if scope.level is Level.NONE:
        return None
    runs = AuditRun.objects.filter(status=AuditRun.Status.DONE)
    if not scope.is_country:
        runs = runs.filter(region_id=scope.region_id or 0)
    run = runs.select_related("region").order_by("-id").first()
    if run is None:
        return None
    findings = scoped_findings(scope, Finding.objects.filter(run=run))
    totals = findings.aggregate(
        total=Count("id"), open=Count("id", filter=Q(status__in=["open", "reopened"]))
    )
    return {
        "title": _("Voter-list audit"),
        "template": "listaudit/_panel.html",
        "order": 35,
        "context": {"run": run, "totals": totals, "personal": can_see_findings(user)},
    }
