"""Applications to vote outside the premises (the portable ballot box)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saylau.law.calendar import election_calendar
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.elections.models import Election

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
    actor: Any,
    applicant: str = OutsideVotingRequest.Applicant.VOTER,
    applicant_name: str = "",
    phone: str = "",
    note: str = "",
    now: datetime | None = None,
) -> OutsideVotingRequest:
    """Record an application; it goes to the precinct of the voter's list line."""
    now = now or timezone.now()
    if now > application_deadline(election):
        raise ValidationError(
            _("The deadline for applications to vote outside the premises has passed.")
        )
    entry = (
        VoterListEntry.objects.filter(voter_list__election=election, person=person)
        .select_related("voter_list__precinct")
        .first()
    )
    if entry is None:
        raise ValidationError(_("The voter is not on a list of this election."))
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
            received_at=now,
            created_by=actor if hasattr(actor, "pk") else None,
        )
        req.full_clean()
        req.save()
        record_event(
            actor=actor,
            action=Action.REGISTER_OUTSIDE_VOTING_APPLY,
            target=req,
            new={"precinct": req.precinct.number, "reason": reason},
        )
    return req


def set_outside_status(
    *, request: OutsideVotingRequest, status: str, actor: Any
) -> OutsideVotingRequest:
    with transaction.atomic():
        locked = OutsideVotingRequest.objects.select_for_update().get(pk=request.pk)
        old = locked.status
        locked.status = status
        locked.full_clean()
        locked.save(update_fields=["status"])
        record_event(
            actor=actor,
            action=Action.REGISTER_OUTSIDE_VOTING_STATUS,
            target=locked,
            old={"status": old},
            new={"status": status},
        )
    return locked
