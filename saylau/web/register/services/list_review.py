"""The public review of the voter lists: a voter asks the precinct commission to correct the
list, and the commission decides (Art. 26 p. 1 and 4).

Requests are taken only while the lists are open for review (``saylau.law.windows``,
``list_review``: from 15 days before voting, 5 days for a special precinct, to the end of
voting); outside that window the request is refused with the rule, its article and the date it
opens (:class:`~saylau.web.elections.windows.OutsideWindow`). The public page's answer has one
shape for everyone: a person not found gets the lookup's uniform answer, never the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saylau.law.errors import InvalidIIN
from saylau.law.iin import parse_iin
from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.windows import require_window
from saylau.web.territory.models import Precinct

from ..models import ListCorrectionRequest, Person, VoterListEntry
from .lookup import LIMITED, MALFORMED, NOT_LISTED, rate_limited, votes_in

PUBLIC_ACTOR = "public page"


def precinct_of(election: Election, person: Person) -> Precinct | None:
    """The precinct whose list the request concerns: the voter's list line, or (for someone
    not on a list) the precinct of their registered address if it votes in ``election``."""
    entry = (
        VoterListEntry.objects.filter(voter_list__election=election, person=person)
        .select_related("voter_list__precinct")
        .order_by("part")
        .first()
    )
    if entry is not None:
        return entry.voter_list.precinct
    home = person.address.precinct if person.address is not None else None
    return home if home is not None and votes_in(election, home) else None


def request_list_correction(
    *,
    actor: ActorLike,
    election: Election,
    person: Person,
    kind: str,
    details: str,
    phone: str = "",
    public: bool = False,
) -> ListCorrectionRequest:
    """Record a request to correct the list of ``person``'s precinct in ``election``.

    Refused, nothing recorded: outside the review window of that precinct (a special precinct
    opens later), a person whose precinct does not vote in the election, no details."""
    require(actor, Action.VOTER_LIST_CORRECTION)
    require_window(election, "list_review")  # the earliest any list opens, before any lookup
    precinct = precinct_of(election, person)
    if precinct is None:
        raise ValidationError(
            _("This person's precinct does not vote in this election."),
            code="list_correction.no_precinct",
        )
    require(actor, Action.VOTER_LIST_CORRECTION, precinct)
    require_window(election, "list_review", special=precinct.kind == Precinct.Kind.SPECIAL)
    if not details.strip():
        raise ValidationError(_("Say what is wrong."), code="list_correction.details")
    with transaction.atomic():
        row = ListCorrectionRequest(
            election=election,
            precinct=precinct,
            person=person,
            kind=kind,
            details=details.strip(),
            phone=phone.strip(),
            public=public,
            received_at=clock.now(),
        )
        row.full_clean()
        row.save()
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_LIST_CORRECTION_REQUEST,
            target=row,
            new={"precinct": precinct.number, "kind": kind, "public": public},
        )
    return row


def decide_list_correction(
    *, actor: ActorLike, request: ListCorrectionRequest, status: str, decision: str
) -> ListCorrectionRequest:
    """The precinct commission decides: the list is corrected, or the request refused with
    reasons. Only while the lists are open for review (a request is decided once)."""
    require(actor, Action.VOTER_LIST_CORRECTION, request.precinct)
    require_window(
        request.election,
        "list_review",
        special=request.precinct.kind == Precinct.Kind.SPECIAL,
    )
    if status not in (ListCorrectionRequest.Status.CORRECTED, ListCorrectionRequest.Status.REFUSED):
        raise ValidationError(_("Choose a decision."), code="list_correction.status")
    if not decision.strip():
        raise ValidationError(
            _("Write the decision and its reasons."), code="list_correction.decision"
        )
    with transaction.atomic():
        locked = ListCorrectionRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != ListCorrectionRequest.Status.RECEIVED:
            raise ValidationError(
                _("This request is already decided."), code="list_correction.decided"
            )
        locked.status = status
        locked.decision = decision.strip()
        locked.decided_at = clock.now()
        locked.decided_by = user_of(actor)
        locked.save(update_fields=["status", "decision", "decided_at", "decided_by"])
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_LIST_CORRECTION_DECIDE,
            target=locked,
            old={"status": ListCorrectionRequest.Status.RECEIVED},
            new={"status": status},
        )
    return locked


@dataclass(frozen=True)
class CorrectionAnswer:
    status: str  # "received", "limited", "malformed", "not_listed", "refused"
    request: ListCorrectionRequest | None = None
    message: str = ""


def public_list_correction(
    *, iin: str, election: Election, kind: str, details: str, phone: str, client: str
) -> CorrectionAnswer:
    """The public page's request, by IIN: rate-limited like the lookup; refused outside the
    review window (:class:`OutsideWindow`, before the IIN is read)."""
    if rate_limited(client, bucket="list_correction"):
        return CorrectionAnswer(LIMITED)
    require_window(election, "list_review")
    try:
        value = parse_iin(iin.strip()).value
    except InvalidIIN:
        return CorrectionAnswer(MALFORMED)
    person = (
        Person.private_objects.filter(iin=value, active=True)
        .select_related("address__precinct")
        .first()
    )
    if person is None:
        return CorrectionAnswer(NOT_LISTED)
    try:
        row = request_list_correction(
            actor=PUBLIC_ACTOR,
            election=election,
            person=person,
            kind=kind,
            details=details,
            phone=phone,
            public=True,
        )
    except ValidationError as exc:
        if exc.code == "list_correction.no_precinct":
            return CorrectionAnswer(NOT_LISTED)  # the uniform answer, never the reason
        return CorrectionAnswer("refused", message=" ".join(exc.messages))
    return CorrectionAnswer("received", request=row)
