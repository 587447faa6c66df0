"""Whether a person may stand in an election: the law layer's conditions for the body, asked
about the person the register holds under the IIN (never about the IIN's digits alone)."""

from __future__ import annotations

from saylau.law.eligibility import Reason
from saylau.web.register.eligibility import candidate_reasons_for, register_person

from .models import Candidate, Election, SingleMemberCandidate


def refusals(*, election: Election, iin: str) -> list[Reason]:
    """Every reason the person with ``iin`` may not stand in ``election`` (empty: may stand):
    not in the register, not a citizen, dead, declared incapable, imprisoned, under the body's
    age on election day, already a candidate on a list or in a district of this election."""
    standing = (
        Candidate.objects.filter(election=election, iin=iin).exists()
        or SingleMemberCandidate.objects.filter(election=election, iin=iin).exists()
    )
    return candidate_reasons_for(
        register_person(iin), body=election.law_body, day=election.day, already_standing=standing
    )
