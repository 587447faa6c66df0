"""Four eyes on what cannot be undone: the mandate distribution, the sign-off of the results,
their publication (preliminary and official) and the cancellation of a precinct protocol (a recount) are asked for by one
official of the deciding commission and done only when a second official - its chair or
secretary, not the one who asked - confirms.

``request_action`` checks the act's window and that the election is at the step the act
follows (no skipping a phase), then stores a pending :class:`ActionRequest`;
``confirm_action`` locks the request (``select_for_update``: of two officials confirming at
once, one confirms and the other finds it confirmed), checks the second official and does the
act in the same transaction. A refused attempt changes nothing and is audited
(``results.four_eyes.refused``).

The deciding commission is the territorial commission for a district or city maslikhat, the
regional one for an oblast maslikhat (the users linked to its members through
``commissions.Person.user``), and the CEC for the Mazhilis (its users: role ``cec``).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from saylau.web.accounts.models import Role, User
from saylau.web.accounts.policy import ActorLike, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.windows import require_window

from .errors import (
    AlreadyRequested,
    Frozen,
    NotAConfirmer,
    NotAnOfficial,
    NotComplete,
    NotPending,
    NotSignedOff,
    ResultsError,
    SameOfficial,
)
from .models import ActionRequest, Distribution, Protocol
from .services import distribution
from .services.reopen import cancel_protocol, register_mandates

Action = ActionRequest.Action

#: Who may ask, and who may confirm (the commission's chair or secretary).
ASKING_ROLES = ("chair", "deputy_chair", "secretary", "cec")
CONFIRMING_ROLES = ("chair", "secretary", "cec")

#: The window of each act (``saylau.law.windows``).
WINDOW = {
    Action.DISTRIBUTE: "tabulation",
    Action.SIGN_OFF: "sign_off",
    Action.PUBLISH_PRELIMINARY: "publish_preliminary",
    Action.PUBLISH: "publish",
    Action.CANCEL_PROTOCOL: "tabulation",
    Action.REGISTER_MANDATES: "publish",
}


def deciding_commission(election: Election) -> Any:
    """The commission that decides ``election`` (``None``: the CEC, which has no row)."""
    from saylau.web.commissions.models import Commission, Level

    if election.district_id is not None:
        return Commission.objects.filter(
            level=Level.TERRITORIAL, district_id=election.district_id
        ).first()
    if election.region_id is not None:
        return Commission.objects.filter(level=Level.REGIONAL, region_id=election.region_id).first()
    return None


def official_role(user: Any, election: Election) -> str | None:
    """``user``'s office on the commission deciding ``election`` (``cec`` for the CEC), or
    ``None`` when they hold none (or may not decide this election at all)."""
    if not isinstance(user, User) or not distribution.can_decide(user, election):
        return None
    if election.region_id is None:  # the Mazhilis: the CEC decides
        return "cec" if user.role == Role.CEC else None
    from saylau.web.commissions.models import Level, Member

    # One query: the user's sitting seat on the commission that decides this election.
    seat = Member.objects.filter(is_active=True, person__user=user)
    if election.district_id is not None:
        seat = seat.filter(
            commission__level=Level.TERRITORIAL, commission__district_id=election.district_id
        )
    else:
        seat = seat.filter(
            commission__level=Level.REGIONAL, commission__region_id=election.region_id
        )
    role: str | None = seat.values_list("role", flat=True).first()
    return role


def _audit_refusal(
    actor: ActorLike, election: Election, what: str, exc: Exception, **extra: Any
) -> None:
    with transaction.atomic():
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_FOUR_EYES_REFUSED,
            target=election,
            new={"step": what, "code": getattr(exc, "code", type(exc).__name__), **extra},
        )


def _status_message(row: ActionRequest) -> Any:
    """Why a request can no longer be confirmed or refused, in the reader's language."""
    return format_lazy(
        _("The request is no longer awaiting confirmation: {status}."),
        status=row.get_status_display(),
    )


