"""The register's persons as the law layer sees them: one place that builds
:class:`saylau.law.eligibility.Person` from a :class:`~saylau.web.register.models.Person`.

Every part of the web layer that asks "voter?" or "may stand?" about a registered person
comes here (the lookup, list compilation, absentee certificates, home voting, candidates), so
that the rule is the law layer's and the mapping of the register's columns is written once.
"""

from __future__ import annotations

from datetime import date

from saylau.law.eligibility import Person as LawPerson
from saylau.law.eligibility import (
    Reason,
    birth_date_unknown,
    candidate_reasons,
    not_in_register,
    voter_reasons,
)

from .models import Person

CITIZEN = "KZ"


def law_person(p: Person) -> LawPerson | None:
    """The law's view of ``p`` (``None`` without a date of birth: age cannot be shown)."""
    if p.birth_date is None:
        return None
    return LawPerson(
        birth_date=p.birth_date,
        citizen=p.citizenship == CITIZEN,
        died_on=p.death_date,
        declared_incapable=p.incapable,
        imprisoned_by_sentence=p.imprisoned,
        registered_residence=p.address_id is not None,
    )


def voter_reasons_for(p: Person | None, day: date) -> list[Reason]:
    """Every reason the registered person ``p`` (``None``: not in the register) is not a voter
    on ``day``; a person the register no longer lists (``active`` false) is not in it."""
    if p is None or not p.active:
        return [not_in_register()]
    lp = law_person(p)
    if lp is None:
        return [birth_date_unknown()]
    return voter_reasons(lp, day)


def is_voter(p: Person | None, day: date) -> bool:
    return not voter_reasons_for(p, day)


def candidate_reasons_for(
    p: Person | None, *, body: str, day: date, already_standing: bool = False
) -> list[Reason]:
    """Every reason the person the register holds under a candidate's IIN may not stand."""
    extra = [Reason("already_candidate", "one list or district per candidate")]
    if p is None or not p.active:
        return [not_in_register(), *(extra if already_standing else [])]
    lp = law_person(p)
    if lp is None:
        return [birth_date_unknown(), *(extra if already_standing else [])]
    return candidate_reasons(lp, body, day, already_standing=already_standing)


def register_person(iin: str) -> Person | None:
    """The person the register holds under ``iin`` (active or not), or ``None``."""
    return Person.private_objects.filter(iin=iin).first()
