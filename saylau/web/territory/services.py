"""Changes of the territory: the accessibility profile of a polling station, edited by those
who know it (the akimat and the territorial commission of the precinct's district), audited."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from saylau.web.accounts.policy import Action, ActorLike, allows, require
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event

from .models import Precinct


def may_edit_accessibility(user: ActorLike, precinct: Precinct) -> bool:
    """Whether ``user`` edits the accessibility of ``precinct`` (the akimat and the territorial
    commission of its district, and the commissions above them)."""
    return allows(user, Action.ACCESSIBILITY_EDIT, precinct)


def update_accessibility(
    *, actor: ActorLike, precinct: Precinct, features: Mapping[str, bool], notes: str
) -> Precinct:
    """Set every accessibility feature of ``precinct`` (missing ones: absent) and the notes on
    how to get in; one audit event with the old and new values of what changed."""
    require(actor, Action.ACCESSIBILITY_EDIT, precinct)
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
                action=AuditAction.TERRITORY_PRECINCT_ACCESSIBILITY,
                target=locked,
                old=old,
                new=new,
            )
    return locked
