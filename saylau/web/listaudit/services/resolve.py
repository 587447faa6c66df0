"""Resolving a finding: fixed, confirmed or dismissed (with a reason), one audit event each."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saylau.web.accounts.models import Role
from saylau.web.accounts.scope import scope_for
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event

from ..models import Finding, Resolution

#: Roles that resolve findings within their territory (a district's akimat and commission).
RESOLVER_ROLES: frozenset[str] = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.AKIMAT})


def can_resolve(user: Any, finding: Finding) -> bool:
    scope = scope_for(user)
    if getattr(user, "role", None) not in RESOLVER_ROLES or scope.read_only:
        return False
    if scope.covers(
        region_id=finding.region_id,
        district_id=finding.district_id,
        precinct_id=finding.precinct_id,
    ):
        return True
    return scope.level == "district" and (
        finding.also_districts.filter(pk=scope.district_id or 0).exists()
    )


def resolve_finding(*, user: Any, finding_id: int, status: str, reason: str = "") -> Finding:
    """Record ``status`` (fixed / confirmed / dismissed) for the finding and for every later
    run that finds the same thing on the same data."""
    if status not in Resolution.Status.values:
        raise ValidationError({"status": _("Choose fixed, confirmed or dismissed.")})
    reason = reason.strip()
    if status == Resolution.Status.DISMISSED and not reason:
        raise ValidationError({"reason": _("Say why the finding is dismissed.")})
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding_id)
        if not can_resolve(user, finding):
            raise PermissionDenied("not allowed to resolve this finding")
        old = {
            "status": finding.status,
            "resolution": finding.resolution.status if finding.resolution else None,
        }
        existing = (
            Resolution.objects.select_for_update()
            .filter(region_id=finding.region_id, fingerprint=finding.fingerprint)
            .first()
        )
        resolution = existing or Resolution(
            region_id=finding.region_id, fingerprint=finding.fingerprint
        )
        resolution.check_code = finding.check_code
        resolution.status = status
        resolution.reason = reason
        resolution.digest = finding.digest
        resolution.resolved_by = user
        resolution.resolved_at = timezone.now()
        resolution.full_clean()
        resolution.save()
        finding.status = status
        finding.resolution = resolution
        finding.full_clean()
        finding.save(update_fields=["status", "resolution"])
        record_event(
            actor=user,
            action=Action.of_finding_resolution(status),
            target=finding,
            old=old,
            new={
                "status": status,
                "reason": reason,
                "check": finding.check_code,
                "fingerprint": finding.fingerprint,
                "digest": finding.digest,
            },
        )
    return finding
