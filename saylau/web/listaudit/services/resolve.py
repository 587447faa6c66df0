"""Resolving a finding: fixed, confirmed or dismissed (with a reason), one audit event each."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saylau.web.accounts.models import Level
from saylau.web.accounts.policy import Action, ActorLike, allows, require, user_of
from saylau.web.accounts.scope import scope_for
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event

from ..models import Finding, Resolution

#: The fields of a finding that resolving it leaves as they are.
_UNCHANGED = [f.name for f in Finding._meta.fields if f.name not in ("status", "resolution")]


def can_resolve(user: ActorLike, finding: Finding) -> bool:
    """The policy's :attr:`Action.FINDING_RESOLVE` at the finding's place, or at one of the
    other districts a finding across districts also concerns."""
    if allows(user, Action.FINDING_RESOLVE, finding):
        return True
    if not allows(user, Action.FINDING_RESOLVE):
        return False
    scope = scope_for(user)
    return scope.level is Level.DISTRICT and (
        finding.also_districts.filter(pk=scope.district_id or 0).exists()
    )


def resolve_finding(*, user: ActorLike, finding_id: int, status: str, reason: str = "") -> Finding:
    """Record ``status`` (fixed / confirmed / dismissed) for the finding and for every later
    run that finds the same thing on the same data."""
    require(user, Action.FINDING_RESOLVE)
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
        resolution.resolved_by = user_of(user)
        resolution.resolved_at = timezone.now()
        resolution.full_clean()
        resolution.save()
        finding.status = status
        finding.resolution = resolution
        # Only what changed is checked: a finding without IINs or lines (an address check)
        # is complete as the engine stored it.
        finding.full_clean(exclude=_UNCHANGED, validate_unique=False)
        finding.save(update_fields=["status", "resolution"])
        record_event(
            actor=user,
            action=AuditAction.of_finding_resolution(status),
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
