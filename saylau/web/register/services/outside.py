"""Applications to vote outside the premises (the portable ballot box)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saylau.law.calendar import election_calendar
from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.windows import require_window

from ..eligibility import voter_reasons_for
from ..models import OutsideVotingRequest, Person, VoterListEntry


def application_deadline(election: Election) -> datetime:
    """The last moment to apply, from the law layer's calendar (``outside_voting_applications``,
    UNCONFIRMED in the current law: the calendar names it so)."""
    for item in election_calendar(election.law_body, election.day):
        if item.code == "outside_voting_applications":
            naive = datetime.combine(item.on, item.at or datetime.max.time())
            return timezone.make_aware(naive)
    return timezone.make_aware(datetime.combine(election.day, datetime.min.time()))


def apply_for_outside_voting(
    *,
    election: Election,
    person: Person,
    reason: str,
    where: str,
    actor: ActorLike,
    applicant: str = OutsideVotingRequest.Applicant.VOTER,
    applicant_name: str = "",
    phone: str = "",
    note: str = "",
    now: datetime | None = None,
    kind: str = OutsideVotingRequest.Kind.HOME,
    public: bool = False,
) -> OutsideVotingRequest:
    """Record an application; it goes to the precinct of the voter's list line.

    Refused, nothing changed: past the deadline, a voter not on a list of the election, a
    second application of the same voter."""
    require(actor, Action.OUTSIDE_VOTING)
    require_window(election, "home_voting_request", at=now)  # the calendar's window
    now = now or clock.now()
    if now > application_deadline(election):
        raise ValidationError(
            _("The deadline for applications to vote outside the premises has passed."),
            code="outside.deadline",
        )
    if voter_reasons_for(person, election.day):
        raise ValidationError(
            _("This person is not a voter on election day."), code="outside.not_voter"
        )
    if OutsideVotingRequest.objects.filter(election=election, person=person).exists():
        raise ValidationError(
            _("An application of this voter is already recorded."), code="outside.duplicate"
        )
    entry = (
        VoterListEntry.objects.filter(voter_list__election=election, person=person)
        .select_related("voter_list__precinct")
        .first()
    )
    if entry is None:
        raise ValidationError(_("The voter is not on a list of this election."))
    require(actor, Action.OUTSIDE_VOTING, entry.voter_list.precinct)
    with transaction.atomic():
        req = OutsideVotingRequest(
            election=election,
            precinct=entry.voter_list.precinct,
            person=person,
            reason=reason,
            where=where,
            applicant=applicant,
            applicant_name=applicant_name,
            phone=phone,
            note=note,
            kind=kind,
            public=public,
            received_at=now,
            created_by=user_of(actor),
        )
        req.full_clean()
        req.save()
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_OUTSIDE_VOTING_APPLY,
            target=req,
            new={
                "precinct": req.precinct.number,
                "reason": reason,
                "kind": kind,
                "public": public,
            },
        )
    return req


def set_outside_status(
    *, request: OutsideVotingRequest, status: str, actor: ActorLike
) -> OutsideVotingRequest:
    require(actor, Action.OUTSIDE_VOTING, request.precinct)
    with transaction.atomic():
        locked = OutsideVotingRequest.objects.select_for_update().get(pk=request.pk)
        old = locked.status
        locked.status = status
        locked.full_clean()
        locked.save(update_fields=["status"])
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_OUTSIDE_VOTING_STATUS,
            target=locked,
            old={"status": old},
            new={"status": status},
        )
    return locked
