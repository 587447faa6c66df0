"""The protocol's lines, the ``Finding`` of a check, and reading/writing the JSON form.

Format: ``docs/formats/protocol.md`` (``saylau-protocol/1``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from ..errors import InvalidFile

FORMAT = "saylau-protocol/1"


class Race(StrEnum):
    """The two races of an election: the party lists, or one single-member district."""

    PARTY_LIST = "party_list"
    SINGLE_MEMBER = "single_member"


Severity = Literal["error", "warning"]

#: The count lines of the protocol, in the order of the form, with their meaning.
COUNT_FIELDS: dict[str, str] = {
    "voters_main_list": "voters included in the main voter list",
    "voters_additional_list": "voters added to the additional list on election day",
    "ballots_received": "ballots received by the precinct commission",
    "ballots_issued_premises": "ballots issued to voters in the polling premises",
    "ballots_issued_outside": "ballots issued for voting outside the premises (portable box)",
    "absentee_certificate_voters": "voters who voted by absentee certificate",
    "ballots_cancelled": "unused ballots cancelled",
    "ballots_spoiled": "ballots spoiled by voters and cancelled",
    "ballots_in_stationary_boxes": "ballots found in the stationary boxes",
    "ballots_in_portable_boxes": "ballots found in the portable boxes",
    "valid": "valid ballots",
    "invalid": "invalid ballots",
    "against_all": 'ballots marked "against all" (2023 and later)',
}
#: Lines that may be left out of the file (read as 0 / unknown).
OPTIONAL_FIELDS = frozenset({"ballots_spoiled", "against_all"})


#: Every ``reason`` a :class:`ProtocolError` gives (its docstring says what each carries).
PROTOCOL_REASONS = frozenset(
    {
        "missing",
        "not_whole",
        "negative",
        "votes_not_list",
        "vote_not_object",
        "line_code_empty",
        "line_twice",
        "name_not_text",
        "not_object",
        "unknown_format",
        "election_required",
        "unknown_race",
        "district_invalid",
        "district_required",
        "other_election",
        "other_precinct",
        "not_a_precinct",
        "lines_differ",
        "nothing_to_sum",
        "parts_differ",
    }
)


class ProtocolError(InvalidFile):
    """A protocol file that is not a valid protocol; ``field`` names the offending field.

    ``reason`` says why with a stable code and ``params`` (the message says it in English):
    ``missing``, ``not_whole`` (``value``), ``negative`` (``value``), ``votes_not_list``,
    ``vote_not_object``, ``line_code_empty``, ``line_twice`` (``line``), ``name_not_text``,
    ``not_object``, ``unknown_format`` (``value``), ``election_required``, ``unknown_race``
    (``value``), ``district_invalid``, ``district_required``; and from
    :func:`~.fit.check_fits`: ``other_election`` (``given``, ``expected``), ``other_precinct``
    (``given``, ``expected``), ``not_a_precinct`` (``given``), ``lines_differ`` (``unknown``,
    ``missing``: lists of codes); from :func:`~.totals.sum_protocols`: ``nothing_to_sum``,
    ``parts_differ`` (``precinct``, ``first``).
    """

    code = "protocol_invalid"

    def __init__(
        self,
        message: str,
        *,
        field: str,
        source: str | None = None,
        reason: str = "invalid",
        **params: Any,
    ) -> None:
        super().__init__(message, field=field, source=source)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class VoteLine:
    """Votes for one party list (``code`` = the party's code or name) or one candidate."""

    code: str
    votes: int
    name: str = ""


@dataclass(frozen=True)
class Protocol:
    """One precinct protocol of the count for one race (party lists or one single-member race)."""

    election: str
    precinct_no: int
    voters_main_list: int
    voters_additional_list: int
    ballots_received: int
    ballots_issued_premises: int
    ballots_issued_outside: int
    absentee_certificate_voters: int
    ballots_cancelled: int
    ballots_in_stationary_boxes: int
    ballots_in_portable_boxes: int
    valid: int
    invalid: int
    votes: tuple[VoteLine, ...]
    ballots_spoiled: int = 0
    against_all: int = 0
    race: Race = Race.PARTY_LIST
    district: str | None = None
    outside_voting_applications: int | None = None

    @property
    def voters_on_lists(self) -> int:
        return self.voters_main_list + self.voters_additional_list

    @property
    def ballots_issued(self) -> int:
        return self.ballots_issued_premises + self.ballots_issued_outside

    @property
    def ballots_in_boxes(self) -> int:
        return self.ballots_in_stationary_boxes + self.ballots_in_portable_boxes

    @property
    def votes_total(self) -> int:
        return sum(v.votes for v in self.votes)

    def votes_by_code(self) -> dict[str, int]:
        return {v.code: v.votes for v in self.votes}


@dataclass(frozen=True)
class Finding:
    """One control-ratio finding: a stable ``code``, its ``severity``, the numbers and fields.

    ``params`` fill the message template of ``code`` (:data:`MESSAGES`, in ru/kk/en).
    """

    code: str
    severity: Severity
    params: Mapping[str, int | str] = field(default_factory=dict)
    fields: tuple[str, ...] = ()

    def message(self, lang: str = "en") -> str:
        from .messages import render_finding

        return render_finding(self, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "fields": list(self.fields),
            "params": dict(self.params),
            "message": self.message(lang),
        }


# --- reading --------------------------------------------------------------------------------


def _count(data: Mapping[str, Any], key: str, source: str | None, *, optional: bool) -> int:
    if key not in data or data[key] is None:
        if optional:
            return 0
        msg = "is missing (a whole number of 0 or more is required)"
        raise ProtocolError(msg, field=key, source=source, reason="missing")
    value: object = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"must be a whole number, not {value!r}"
        shown = str(value)[:40]
        raise ProtocolError(msg, field=key, source=source, reason="not_whole", value=shown)
    if value < 0:
        msg = f"must not be negative ({value})"
        raise ProtocolError(msg, field=key, source=source, reason="negative", value=value)
    return value


def _votes(data: Mapping[str, Any], source: str | None) -> tuple[VoteLine, ...]:
    raw = data.get("votes")
    if not isinstance(raw, list):
        msg = 'must be a list of {"code": ..., "votes": ...} objects'
        raise ProtocolError(msg, field="votes", source=source, reason="votes_not_list")
    lines: list[VoteLine] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"votes[{i}]"
        if not isinstance(item, Mapping):
            msg = 'must be an object {"code": ..., "votes": ...}'
            raise ProtocolError(msg, field=where, source=source, reason="vote_not_object")
        code = item.get("code")
        if not isinstance(code, str) or not code.strip():
            msg = "must be a non-empty string (the party's code or the candidate's id)"
            raise ProtocolError(msg, field=f"{where}.code", source=source, reason="line_code_empty")
        if code in seen:
            msg = f"{code!r} appears twice"
            raise ProtocolError(
                msg, field=f"{where}.code", source=source, reason="line_twice", line=code[:40]
            )
        seen.add(code)
        name = item.get("name", "")
        if not isinstance(name, str):
            msg = "must be a string"
            raise ProtocolError(msg, field=f"{where}.name", source=source, reason="name_not_text")
        votes = _vote_count(item, where, source)
        lines.append(VoteLine(code=code, votes=votes, name=name))
    return tuple(lines)


def _vote_count(item: Mapping[str, Any], where: str, source: str | None) -> int:
    try:
        return _count(item, "votes", source, optional=False)
    except ProtocolError as exc:
        raise ProtocolError(
            exc.message, field=f"{where}.votes", source=source, reason=exc.reason, **exc.params
        ) from None


def protocol_from_dict(data: Any, *, source: str | None = None) -> Protocol:
    """Read a protocol from its JSON form; raise :class:`ProtocolError` naming the bad field.

    Nothing is guessed: a missing count line, a negative or fractional number, an unknown
    ``race`` or ``format`` is an error. Unknown keys are ignored (``notes``, ``source``, ...).
    """
    if not isinstance(data, Mapping):
        msg = "a protocol is a JSON object"
        raise ProtocolError(msg, field="(top)", source=source, reason="not_object")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        msg = f"unknown format {fmt!r} (expected {FORMAT!r})"
        shown = str(fmt)[:40]
        raise ProtocolError(
            msg, field="format", source=source, reason="unknown_format", value=shown
        )
    election = data.get("election")
    if isinstance(election, bool) or not isinstance(election, str | int) or election == "":
        msg = "is required: the election's identifier (string or integer)"
        raise ProtocolError(msg, field="election", source=source, reason="election_required")
    precinct_no = _count(data, "precinct_no", source, optional=False)
    given = data.get("race", Race.PARTY_LIST)
    if given not in tuple(Race):
        msg = f"must be 'party_list' or 'single_member', not {given!r}"
        shown = str(given)[:40]
        raise ProtocolError(msg, field="race", source=source, reason="unknown_race", value=shown)
    race = Race(given)
    district = data.get("district")
    if district is not None and (isinstance(district, bool) or not isinstance(district, str | int)):
        msg = "must be the single-member district's number or code"
        raise ProtocolError(msg, field="district", source=source, reason="district_invalid")
    if race is Race.SINGLE_MEMBER and district is None:
        msg = "is required for a single-member race"
        raise ProtocolError(msg, field="district", source=source, reason="district_required")
    counts = {
        key: _count(data, key, source, optional=key in OPTIONAL_FIELDS) for key in COUNT_FIELDS
    }
    applications: int | None = None
    if data.get("outside_voting_applications") is not None:
        applications = _count(data, "outside_voting_applications", source, optional=False)
    return Protocol(
        election=str(election),
        precinct_no=precinct_no,
        race=race,
        district=None if district is None else str(district),
        outside_voting_applications=applications,
        votes=_votes(data, source),
        **counts,
    )


def protocol_to_dict(p: Protocol) -> dict[str, Any]:
    """The JSON form of ``p`` (the inverse of :func:`protocol_from_dict`)."""
    out: dict[str, Any] = {
        "format": FORMAT,
        "election": p.election,
        "precinct_no": p.precinct_no,
        "race": str(p.race),
    }
    if p.district is not None:
        out["district"] = p.district
    for key in COUNT_FIELDS:
        out[key] = getattr(p, key)
    if p.outside_voting_applications is not None:
        out["outside_voting_applications"] = p.outside_voting_applications
    out["votes"] = [
        {"code": v.code, **({"name": v.name} if v.name else {}), "votes": v.votes} for v in p.votes
    ]
    return out
