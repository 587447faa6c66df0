"""Who may stand for which body on election day (law-notes sections 1.3 and 2).

A candidate must be a voter (:func:`.voters.voter_reasons`) and meet the conditions of the
body's rule in force on election day: Mazhilis 25 years and residence in Kazakhstan for the
last 10 years (Constitution Art. 51 p. 4; TASS 2023); maslikhat 20 years (CEC deputy chairman
K. Petrov for 2023). A person stands once in an election (one list or one district).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import LawError
from .messages import Reason
from .voters import FEB29_RULE, Feb29Rule, Person, age_on, anniversary, voter_reasons

#: Whether a maslikhat candidate must live in the maslikhat's territory, and for how long:
#: not in the sources read (law-notes section 2 gives only the age). UNCONFIRMED: off (None)
#: unless configured; when set, ``local_resident_years`` of the person is checked against it.
MASLIKHAT_LOCAL_RESIDENCE_YEARS_UNCONFIRMED: int | None = None


class UnknownCandidateRule(LawError):
    code = "eligibility_unknown_body"


@dataclass(frozen=True)
class CandidateRule:
    """Minimum age (and residence) to stand for ``body`` on elections from ``from_day``."""

    body: str
    from_day: date
    min_age: int
    residence_years: int | None
    source: str
    unconfirmed: str | None = None
    #: Party lists: the most names a list may carry (None: no limit known).
    max_list_names: int | None = None
    #: What a refusal cites to the official (the article); ``source`` stays for the CEC's
    #: legal basis page and never reaches a refusal.
    article: str = "Constitutional Law on Elections"


CANDIDATE_RULES: tuple[CandidateRule, ...] = (
    CandidateRule(
        "mazhilis",
        date(1995, 9, 28),
        25,
        10,
        "Constitution Art. 51 p. 4 (25 years, 10 years' residence); TASS 2023",
        None,
        article="Constitution Art. 51 p. 4",
    ),
    CandidateRule(
        "mazhilis",
        date(2021, 5, 25),
        25,
        10,
        "Constitution Art. 51 p. 4 (25 years, 10 years' residence); TASS 2023",
        None,
        max_list_names=90,
        article="Constitution Art. 51 p. 4",
    ),
    CandidateRule(
        "maslikhat",
        date(1995, 9, 28),
        20,
        None,
        "election law (maslikhat candidates)",
        "the maslikhat candidate age before 2023 was not read in the sources; 20 assumed",
    ),
    CandidateRule(
        "maslikhat",
        date(2023, 1, 1),
        20,
        None,
        "CEC deputy chairman K. Petrov, 2023 (syrboyi.kz, ernur.kz)",
        None,
    ),
)


def candidate_rule(body: str, day: date) -> CandidateRule:
    """The candidate rule for ``body`` on ``day`` (the latest in force)."""
    found = [r for r in CANDIDATE_RULES if r.body == body and r.from_day <= day]
    if not found:
        msg = f"no candidate rule is known for {body!r} on {day.isoformat()}"
        raise UnknownCandidateRule(msg)
    return found[-1]


def candidate_reasons(
    person: Person,
    body: str,
    election_day: date,
    *,
    already_standing: bool = False,
    local_resident_years: int | None = None,
    feb29: Feb29Rule = FEB29_RULE,
) -> list[Reason]:
    """Every reason ``person`` may not stand for ``body`` on ``election_day``.

    A candidate must be a voter too. Residence is checked only when ``resident_years`` is
    known; ``already_standing``: the person is a candidate of this election already.

    >>> rule = candidate_rule("maslikhat", date(2023, 3, 19))
    >>> rule.min_age, rule.unconfirmed is None
    (20, True)
    >>> [r.code for r in candidate_reasons(Person(date(2000, 1, 1)), "mazhilis", date(2023, 3, 19))]
    ['under_candidate_age']
    """
    rule = candidate_rule(body, election_day)
    reasons = voter_reasons(person, election_day, feb29=feb29)
    if age_on(person.birth_date, election_day, feb29=feb29) < rule.min_age:
        turns = anniversary(person.birth_date, rule.min_age, feb29=feb29)
        reasons.append(
            Reason(
                "under_candidate_age",
                rule.article,
                {"min_age": rule.min_age, "reaches_on": turns.isoformat()},
            )
        )
    if (
        rule.residence_years is not None
        and person.resident_years is not None
        and person.resident_years < rule.residence_years
    ):
        reasons.append(
            Reason(
                "residence_too_short",
                rule.article,
                {"required_years": rule.residence_years, "years": person.resident_years},
            )
        )
    local = MASLIKHAT_LOCAL_RESIDENCE_YEARS_UNCONFIRMED
    if (
        body == "maslikhat"
        and local is not None
        and local_resident_years is not None
        and local_resident_years < local
    ):
        reasons.append(
            Reason(
                "residence_too_short",
                "maslikhat local residence (as configured)",
                {"required_years": local, "years": local_resident_years},
            )
        )
    if already_standing:
        reasons.append(Reason("already_candidate", "one list or district per candidate"))
    return reasons
