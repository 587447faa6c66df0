"""Changes of the territory: the accessibility profile of a polling station, edited by those
who know it (the akimat and the territorial commission of the precinct's district), audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from saylau.web.accounts.models import Role, User
from saylau.web.accounts.scope import scope_for
from saylau.web.audit.services import record_event

from .models import Precinct

#: Who edits a polling station's accessibility (within their territorial scope). Until the
#: access policy (``accounts.policy.require``) is merged, this is the check.
ACCESSIBILITY_EDITORS = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.AKIMAT})


def may_edit_accessibility(user: Any, precinct: Precinct) -> bool:
    if not isinstance(user, User) or user.role not in ACCESSIBILITY_EDITORS:
        return False
    scope = scope_for(user)
    return not scope.read_only and scope.covers(
        region_id=precinct.region_id, district_id=precinct.district_id, precinct_id=precinct.pk
    )


def update_accessibility(
    *, actor: Any, precinct: Precinct, features: Mapping[str, bool], notes: str
) -> Precinct:
    """Set every accessibility feature of ``precinct`` (missing ones: absent) and the notes on
    how to get in; one audit event with the old and new values of what changed."""
    if isinstance(actor, User) and not may_edit_accessibility(actor, precinct):
        raise PermissionDenied("not your precinct, or not your role")
    unknown = set(features) - set(Precinct.ACCESSIBILITY_FIELDS)
    if unknown:
        msg = f"unknown accessibility features: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    with transaction.atomic():
        locked = Precinct.objects.select_for_update().get(pk=precinct.pk)
        old: dict[str, object] = {}
        new: dict[str, object] = {}
        for name in Precinct.ACCESSIBILITY_FIELDS:
            value = bool(features.get(name, False))
            if getattr(locked, name) != value:
                old[name], new[name] = getattr(locked, name), value
                setattr(locked, name, value)
        notes = notes.strip()
        if locked.accessibility_notes != notes:
            old["accessibility_notes"], new["accessibility_notes"] = (
                locked.accessibility_notes,
                notes,
            )
            locked.accessibility_notes = notes
        if new:
            locked.full_clean()
            locked.save(update_fields=[*Precinct.ACCESSIBILITY_FIELDS, "accessibility_notes"])
            record_event(
                actor=actor,
                action="territory.precinct.accessibility",
                target=locked,
                old=old,
                new=new,
            )
    return locked
