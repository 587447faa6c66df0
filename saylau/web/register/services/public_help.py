"""Requests from the public page: a voter with a disability (or a relative) asks to vote at
home with the portable box, or for assistance at the polling station.

The request goes to the precinct of the voter's list line, where the commission sees it with
the others (``public`` marks where it came from). Rate-limited like the lookup; a person who is
not on a list gets the lookup's uniform answer, never the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from saylau.law.errors import InvalidIIN
from saylau.law.iin import parse_iin
from saylau.web.elections.models import Election

from ..models import OutsideVotingRequest, Person, VoterListEntry
from .lookup import LIMITED, MALFORMED, NOT_LISTED, rate_limited
from .outside import apply_for_outside_voting

PUBLIC_ACTOR = "public page"


@dataclass(frozen=True)
class HelpAnswer:
    status: str  # "received", "limited", "malformed", "not_listed", "refused"
    request: OutsideVotingRequest | None = None
    message: str = ""


def request_help(
    *,
    iin: str,
    election: Election,
    kind: str,
    reason: str,
    where: str,
    phone: str,
    applicant: str,
    applicant_name: str,
    client: str,
) -> HelpAnswer:
    if rate_limited(client, bucket="help"):
        return HelpAnswer(LIMITED)
    try:
        value = parse_iin(iin.strip()).value
    except InvalidIIN:
        return HelpAnswer(MALFORMED)
    person = Person.private_objects.filter(iin=value, active=True).first()
    listed = (
        person is not None
        and VoterListEntry.objects.filter(voter_list__election=election, person=person).exists()
    )
    if person is None or not listed:
        return HelpAnswer(NOT_LISTED)
    try:
        req = apply_for_outside_voting(
            election=election,
            person=person,
            reason=reason,
            where=where,
            actor=PUBLIC_ACTOR,
            applicant=applicant,
            applicant_name=applicant_name,
            phone=phone,
            kind=kind,
            public=True,
        )
    except ValidationError as exc:
        return HelpAnswer("refused", message=" ".join(exc.messages))
    return HelpAnswer("received", request=req)


__all__ = ["MALFORMED", "NOT_LISTED", "HelpAnswer", "request_help"]