def _subject(action: str, protocol: Protocol | None) -> str:
    return (
        f"precinct:{protocol.precinct_id}" if action == Action.CANCEL_PROTOCOL and protocol else ""
    )


def _require_step(election: Election, action: str, protocol: Protocol | None) -> None:
    """The election is at the step ``action`` follows (read again inside the act)."""
    require_window(election, WINDOW[Action(action)])
    d = Distribution.objects.filter(election=election).first()
    if action == Action.DISTRIBUTE and d is not None and d.signed_off_at is not None:
        raise Frozen(_("The results are already signed off."))
    if action == Action.SIGN_OFF:
        if d is None:
            raise NotComplete(_("The mandates are not distributed yet."))
        if d.signed_off_at is not None:
            raise Frozen(_("The results are already signed off."))
    if action == Action.PUBLISH_PRELIMINARY:
        if d is None:
            raise NotComplete(_("The mandates are not distributed yet."))
        if d.signed_off_at is not None:
            raise Frozen(_("The results are already signed off: the official results follow."))
        if d.preliminary_published_at is not None:
            raise Frozen(_("The preliminary results are already published."))
    if action == Action.PUBLISH and (d is None or d.signed_off_at is None):
        raise NotSignedOff(_("The results are not signed off yet."))
    if action == Action.PUBLISH and d is not None and d.published_at is not None:
        raise Frozen(_("The results are already published."))
    if action == Action.REGISTER_MANDATES:
        if d is None or d.published_at is None:
            raise NotSignedOff(_("The official results are not published yet."))
        if d.mandates_registered_at is not None:
            raise Frozen(_("The mandates are already registered."))
    if action == Action.CANCEL_PROTOCOL:
        if protocol is None or protocol.election_id != election.pk or not protocol.is_current:
            raise ResultsError(
                _("Only a protocol in force of this election can be cancelled."), field="protocol"
            )
        if d is not None and d.published_at is not None:
            raise Frozen(_("The results are already published."))


def request_action(
    *,
    actor: ActorLike,
    election: Election,
    action: str,
    protocol: Protocol | None = None,
    reason: str = "",
) -> ActionRequest:
    """Ask for ``action`` on ``election`` (``protocol``: the one to cancel, with the recorded
    decision in ``reason``). Refused, and audited, outside the window, out of order, by someone
    who is not an official of the deciding commission, or when the same request is pending."""
    try:
        if action not in Action.values:
            raise ResultsError(_("No such act can be asked for."), field="action")
        if official_role(actor, election) not in ASKING_ROLES:
            raise NotAnOfficial(_("You are not an official of the deciding commission."))
        if action == Action.CANCEL_PROTOCOL and not reason.strip():
            raise ResultsError(_("Name the decision that orders the cancellation."), field="reason")
        _require_step(election, action, protocol)
        with transaction.atomic():
            row = ActionRequest.objects.create(
                election=election,
                action=action,
                subject=_subject(action, protocol),
                protocol=protocol if action == Action.CANCEL_PROTOCOL else None,
                reason=reason.strip(),
                requested_by=user_of(actor),
                requested_at=clock.now(),
            )
            record_event(
                actor=actor,
                action=AuditAction.RESULTS_FOUR_EYES_REQUEST,
                target=row,
                new={"action": action, "subject": row.subject, "reason": row.reason},
            )
    except IntegrityError as exc:
        refused = AlreadyRequested(_("A request for this already awaits confirmation."))
        _audit_refusal(actor, election, "request", refused, action=action)
        raise refused from exc
    except Exception as exc:
        _audit_refusal(actor, election, "request", exc, action=action)
        raise
    return row


