"""Who is a voter on election day, and on which list (law-notes section 3).

A citizen of Kazakhstan who is 18 on election day (election law Art. 4, "upon reaching the
age of eighteen years"), except citizens declared incapable by a court and persons held in
places of deprivation of liberty by a court sentence (Constitution Art. 33 p. 3), "irrespective
of the gravity of the crime". A dead person is not a voter. A voter is on one list of an
election only (Art. 41, one's own vote, once), at the precinct of their registered residence
unless an application (special precinct, absentee certificate) puts them elsewhere.

>>> voter_reasons(Person(birth_date=date(2005, 3, 19)), date(2023, 3, 19))
[]
>>> [r.code for r in voter_reasons(Person(date(2005, 3, 20), citizen=False), date(2023, 3, 19))]
['not_citizen', 'under_age']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from .messages import Reason

VOTING_AGE = 18

#: Someone born on 29 February reaches an age in a common year on 28 February: the Civil Code
#: rule for a period that ends in a month without the matching day (it ends on the month's last
#: day). The article number is UNCONFIRMED; "mar1" is the alternative, kept configurable.
Feb29Rule = Literal["feb28", "mar1"]
FEB29_RULE: Feb29Rule = "feb28"

_ART4 = "election law Art. 4 (18 on election day)"
_ART33_2 = "Constitution Art. 33 p. 2; election law Art. 4"
_ART33_3 = "Constitution Art. 33 p. 3"
_REGISTER = "lists are compiled from the state database of individuals (law-notes §3)"
_RESIDENCE = "inclusion by registered residence in the precinct area (law-notes §3)"
_ONE_LIST = "election law Art. 41 (one's own vote, once); one list per voter"


def anniversary(born: date, years: int, *, feb29: Feb29Rule = FEB29_RULE) -> date:
    """The day a person born on ``born`` reaches ``years`` of age.

    >>> anniversary(date(2008, 2, 29), 18)
    datetime.date(2026, 2, 28)
    >>> anniversary(date(2008, 2, 29), 18, feb29="mar1")
    datetime.date(2026, 3, 1)
    >>> anniversary(date(2004, 2, 29), 20)
    datetime.date(2024, 2, 29)
    """
    year = born.year + years
    try:
        return born.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28) if feb29 == "feb28" else date(year, 3, 1)


def age_on(born: date, day: date, *, feb29: Feb29Rule = FEB29_RULE) -> int:
    """Full years of age on ``day``.

    >>> age_on(date(2008, 2, 29), date(2026, 2, 28)), age_on(date(2008, 2, 29), date(2026, 2, 27))
    (18, 17)
    """
    years = day.year - born.year
    if years > 0 and anniversary(born, years, feb29=feb29) > day:
        years -= 1
    return max(years, 0)


@dataclass(frozen=True)
class Person:
    """What the law asks about a person on a day (from the state database of individuals)."""

    birth_date: date
    citizen: bool = True
    died_on: date | None = None
    declared_incapable: bool = False  # by a court decision in force
    imprisoned_by_sentence: bool = False  # held in a place of deprivation of liberty
    resident_years: int | None = None  # years of residence in Kazakhstan up to the day
    #: Registered by residence at an address inside a precinct (None: not asked).
    registered_residence: bool | None = None


def not_in_register() -> Reason:
    """The reason for an IIN the register does not hold: nothing about the person is known,
    so neither citizenship nor age can be shown (lists come from the state database)."""
    return Reason("not_in_register", _REGISTER)


def birth_date_unknown() -> Reason:
    """The register holds the person but no date of birth: age on the day cannot be shown."""
    return Reason("birth_date_unknown", _ART4)


def voter_reasons(
    person: Person, election_day: date, *, feb29: Feb29Rule = FEB29_RULE
) -> list[Reason]:
    """Every reason ``person`` is not a voter on ``election_day`` (empty: a voter)."""
    reasons: list[Reason] = []
    if not person.citizen:
        reasons.append(Reason("not_citizen", _ART33_2))
    if person.birth_date > election_day:
        reasons.append(Reason("not_born", "election law Art. 4"))
    elif age_on(person.birth_date, election_day, feb29=feb29) < VOTING_AGE:
        turns = anniversary(person.birth_date, VOTING_AGE, feb29=feb29)
        reasons.append(Reason("under_age", _ART4, {"turns_18_on": turns.isoformat()}))
    if person.died_on is not None and person.died_on <= election_day:
        reasons.append(
            Reason("deceased", "election law Art. 4", {"died_on": person.died_on.isoformat()})
        )
    if person.declared_incapable:
        reasons.append(Reason("declared_incapable", _ART33_3))
    if person.imprisoned_by_sentence:
        reasons.append(Reason("imprisoned_by_sentence", _ART33_3))
    return reasons


def is_voter(person: Person, election_day: date) -> bool:
    return not voter_reasons(person, election_day)


def listing_reasons(
    person: Person,
    election_day: date,
    *,
    other_list: str | None = None,
    by_application: bool = False,
    feb29: Feb29Rule = FEB29_RULE,
) -> list[Reason]:
    """Every reason ``person`` may not be put on a list of the election held on ``election_day``.

    The voter's own reasons, plus: ``other_list`` (the precinct of the list they are already
    on: one list only), and, unless the list takes them ``by_application`` (a special precinct,
    an absentee certificate, proof of residence on the day), a registered residence in a
    precinct when ``person.registered_residence`` is known to be missing.

    >>> [r.code for r in listing_reasons(Person(date(1980, 1, 1)), date(2023, 3, 19), other_list="101")]
    ['on_another_list']
    >>> [r.code for r in listing_reasons(Person(date(1980, 1, 1), registered_residence=False),
    ...                                  date(2023, 3, 19))]
    ['no_registered_residence']
    """
    reasons = voter_reasons(person, election_day, feb29=feb29)
    if person.registered_residence is False and not by_application:
        reasons.append(Reason("no_registered_residence", _RESIDENCE))
    if other_list is not None:
        reasons.append(Reason("on_another_list", _ONE_LIST, {"precinct": other_list}))
    return reasons
