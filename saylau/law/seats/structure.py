"""How many deputies a body elects by party lists and in single-member districts (law-notes 2).

A value per body and period, chosen by election day like the rule sets of :mod:`.rules`:

* Mazhilis 2004: 10 by list + 67 single-member; 2007-2021: 98 by list (+9 elected by the
  Assembly of People of Kazakhstan, not by voters); from the 2022 amendments (Constitutional
  Law of 5 November 2022 No. 156-VII, first used in 2023): 69 by list + 29 single-member.
* Maslikhats 2018-2022 (Constitutional Law of 29 June 2018 No. 162-VI): every deputy by party
  list. From 2023 (CEC deputy chairman K. Petrov): maslikhats of oblasts, cities of republican
  significance and the capital half by list, half in single-member districts; maslikhats of
  districts and cities fully majoritarian (no list seats). The size of a maslikhat depends on
  the population (CEC resolution of 8 July 1999 No. 12/200, table not read): not checked.

>>> [f.code for f in seat_findings("mazhilis", date(2023, 3, 19), list_seats=5, single_member=29)]
['list_seats_fixed']
>>> seat_findings("oblast_maslikhat", date(2023, 3, 19), list_seats=18, single_member=18)
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import LawError

#: The bodies as the elections app names them.
SEAT_BODIES = ("mazhilis", "oblast_maslikhat", "city_maslikhat", "district_maslikhat")


class UnknownSeatStructure(LawError):
    code = "seats_unknown_structure"


@dataclass(frozen=True)
class SeatStructure:
    """Seats of ``body`` for elections from ``from_day``. ``None``: not fixed by the law (set
    per maslikhat by population); ``halves``: as many list seats as single-member seats."""

    body: str
    from_day: date
    list_seats: int | None
    single_member: int | None
    source: str
    halves: bool = False


_MAZHILIS_2022 = "Constitutional Law of 5 November 2022 No. 156-VII; vlast.kz 2023 (69 + 29)"
_MASLIKHAT_2018 = "Constitutional Law of 29 June 2018 No. 162-VI (Art. 9 p. 2)"
_MASLIKHAT_2023 = "CEC deputy chairman K. Petrov, 2023 (50 % by lists in oblast maslikhats)"

STRUCTURES: tuple[SeatStructure, ...] = (
    SeatStructure("mazhilis", date(2004, 1, 1), 10, 67, "IPU Parline 2165_04 (10 + 67)"),
    SeatStructure("mazhilis", date(2007, 1, 1), 98, 0, "IPU Parline 2165_07 (98 by lists)"),
    SeatStructure("mazhilis", date(2022, 11, 5), 69, 29, _MAZHILIS_2022),
    SeatStructure("oblast_maslikhat", date(2018, 6, 29), None, 0, _MASLIKHAT_2018),
    SeatStructure("oblast_maslikhat", date(2023, 1, 1), None, None, _MASLIKHAT_2023, halves=True),
    SeatStructure("city_maslikhat", date(2018, 6, 29), None, 0, _MASLIKHAT_2018),
    SeatStructure("city_maslikhat", date(2023, 1, 1), 0, None, _MASLIKHAT_2023),
    SeatStructure("district_maslikhat", date(2018, 6, 29), None, 0, _MASLIKHAT_2018),
    SeatStructure("district_maslikhat", date(2023, 1, 1), 0, None, _MASLIKHAT_2023),
)


def seat_structure(body: str, day: date) -> SeatStructure:
    """The seat structure of ``body`` for an election on ``day`` (the latest in force)."""
    found = [s for s in STRUCTURES if s.body == body and s.from_day <= day]
    if not found:
        msg = f"no seat structure is known for {body!r} on {day.isoformat()}"
        raise UnknownSeatStructure(msg)
    return found[-1]


@dataclass(frozen=True)
class SeatFinding:
    """A seat number the body's structure does not allow: ``code``, the rule, the numbers."""

    code: str
    rule: str
    params: dict[str, int | str] = field(default_factory=dict)

    def message(self, lang: str = "ru") -> str:
        """In ``ru``, ``kk`` or ``en``.

        >>> SeatFinding("list_seats_fixed", "r", {"expected": 69, "given": 5}).message("en")
        'the body elects 69 deputies by party lists, not 5'
        """
        templates = SEAT_MESSAGES[self.code]
        return templates.get(lang, templates["en"]).format(**self.params)


SEAT_MESSAGES: dict[str, dict[str, str]] = {
    "list_seats_fixed": {
        "en": "the body elects {expected} deputies by party lists, not {given}",
        "ru": "по партийным спискам избирается {expected} депутатов, а не {given}",
        "kk": "партиялық тізімдер бойынша {given} емес, {expected} депутат сайланады",
    },
    "single_member_fixed": {
        "en": "the body elects {expected} deputies in single-member districts, not {given}",
        "ru": "по одномандатным округам избирается {expected} депутатов, а не {given}",
        "kk": "бір мандатты округтер бойынша {given} емес, {expected} депутат сайланады",
    },
    "halves_differ": {
        "en": "half by party lists, half in districts: {list_seats} and {single_member} differ",
        "ru": "половина по спискам, половина по округам: {list_seats} и {single_member} не равны",
        "kk": "жартысы тізіммен, жартысы округтермен: {list_seats} мен {single_member} тең емес",
    },
    "no_seats": {
        "en": "an election needs at least one seat",
        "ru": "на выборах должен быть хотя бы один мандат",
        "kk": "сайлауда кемінде бір мандат болуы керек",
    },
}


def seat_findings(
    body: str, day: date, *, list_seats: int, single_member: int
) -> list[SeatFinding]:
    """Every way ``list_seats`` and ``single_member`` break the body's structure on ``day``."""
    s = seat_structure(body, day)
    found: list[SeatFinding] = []
    if list_seats + single_member <= 0:
        found.append(SeatFinding("no_seats", s.source))
    if s.list_seats is not None and list_seats != s.list_seats:
        found.append(
            SeatFinding(
                "list_seats_fixed", s.source, {"expected": s.list_seats, "given": list_seats}
            )
        )
    if s.single_member is not None and single_member != s.single_member:
        found.append(
            SeatFinding(
                "single_member_fixed",
                s.source,
                {"expected": s.single_member, "given": single_member},
            )
        )
    if s.halves and list_seats != single_member:
        found.append(
            SeatFinding(
                "halves_differ",
                s.source,
                {"list_seats": list_seats, "single_member": single_member},
            )
        )
    return found
