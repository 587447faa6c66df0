"""Corrections of a precinct protocol: a new version with a reason, counted once the
territorial commission (or a higher one) accepts it; the version it corrects stays in force
until then."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.windows import require_window

from .. import refusals
from ..errors import CorrectionRefused, Frozen, ProtocolInconsistent
from ..models import Protocol
from ..signing import sign_protocol
from .submission import errors_of, is_frozen, protocol_row, validate_protocol


def submit_correction(*, actor: ActorLike, protocol: Protocol, data: Any, reason: str) -> Protocol:
    """A corrected protocol: a new version with a reason, counted once the territorial
    commission accepts it. The version it corrects stays in force until then."""
    precinct = protocol.precinct
    require(actor, Action.PROTOCOL_CORRECT, precinct)
    require_window(protocol.election, "protocol_entry")
    if not reason.strip():
        detail = refusals.say(
            _("Say why the protocol of precinct No. %(precinct)s is corrected."),
            precinct=precinct.number,
        )
        raise CorrectionRefused("a correction needs a reason", field="reason", detail=detail)
    canonical, findings = validate_protocol(
        election=protocol.election, precinct=precinct, data=data
    )
    if errors_of(findings):
        detail = refusals.ratios_failed(precinct.number, findings)
        raise ProtocolInconsistent("control ratios failed", findings=findings, detail=detail)
    try:
        with transaction.atomic():
            current = (
                Protocol.objects.select_for_update()
                .filter(election_id=protocol.election_id, precinct=precinct, race=protocol.race)
                .order_by("-version")
            )
            versions = list(current)
            if is_frozen(protocol.election, precinct):
                raise Frozen("signed off", detail=refusals.signed_off(protocol.election))
            if any(v.status == Protocol.Status.PENDING for v in versions):
                detail = refusals.say(
                    _(
                        "A correction of the protocol of precinct No. %(precinct)s already "
                        "awaits acceptance."
                    ),
                    precinct=precinct.number,
                )
                raise CorrectionRefused(
                    "a correction is already awaiting acceptance", detail=detail
                )
            row = protocol_row(
                election=protocol.election,
                precinct=precinct,
                canonical=canonical,
                version=versions[0].version + 1,
            )
            row.status = Protocol.Status.PENDING
            row.reason = reason.strip()
            row.submitted_by = user_of(actor)
            row.save(force_insert=True)
            record_event(
                actor=actor,
                action=AuditAction.RESULTS_PROTOCOL_CORRECT,
                target=row,
                new={"version": row.version, "reason": row.reason, "sha256": row.sha256},
            )
            sign_protocol(row)
    except IntegrityError as exc:
        detail = refusals.say(
            _(
                "Another correction of the protocol of precinct No. %(precinct)s was submitted "
                "at the same moment. Open the protocol again."
            ),
            precinct=precinct.number,
        )
        raise CorrectionRefused(
            "another correction was submitted at the same moment", detail=detail
        ) from exc
    return row


def _decide(*, actor: ActorLike, correction: Protocol, accept: bool) -> Protocol:
    precinct = correction.precinct
    require(actor, Action.PROTOCOL_DECIDE, precinct)
    require_window(correction.election, "tabulation")
    with transaction.atomic():
        versions = {
            v.pk: v
            for v in Protocol.objects.select_for_update().filter(
                election_id=correction.election_id, precinct=precinct, race=correction.race
            )
        }
        row = versions[correction.pk]
        if row.status != Protocol.Status.PENDING:
            detail = refusals.say(
                _(
                    "Version %(version)s of the protocol of precinct No. %(precinct)s is not "
                    "awaiting a decision."
                ),
                **refusals.version_of(row),
            )
            raise CorrectionRefused("this version is not awaiting a decision", detail=detail)
        if is_frozen(row.election, precinct):
            raise Frozen("signed off", detail=refusals.signed_off(row.election))
        now = clock.now()
        old = None
        if accept:
            for other in versions.values():
                if other.is_current:
                    old = other.version
                    other.is_current = False
                    other.status = Protocol.Status.SUPERSEDED
                    other.save(update_fields=["is_current", "status"])
            row.is_current = True
            row.status = Protocol.Status.ACCEPTED
        else:
            row.status = Protocol.Status.REJECTED
        row.decided_by = user_of(actor)
        row.decided_at = now
        row.save(update_fields=["is_current", "status", "decided_by", "decided_at"])
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_PROTOCOL_ACCEPT
            if accept
            else AuditAction.RESULTS_PROTOCOL_REJECT,
            target=row,
            old={"current_version": old},
            new={"version": row.version, "status": row.status},
        )
    return row


def accept_correction(*, actor: ActorLike, correction: Protocol) -> Protocol:
    return _decide(actor=actor, correction=correction, accept=True)


def reject_correction(*, actor: ActorLike, correction: Protocol) -> Protocol:
    return _decide(actor=actor, correction=correction, accept=False)
