"""Reads of the list audit, every one through the user's territorial scope.

Findings name persons (IINs, names in the message): roles that work with the register see
them one by one within their scope; observers and other roles get counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from saylau.web.accounts.models import Level
from saylau.web.accounts.scope import Scope, scope_for
from saylau.web.register.selectors import PERSONAL_DATA_ROLES
from saylau.web.territory.models import District, Precinct, Region

from .models import AuditRun, Finding

FINDING_PATHS = {"region": "region_id", "district": "district_id", "precinct": "precinct_id"}


def regions_for(user: Any) -> QuerySet[Region]:
    scope = scope_for(user)
    if scope.level is Level.NONE:
        return Region.objects.none()
    if scope.is_country:
        return Region.objects.all()
    return Region.objects.filter(pk=scope.region_id or 0)


def region_for(user: Any, region_id: int) -> Region:
    return get_object_or_404(regions_for(user), pk=region_id)


def runs_for(user: Any) -> QuerySet[AuditRun]:
    """Runs of the regions the user's scope lies in (their counts are no personal data)."""
    scope = scope_for(user)
    qs = AuditRun.objects.select_related("region", "election", "started_by")
    if scope.level is Level.NONE:
        return qs.none()
    if scope.is_country:
        return qs
    return qs.filter(region_id=scope.region_id or 0)


def run_for(user: Any, run_id: int) -> AuditRun:
    return get_object_or_404(runs_for(user), pk=run_id)


def can_see_findings(user: Any) -> bool:
    return (
        getattr(user, "role", None) in PERSONAL_DATA_ROLES
        and scope_for(user).level is not Level.NONE
    )


def _scoped(scope: Scope, qs: QuerySet[Finding]) -> QuerySet[Finding]:
    """Findings in the scope; a district also sees those whose other lines lie in it."""
    if scope.level is Level.DISTRICT and scope.district_id is not None:
        also = Finding.also_districts.through.objects.filter(district_id=scope.district_id)
        return qs.filter(Q(district_id=scope.district_id) | Q(pk__in=also.values("finding_id")))
    return scope.restrict(qs, **FINDING_PATHS)


def scoped_findings(scope: Scope, qs: QuerySet[Finding]) -> QuerySet[Finding]:
    return _scoped(scope, qs)


def findings_for(user: Any, run: AuditRun) -> QuerySet[Finding]:
    """The run's findings the user may open one by one (403 for count-only roles)."""
    if not can_see_findings(user):
        raise PermissionDenied("findings name persons: counts only for this role")
    qs = Finding.objects.filter(run=run).select_related(
        "district", "precinct", "resolution", "resolution__resolved_by"
    )
    return _scoped(scope_for(user), qs).order_by("seq")


@dataclass(frozen=True)
class FindingFilter:
    check: str = ""
    severity: str = ""
    district: int | None = None
    precinct: int | None = None
    status: str = ""

    def apply(self, qs: QuerySet[Finding]) -> QuerySet[Finding]:
        if self.check:
            qs = qs.filter(check_code=self.check)
        if self.severity:
            qs = qs.filter(severity=self.severity)
        if self.district is not None:
            qs = qs.filter(district_id=self.district)
        if self.precinct is not None:
            qs = qs.filter(precinct__number=self.precinct)
        if self.status == "unresolved":
            qs = qs.filter(status__in=[Finding.Status.OPEN, Finding.Status.REOPENED])
        elif self.status:
            qs = qs.filter(status=self.status)
        return qs


def finding_detail(user: Any, finding_id: int) -> Finding:
    """One finding inside the user's scope; another district's (or a guessed id) is a 404."""
    if not can_see_findings(user):
        raise PermissionDenied("findings name persons: counts only for this role")
    qs = _scoped(
        scope_for(user),
        Finding.objects.select_related(
            "run", "region", "district", "precinct", "resolution", "resolution__resolved_by"
        ),
    )
    return get_object_or_404(qs, pk=finding_id)


def counts_by_check(user: Any, run: AuditRun) -> list[dict[str, Any]]:
    """Findings per check and status inside the user's scope (for every role: aggregates)."""
    qs = _scoped(scope_for(user), Finding.objects.filter(run=run))
    rows = qs.values("check_code", "severity", "status").annotate(n=Count("id"))
    table: dict[str, dict[str, Any]] = {}
    for r in rows:
        row = table.setdefault(
            r["check_code"],
            {"check": r["check_code"], "severity": r["severity"], "total": 0, "open": 0},
        )
        row["total"] += r["n"]
        if r["status"] in (Finding.Status.OPEN, Finding.Status.REOPENED):
            row["open"] += r["n"]
    from saylau.lists.audit import CHECKS

    order = {c: i for i, c in enumerate(CHECKS)}
    return sorted(table.values(), key=lambda x: order.get(x["check"], 99))


def districts_in(user: Any, region: Region) -> QuerySet[District]:
    scope = scope_for(user)
    qs = District.objects.filter(region=region)
    if scope.level in (Level.DISTRICT, Level.PRECINCT):
        return qs.filter(pk=scope.district_id or 0)
    return qs


def precinct_numbers(region: Region) -> list[int]:
    return list(
        Precinct.objects.filter(region=region).order_by("number").values_list("number", flat=True)
    )