def _perform(actor: User, row: ActionRequest) -> Any:
    election = row.election
    if row.action == Action.DISTRIBUTE:
        return distribution.distribute_mandates(actor=actor, election=election)
    if row.action == Action.SIGN_OFF:
        return distribution.sign_off(actor=actor, election=election)
    if row.action == Action.PUBLISH_PRELIMINARY:
        return distribution.publish_preliminary(actor=actor, election=election)
    if row.action == Action.PUBLISH:
        return distribution.publish(actor=actor, election=election)
    if row.action == Action.REGISTER_MANDATES:
        return register_mandates(actor=actor, election=election)
    assert row.protocol is not None  # noqa: S101 - the request was created with it
    return cancel_protocol(actor=actor, protocol=row.protocol, decision=row.reason)


def confirm_action(*, actor: ActorLike, request_id: int) -> ActionRequest:
    """The second official confirms, and the act is done in the same transaction.

    Refused (nothing changed, the attempt audited): a request no longer pending (a replayed
    or simultaneous confirmation), the official who asked, anyone but the chair or secretary
    of the deciding commission, and whatever the act itself refuses."""
    election = ActionRequest.objects.select_related("election").get(pk=request_id).election
    try:
        with transaction.atomic():
            row = (
                ActionRequest.objects.select_for_update(of=("self",))
                .select_related("election", "protocol")
                .get(pk=request_id)
            )
            # Who asks comes first: a stranger learns nothing of the request's state.
            if official_role(actor, row.election) not in CONFIRMING_ROLES:
                raise NotAConfirmer(
                    _("You are not the chair or the secretary of the deciding commission.")
                )
            if row.status != ActionRequest.Status.PENDING:
                raise NotPending(_status_message(row))
            if not isinstance(actor, User) or actor.pk == row.requested_by_id:
                raise SameOfficial(_("The official who asked cannot confirm their own request."))
            _perform(actor, row)
            row.status = ActionRequest.Status.CONFIRMED
            row.confirmed_by = user_of(actor)
            row.confirmed_at = clock.now()
            row.save(update_fields=["status", "confirmed_by", "confirmed_at"])
            record_event(
                actor=actor,
                action=AuditAction.RESULTS_FOUR_EYES_CONFIRM,
                target=row,
                new={
                    "action": row.action,
                    "subject": row.subject,
                    "requested_by": row.requested_by_id,
                    "confirmed_by": actor.pk,
                },
            )
    except Exception as exc:
        _audit_refusal(actor, election, "confirm", exc, request=request_id)
        raise
    return row


def decline_action(*, actor: ActorLike, request_id: int) -> ActionRequest:
    """The second official refuses, or the first withdraws, a pending request (refused, and
    audited, when it is no longer pending or the actor is neither)."""
    election = ActionRequest.objects.select_related("election").get(pk=request_id).election
    try:
        return _decline(actor, request_id)
    except Exception as exc:
        _audit_refusal(actor, election, "decline", exc, request=request_id)
        raise


def _decline(actor: ActorLike, request_id: int) -> ActionRequest:
    with transaction.atomic():
        row = (
            ActionRequest.objects.select_for_update(of=("self",))
            .select_related("election")
            .get(pk=request_id)
        )
        # Who asks comes first: a stranger learns nothing of the request's state.
        own = isinstance(actor, User) and actor.pk == row.requested_by_id
        if not own and official_role(actor, row.election) not in CONFIRMING_ROLES:
            raise NotAConfirmer(
                _("You are not the chair or the secretary of the deciding commission.")
            )
        if row.status != ActionRequest.Status.PENDING:
            raise NotPending(_status_message(row))
        row.status = ActionRequest.Status.WITHDRAWN if own else ActionRequest.Status.REFUSED
        row.confirmed_by = user_of(actor)
        row.confirmed_at = clock.now()
        row.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        record_event(
            actor=actor,
            action=AuditAction(f"results.four_eyes.{row.status}"),
            target=row,
            new={"action": row.action, "subject": row.subject},
        )
    return row


def pending_requests(election: Election) -> list[ActionRequest]:
    return list(
        ActionRequest.objects.filter(
            election=election, status=ActionRequest.Status.PENDING
        ).select_related("requested_by", "protocol__precinct")
    )
