"""Who may vote, and who may stand, on a given election day.

Voters (law-notes section 3): a citizen of Kazakhstan who is 18 on election day (election law
Art. 4, "upon reaching the age of eighteen years"), except citizens declared incapable by a
court and persons held in places of deprivation of liberty by a court sentence (Constitution
Art. 33 p. 3), "irrespective of the gravity of the crime". A dead person is not a voter.

Candidates (law-notes section 2): Mazhilis 25 years and residence in Kazakhstan for the last 10
years (Constitution Art. 51 p. 4; TASS 2023); maslikhat 20 years (CEC deputy chairman
K. Petrov for 2023).

Every check returns *every* reason, not the first (an empty list: eligible).

>>> voter_reasons(Person(birth_date=date(2005, 3, 19)), date(2023, 3, 19))
[]
>>> [r.code for r in voter_reasons(Person(date(2005, 3, 20), citizen=False), date(2023, 3, 19))]
['not_citizen', 'under_age']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .errors import LawError

VOTING_AGE = 18

#: Someone born on 29 February reaches an age in a common year on 28 February: the Civil Code
#: rule for a period that ends in a month without the matching day (it ends on the month's last
#: day). The article number is UNCONFIRMED; "mar1" is the alternative, kept configurable.
Feb29Rule = Literal["feb28", "mar1"]
FEB29_RULE: Feb29Rule = "feb28"


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


@dataclass(frozen=True)
class Reason:
    """Why a person may not vote or stand: a stable ``code``, the rule, and the numbers."""

    code: str
    rule: str
    params: dict[str, str | int] = field(default_factory=dict)

    def message(self, lang: str = "ru") -> str:
        """The reason for people, in ``ru``, ``kk`` or ``en``.

        >>> Reason("under_age", "Art. 4", {"turns_18_on": "2023-03-20"}).message("kk")
        '18 жасқа 2023-03-20 толады'
        """
        templates = REASON_MESSAGES[self.code]
        return templates.get(lang, templates["en"]).format(**self.params)


REASON_MESSAGES: dict[str, dict[str, str]] = {
    "not_citizen": {
        "en": "not a citizen of Kazakhstan",
        "ru": "не является гражданином Республики Казахстан",
        "kk": "Қазақстан Республикасының азаматы емес",
    },
    "not_born": {
        "en": "born after election day",
        "ru": "родился после дня выборов",
        "kk": "сайлау күнінен кейін туған",
    },
    "under_age": {
        "en": "turns 18 on {turns_18_on}",
        "ru": "исполняется 18 лет {turns_18_on}",
        "kk": "18 жасқа {turns_18_on} толады",
    },
    "deceased": {
        "en": "died on {died_on}",
        "ru": "умер {died_on}",
        "kk": "{died_on} қайтыс болған",
    },
    "declared_incapable": {
        "en": "declared incapable by a court",
        "ru": "признан судом недееспособным",
        "kk": "сот әрекетке қабілетсіз деп таныған",
    },
    "imprisoned_by_sentence": {
        "en": "held in a place of deprivation of liberty by a court sentence",
        "ru": "содержится в местах лишения свободы по приговору суда",
        "kk": "сот үкімі бойынша бас бостандығынан айыру орындарында ұсталуда",
    },
    "under_candidate_age": {
        "en": "a candidate must be {min_age}; reaches that age on {reaches_on}",
        "ru": "кандидат должен достичь {min_age} лет; достигает {reaches_on}",
        "kk": "кандидат {min_age} жасқа толуы керек; {reaches_on} толады",
    },
    "residence_too_short": {
        "en": "{years} years of residence in Kazakhstan, {required_years} required",
        "ru": "проживает в Казахстане {years} лет из требуемых {required_years}",
        "kk": "Қазақстанда {years} жыл тұрады, {required_years} жыл талап етіледі",
    },
}


def voter_reasons(
    person: Person, election_day: date, *, feb29: Feb29Rule = FEB29_RULE
) -> list[Reason]:
    """Every reason ``person`` is not a voter on ``election_day`` (empty: a voter)."""
    reasons: list[Reason] = []
    if not person.citizen:
        reasons.append(Reason("not_citizen", "Constitution Art. 33 p. 2; election law Art. 4"))
    if person.birth_date > election_day:
        reasons.append(Reason("not_born", "election law Art. 4"))
    elif age_on(person.birth_date, election_day, feb29=feb29) < VOTING_AGE:
        turns = anniversary(person.birth_date, VOTING_AGE, feb29=feb29)
        reasons.append(
            Reason(
                "under_age",
                "election law Art. 4 (18 on election day)",
                {"turns_18_on": turns.isoformat()},
            )
        )
    if person.died_on is not None and person.died_on <= election_day:
        reasons.append(
            Reason("deceased", "election law Art. 4", {"died_on": person.died_on.isoformat()})
        )
    if person.declared_incapable:
        reasons.append(Reason("declared_incapable", "Constitution Art. 33 p. 3"))
    if person.imprisoned_by_sentence:
        reasons.append(Reason("imprisoned_by_sentence", "Constitution Art. 33 p. 3"))
    return reasons


def is_voter(person: Person, election_day: date) -> bool:
    return not voter_reasons(person, election_day)


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


CANDIDATE_RULES: tuple[CandidateRule, ...] = (
    CandidateRule(
        "mazhilis",
        date(1995, 9, 28),
        25,
        10,
        "Constitution Art. 51 p. 4 (25 years, 10 years' residence); TASS 2023",
        None,
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
    """The candidate age rule for ``body`` on ``day`` (the latest in force)."""
    found = [r for r in CANDIDATE_RULES if r.body == body and r.from_day <= day]
    if not found:
        msg = f"no candidate rule is known for {body!r} on {day.isoformat()}"
        raise UnknownCandidateRule(msg)
    return found[-1]


def candidate_reasons(
    person: Person, body: str, election_day: date, *, feb29: Feb29Rule = FEB29_RULE
) -> list[Reason]:
    """Every reason ``person`` may not stand for ``body`` on ``election_day``.

    A candidate must be a voter too. Residence is checked only when ``resident_years`` is known.

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
                rule.source,
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
                rule.source,
                {"required_years": rule.residence_years, "years": person.resident_years},
            )
        )
    return reasons
