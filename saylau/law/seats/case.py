"""A seat allocation case: the input of ``saylau seats`` (docs/formats/seat-case.md, v1).

>>> case = load_case({"body": "maslikhat", "date": "2021-01-10", "seats": 15,
...     "parties": [{"name": "A", "votes": 48640}, {"name": "B", "votes": 12110}]})
>>> [(p.name, p.votes, p.registration_order) for p in case.parties]
[('A', 48640, 1), ('B', 12110, 2)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ..errors import InvalidFile
from .rules import BODIES, Body


class CaseError(InvalidFile):
    """A case file that is not a valid case; ``field`` names the offending field."""

    code = "seats_case_invalid"


@dataclass(frozen=True)
class PartyVotes:
    """One party list's result: votes (int), or the published percentage when votes are absent.

    ``registration_order``: 1 = the list registered first (it settles equal remainders).
    """

    name: str
    votes: int | None
    registration_order: int
    percent: Fraction | None = None
    #: Half a unit of the last printed digit ("53.90" -> 1/200): the most the printed
    #: percentage can differ from the true share.
    percent_error: Fraction = Fraction(0)

    @property
    def weight(self) -> Fraction:
        """Votes, or the percentage for a percent-only case: what the quota divides."""
        if self.votes is not None:
            return Fraction(self.votes)
        assert self.percent is not None  # noqa: S101 - load_case guarantees one of the two
        return self.percent


@dataclass(frozen=True)
class SeatCase:
    """Everything the allocation needs; ``percent_only`` when every party has a percentage."""

    body: Body
    day: date
    seats: int
    parties: tuple[PartyVotes, ...]
    against_all: int = 0
    id: str = ""
    election: str = ""

    @property
    def percent_only(self) -> bool:
        return all(p.votes is None for p in self.parties)


def _int(value: object, field: str, source: str | None, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"must be a whole number, not {value!r}"
        raise CaseError(msg, field=field, source=source)
    if value < minimum:
        msg = f"must be at least {minimum} (got {value})"
        raise CaseError(msg, field=field, source=source)
    return value


def _percent(value: object, field: str, source: str | None) -> tuple[Fraction, Fraction]:
    """A published percentage, exact as printed: "53.90" or 53.9 (read via its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        msg = f"must be a number such as 53.90, not {value!r}"
        raise CaseError(msg, field=field, source=source)
    text = repr(value) if isinstance(value, float) else str(value)
    try:
        exact = Decimal(text.strip())
    except InvalidOperation:
        msg = f"must be a number such as 53.90, not {value!r}"
        raise CaseError(msg, field=field, source=source) from None
    if not exact.is_finite() or exact < 0 or exact > 100:
        msg = f"must be a percentage from 0 to 100, not {value!r}"
        raise CaseError(msg, field=field, source=source)
    exponent = exact.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 - finite decimals have an int exponent
    return Fraction(exact), Fraction(10) ** exponent / 2


def load_case(data: Any, *, source: str | None = None) -> SeatCase:
    """Read a case (seat-case.md v1); raise :class:`CaseError` naming the field. Nothing is guessed.

    Unknown keys (``source``, ``notes``, ``expected_seats``) are ignored. A file gives votes for
    every party or a percentage for every party, never a mix.
    """
    if not isinstance(data, Mapping):
        msg = "a case is a JSON object"
        raise CaseError(msg, field="(top)", source=source)
    body = data.get("body")
    if body not in BODIES:
        msg = f"must be one of {', '.join(BODIES)}, not {body!r}"
        raise CaseError(msg, field="body", source=source)
    raw_day = data.get("date")
    try:
        if not isinstance(raw_day, str):
            raise ValueError
        day = date.fromisoformat(raw_day)
    except ValueError:
        msg = f"must be the election day as YYYY-MM-DD, not {raw_day!r}"
        raise CaseError(msg, field="date", source=source) from None
    seats = _int(data.get("seats"), "seats", source, minimum=1)
    against = data.get("against_all", 0)
    against_all = 0 if against is None else _int(against, "against_all", source, minimum=0)

    raw_parties = data.get("parties")
    if not isinstance(raw_parties, list) or not raw_parties:
        msg = "must be a non-empty list of parties"
        raise CaseError(msg, field="parties", source=source)
    parties: list[PartyVotes] = []
    names: set[str] = set()
    orders: dict[int, str] = {}
    has_votes: bool | None = None
    for i, item in enumerate(raw_parties):
        where = f"parties[{i}]"
        if not isinstance(item, Mapping):
            msg = "must be an object with name and votes"
            raise CaseError(msg, field=where, source=source)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            msg = "must be a non-empty string"
            raise CaseError(msg, field=f"{where}.name", source=source)
        if name in names:
            msg = f"{name!r} appears twice"
            raise CaseError(msg, field=f"{where}.name", source=source)
        names.add(name)
        this_has_votes = item.get("votes") is not None
        if has_votes is None:
            has_votes = this_has_votes
        elif has_votes != this_has_votes:
            msg = "a case gives votes for every party or a percent for every party, not a mix"
            raise CaseError(msg, field=f"{where}.votes", source=source)
        votes: int | None = None
        percent: Fraction | None = None
        error = Fraction(0)
        if this_has_votes:
            votes = _int(item["votes"], f"{where}.votes", source, minimum=0)
        elif item.get("percent") is not None:
            percent, error = _percent(item["percent"], f"{where}.percent", source)
        else:
            msg = "is missing (give votes, or percent when votes were not published)"
            raise CaseError(msg, field=f"{where}.votes", source=source)
        order = item.get("registration_order")
        reg = (
            i + 1
            if order is None
            else _int(order, f"{where}.registration_order", source, minimum=1)
        )
        if reg in orders:
            msg = f"{reg} is also the registration order of {orders[reg]!r}"
            raise CaseError(msg, field=f"{where}.registration_order", source=source)
        orders[reg] = name
        parties.append(
            PartyVotes(
                name=name, votes=votes, registration_order=reg, percent=percent, percent_error=error
            )
        )
    if not has_votes and sum(p.weight - p.percent_error for p in parties) > 100:
        msg = "the percentages add up to more than 100"
        raise CaseError(msg, field="parties", source=source)
    ident = data.get("id", "")
    election = data.get("election", "")
    return SeatCase(
        body=body,
        day=day,
        seats=seats,
        parties=tuple(parties),
        against_all=against_all,
        id=ident if isinstance(ident, str) else str(ident),
        election=election if isinstance(election, str) else str(election),
    )
