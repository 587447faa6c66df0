"""A change after sign-off: a recorded decision (a recount) cancels one precinct's protocol and
reopens exactly that precinct.

Called by ``results.four_eyes`` once a second official confirms. The protocol in force stops
counting (status ``cancelled``, kept with every version); if the results were signed, the
sign-off is lifted and the precinct is added to ``Distribution.reopened_precincts``: until the
commission signs again, only the reopened precincts may submit a protocol (the recount, as a
new version) and every other precinct stays frozen. After the official publication nothing is
cancelled here (a court decision is another procedure).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saylau.web.accounts.models import User
from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock

from .. import refusals
from ..errors import CorrectionRefused, Frozen
from ..models import Distribution, Protocol


def cancel_protocol(*, actor: ActorLike, protocol: Protocol, decision: str) -> Protocol:
    """Cancel ``protocol`` (in force) by ``decision`` and reopen its precinct."""
    if not decision.strip():
        detail = refusals.say(
            _(
                "Name the commission's decision that cancels the protocol of precinct "
                "No. %(precinct)s."
            ),
            precinct=protocol.precinct.number,
        )
        raise CorrectionRefused(
            "a cancellation names the decision that orders it", field="reason", detail=detail
        )
    with transaction.atomic():
        distribution = (
            Distribution.objects.select_for_update()
            .filter(election_id=protocol.election_id)
            .first()
        )
        row = Protocol.objects.select_for_update().get(pk=protocol.pk)
        if not row.is_current:
            detail = refusals.say(
                _(
                    "Version %(version)s of the protocol of precinct No. %(precinct)s is not in force."
                ),
                **refusals.version_of(row),
            )
            raise CorrectionRefused("this version is not in force", detail=detail)
        if distribution is not None and distribution.published_at is not None:
            raise Frozen("the results are published", detail=refusals.published(row.election))
        row.is_current = False
        row.status = Protocol.Status.CANCELLED
        row.decided_by = actor if isinstance(actor, User) else None
        row.reason = (row.reason + "\n" if row.reason else "") + decision.strip()
        row.save(update_fields=["is_current", "status", "decided_by", "reason"])
        old: dict[str, Any] = {"status": Protocol.Status.ACCEPTED, "version": row.version}
        # Precincts are reopened only against a sign-off (before it, every precinct may
        # still correct its protocol the usual way).
        signed = distribution is not None and distribution.signed_off_at is not None
        if distribution is not None and distribution.signed_off_at is not None:
            old["signed_off_at"] = distribution.signed_off_at.isoformat()
            old["signed_off_by"] = distribution.signed_off_by_id
            distribution.signed_off_at = None
            distribution.signed_off_by = None
        if distribution is not None and (signed or distribution.reopened_precincts):
            reopened = sorted({*distribution.reopened_precincts, row.precinct_id})
            distribution.reopened_precincts = reopened
            distribution.save(
                update_fields=["signed_off_at", "signed_off_by", "reopened_precincts"]
            )
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_PROTOCOL_CANCEL,
            target=row,
            old=old,
            new={"status": row.status, "decision": decision.strip(), "reopened": row.precinct_id},
        )
    return row


def register_mandates(*, actor: ActorLike, election: Any) -> Distribution:
    """The commission registers the elected (after the official publication): the last phase
    of the election (``saylau.law.phases``). Asked and confirmed through ``four_eyes``."""
    with transaction.atomic():
        distribution = Distribution.objects.select_for_update().filter(election=election).first()
        if distribution is None or distribution.published_at is None:
            detail = refusals.say(
                _("The official results of the election %(election)s are not published yet."),
                election=refusals.named(election),
            )
            raise Frozen("the official results are not published yet", detail=detail)
        if distribution.mandates_registered_at is not None:
            detail = refusals.say(
                _("The mandates of the election %(election)s are already registered."),
                election=refusals.named(election),
            )
            raise Frozen("the mandates are already registered", detail=detail)
        distribution.mandates_registered_at = clock.now()
        distribution.save(update_fields=["mandates_registered_at"])
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_MANDATES_REGISTER,
            target=distribution,
            new={"mandates": distribution.mandates.count()},
        )
    return distribution


def correctable(row: Protocol) -> bool:
    """Whether a correction of ``row`` can be submitted now: it is the version in force (or
    the cancelled one of a reopened precinct, whose recount comes as its next version), in the
    protocol window, and its precinct is not frozen by a sign-off."""
    from saylau.web.elections.windows import is_open

    from .submission import is_frozen

    latest = row.is_current or (
        row.status == Protocol.Status.CANCELLED
        and not Protocol.objects.filter(
            election_id=row.election_id,
            precinct_id=row.precinct_id,
            race=row.race,
            version__gt=row.version,
        ).exists()
    )
    return (
        latest
        and is_open(row.election, "protocol_entry")
        and not is_frozen(row.election, row.precinct)
    )


def correction_refusal(row: Protocol) -> str:
    """Why ``row`` cannot be corrected, for the page (before any field is filled)."""
    from django.utils.translation import gettext as _

    from saylau.web.elections.windows import OutsideWindow, require_window

    from .submission import is_frozen

    try:
        require_window(row.election, "protocol_entry")
    except OutsideWindow as exc:
        return exc.message
    if is_frozen(row.election, row.precinct):
        return str(
            _(
                "The results are signed: this protocol can change only by a recorded decision "
                "of the commission (a recount) that reopens the precinct."
            )
        )
    return str(_("Only the protocol in force can be corrected."))
