"""Summing precinct protocols up the commissions, and turning the sums into mandates.

The law layer's tabulation (standard library and ``saylau.law`` only): the precinct
protocols are summed line by line up the commission hierarchy - precinct, territorial,
regional - and the total must equal the sum of every precinct (law-notes §4, the control
ratio "sum over precincts = TEC totals; sum over TECs = oblast/CEC totals"); the list seats
are then allocated by :mod:`saylau.law.seats` and given to candidates by
:mod:`saylau.law.mandates` (law-notes §1.3), single-member districts by
:mod:`saylau.law.single_member`. ``saylau tabulate DIR`` and the results app both use it, so
the command line and the web give the same numbers for the same protocols.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from saylau.law.mandates import PartyDecision, assign_mandates
from saylau.law.seats import (
    PLAIN,
    Allocation,
    Numerals,
    PartyVotes,
    SeatCase,
    allocate,
    render_trace,
    rule_set,
)
from saylau.law.single_member import SingleMemberResult, plurality

#: The count lines that are summed (each a whole number in the protocol format).
SUMMED = (
    "voters_main_list",
    "voters_additional_list",
    "ballots_received",
    "ballots_issued_premises",
    "ballots_issued_outside",
    "absentee_certificate_voters",
    "ballots_cancelled",
    "ballots_spoiled",
    "ballots_in_stationary_boxes",
    "ballots_in_portable_boxes",
    "valid",
    "invalid",
    "against_all",
)


def protocol_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 of the protocol's canonical JSON (sorted keys, no spaces, UTF-8).

    >>> protocol_hash({"b": 1, "a": "ә"})[:16]
    '029815bd11f8b8d1'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Totals:
    """Line-by-line sums of a set of protocols (one precinct, one district, or all)."""

    protocols: int = 0
    lines: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUMMED, 0))
    votes: dict[str, int] = field(default_factory=dict)

    def add(self, data: Mapping[str, Any]) -> None:
        """Add one protocol in its JSON form (already read by ``protocol_from_dict``)."""
        self.protocols += 1
        lines = self.lines
        for key in SUMMED:
            lines[key] += data.get(key) or 0
        votes = self.votes
        for line in data["votes"]:
            votes[line["code"]] = votes.get(line["code"], 0) + line["votes"]

    def merge(self, other: Totals) -> None:
        self.protocols += other.protocols
        for key in SUMMED:
            self.lines[key] += other.lines[key]
        for code, n in other.votes.items():
            self.votes[code] = self.votes.get(code, 0) + n

    @property
    def voters(self) -> int:
        return self.lines["voters_main_list"] + self.lines["voters_additional_list"]

    @property
    def ballots_issued(self) -> int:
        return self.lines["ballots_issued_premises"] + self.lines["ballots_issued_outside"]

    @property
    def turnout(self) -> Fraction:
        """Ballots issued over voters on the lists (0 when no voter)."""
        return Fraction(self.ballots_issued, self.voters) if self.voters else Fraction(0)

    def to_json(self) -> dict[str, Any]:
        return {
            "protocols": self.protocols,
            **self.lines,
            "voters": self.voters,
            "ballots_issued": self.ballots_issued,
            "turnout_percent": percent_text(self.turnout),
            "votes": dict(sorted(self.votes.items())),
        }


def percent_text(share: Fraction, places: int = 2) -> str:
    """A share as a percentage rounded half up to ``places`` decimals, from exact arithmetic.

    >>> percent_text(Fraction(2, 3))
    '66.67'
    """
    scaled = share * 100 * 10**places
    whole = int(scaled + Fraction(1, 2))
    text = str(whole).rjust(places + 1, "0")
    return f"{text[:-places]}.{text[-places:]}" if places else text


@dataclass
class Tally:
    """Totals at every level: each precinct, each district (territorial commission), all."""

    total: Totals
    districts: dict[str, Totals]
    precincts: dict[str, Totals]
    precinct_district: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "totals": self.total.to_json(),
            "districts": {k: v.to_json() for k, v in sorted(self.districts.items())},
        }


def tally(rows: Iterable[tuple[str, str, Mapping[str, Any]]]) -> Tally:
    """Sum protocols given as ``(district_key, precinct_key, protocol_json)``.

    Precincts are summed into their district, districts into the total - each level from
    the level below, as the commissions do; :func:`sum_checks` re-sums to prove it.
    """
    precincts: dict[str, Totals] = {}
    where: dict[str, str] = {}
    for district, precinct, data in rows:
        totals = precincts.get(precinct)
        if totals is None:
            totals = precincts[precinct] = Totals()
            where[precinct] = district
        totals.add(data)
    districts: dict[str, Totals] = {}
    for precinct, totals in precincts.items():
        districts.setdefault(where[precinct], Totals()).merge(totals)
    total = Totals()
    for totals in districts.values():
        total.merge(totals)
    return Tally(total=total, districts=districts, precincts=precincts, precinct_district=where)


def sum_checks(t: Tally) -> list[str]:
    """Every level adds up: each district is the sum of its precincts and the total the sum
    of every precinct. Returns a description of each mismatch (empty: all levels agree)."""
    problems: list[str] = []
    by_district: dict[str, Totals] = {}
    direct = Totals()
    for precinct, totals in t.precincts.items():
        by_district.setdefault(t.precinct_district[precinct], Totals()).merge(totals)
        direct.merge(totals)
    for district, totals in t.districts.items():
        again = by_district.get(district, Totals())
        if again.lines != totals.lines or again.votes != totals.votes:
            problems.append(f"district {district}: totals differ from the sum of its precincts")
    if direct.lines != t.total.lines or direct.votes != t.total.votes:
        problems.append("the total differs from the sum of all precincts")
    return problems


@dataclass(frozen=True)
class ListEntry:
    """A party list as the distribution needs it."""

    code: str
    name: str
    registration_order: int
    candidates: Sequence[str]
    declined: Sequence[str] = ()
    decision: PartyDecision | None = None


@dataclass(frozen=True)
class Result:
    allocation: Allocation
    mandates: dict[str, tuple[str, ...]]
    vacant: dict[str, int]
    basis: dict[str, str] = field(default_factory=dict)


def distribute(
    *,
    body: str,
    day: dt.date,
    seats: int,
    rules: str | None,
    lists: Sequence[ListEntry],
    totals: Totals,
    election: str = "",
) -> Result:
    """Allocate the list seats (``saylau.law.seats``) and give them to candidates in list
    order (``saylau.law.mandates``). Undecided seats (a tie the law leaves to a decision) are
    reported in the allocation and given to no one."""
    case = SeatCase(
        body=body,  # type: ignore[arg-type]
        day=day,
        seats=seats,
        parties=tuple(
            PartyVotes(
                name=entry.code,
                votes=totals.votes.get(entry.code, 0),
                registration_order=entry.registration_order,
            )
            for entry in lists
        ),
        against_all=totals.lines["against_all"],
        election=election,
    )
    allocation = allocate(case, rule_set(rules) if rules else None)
    mandates: dict[str, tuple[str, ...]] = {}
    vacant: dict[str, int] = {}
    basis: dict[str, str] = {}
    for entry in lists:
        won = allocation.seats.get(entry.code, 0)
        result = assign_mandates(
            entry.candidates, seats=won, declined=entry.declined, decision=entry.decision
        )
        mandates[entry.code] = result.elected
        vacant[entry.code] = result.vacant
        basis[entry.code] = result.basis
    return Result(allocation=allocation, mandates=mandates, vacant=vacant, basis=basis)


def district_votes(totals: Totals, candidates: Sequence[str]) -> dict[str, int]:
    """The votes of every candidate of a single-member district (0 for one without a line)."""
    return {code: totals.votes.get(code, 0) for code in candidates}


def decide_district(totals: Totals, candidates: Sequence[str]) -> SingleMemberResult:
    """The winner of a single-member district from its summed protocols, by the law layer's
    plurality rule (``saylau.law.single_member``); ties and a leading "against all" come back
    undecided, never broken here.

    >>> t = Totals(votes={"7": 120, "8": 80})
    >>> t.lines["against_all"] = 30
    >>> decide_district(t, ["7", "8"]).winner
    '7'
    """
    return plurality(district_votes(totals, candidates), against_all=totals.lines["against_all"])


def district_json(
    totals: Totals, result: SingleMemberResult, *, expected: int | None = None
) -> dict[str, Any]:
    """One single-member district's totals and outcome, as ``saylau tabulate`` prints it."""
    out = totals.to_json()
    out["expected"] = expected
    out["votes"] = dict(result.votes)
    out["winner"] = result.winner
    out["undecided"] = result.undecided
    out["leaders"] = list(result.leaders)
    return out


def traces(
    allocation: Allocation, numerals: Mapping[str, Numerals] | None = None
) -> dict[str, str]:
    """The printable protocol of mandate distribution in the three languages, the numbers of
    each written with its ``numerals`` (plain digits for a language not given)."""
    given = numerals or {}
    return {
        lang: render_trace(allocation, lang, numerals=given.get(lang, PLAIN))
        for lang in ("ru", "kk", "en")
    }


def official_trace(text: str) -> str:
    r"""The trace as official documents and pages print it: without the lines that name a point
    of the rules still to confirm (those are for the CEC's legal-basis page only), numbered or
    not, and the steps left numbered again without a gap.

    >>> official_trace("1. Квота: 60.\n2. НЕ ПОДТВЕРЖДЕНО: база процентов.\n3. Итог: A 1.")
    '1. Квота: 60.\n2. Итог: A 1.'
    """

    from saylau.law.seats.trace import TEMPLATES

    marks = tuple(t.split("{point}")[0] for t in TEMPLATES["unconfirmed"].values())
    lines: list[str] = []
    number = 0
    for line in text.splitlines():
        # The trace numbers its steps ("12. НЕ ПОДТВЕРЖДЕНО: ..."): look past the number.
        head, dot, rest = line.strip().partition(". ")
        numbered = bool(dot) and head.isdigit()
        if (rest if numbered else line.strip()).startswith(marks):
            continue
        if numbered:
            number += 1
            line = f"{number}. {rest}"
        lines.append(line)
    return "\n".join(lines)
