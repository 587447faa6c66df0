"""The precinct election commission's protocol of the count, and its control ratios.

The count itself follows Art. 43 of the election law (older English text, law-notes section 4):
the commission counts the ballots of the stationary and the portable boxes, sorts them by party
list (or candidate) and a pile of invalid ballots, and writes the protocol that goes straight to
the territorial commission (Art. 94). Art. 44 p. 5 lists what the results contain.

The official CEC protocol form was **not** read (law-notes section 9 item 3), so the line list
here is UNCONFIRMED: it is the union of the lines printed in real 2021/2023 commission notices
and of the core lines of neighbouring CIS forms. The control ratios are *derived* consistency
rules (law-notes section 4), not quoted law: each is one function below that returns every
finding it sees, and :func:`check_protocol` runs them all.

The JSON format is documented in ``docs/formats/protocol.md``.

>>> p = protocol_from_dict({
...     "election": "demo-2023", "precinct_no": 7,
...     "voters_main_list": 100, "voters_additional_list": 2,
...     "ballots_received": 110, "ballots_issued_premises": 80, "ballots_issued_outside": 3,
...     "absentee_certificate_voters": 1, "ballots_cancelled": 27,
...     "ballots_in_stationary_boxes": 80, "ballots_in_portable_boxes": 3,
...     "valid": 81, "invalid": 2, "against_all": 1,
...     "votes": [{"code": "A", "votes": 50}, {"code": "B", "votes": 30}]})
>>> check_protocol(p)
[]
>>> [f.code for f in check_protocol(replace(p, invalid=3))]
['valid_invalid_vs_boxes']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import LawError

__all__ = [
    "COUNT_FIELDS",
    "FORMAT",
    "RULES",
    "Finding",
    "Protocol",
    "ProtocolError",
    "Severity",
    "VoteLine",
    "check_protocol",
    "protocol_from_dict",
    "protocol_to_dict",
    "render_finding",
    "replace",
]

FORMAT = "saylau-protocol/1"

Race = Literal["party_list", "single_member"]
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


class ProtocolError(LawError):
    """A protocol file that is not a valid protocol; ``field`` names the offending field."""

    code = "protocol_invalid"

    def __init__(self, message: str, *, field: str, source: str | None = None) -> None:
        self.message = message
        self.field = field
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}field {field!r}: {message}")


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
    race: Race = "party_list"
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
        raise ProtocolError(msg, field=key, source=source)
    value: object = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"must be a whole number, not {value!r}"
        raise ProtocolError(msg, field=key, source=source)
    if value < 0:
        msg = f"must not be negative ({value})"
        raise ProtocolError(msg, field=key, source=source)
    return value


def _votes(data: Mapping[str, Any], source: str | None) -> tuple[VoteLine, ...]:
    raw = data.get("votes")
    if not isinstance(raw, list):
        msg = 'must be a list of {"code": ..., "votes": ...} objects'
        raise ProtocolError(msg, field="votes", source=source)
    lines: list[VoteLine] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"votes[{i}]"
        if not isinstance(item, Mapping):
            msg = 'must be an object {"code": ..., "votes": ...}'
            raise ProtocolError(msg, field=where, source=source)
        code = item.get("code")
        if not isinstance(code, str) or not code.strip():
            msg = "must be a non-empty string (the party's code or the candidate's id)"
            raise ProtocolError(msg, field=f"{where}.code", source=source)
        if code in seen:
            msg = f"{code!r} appears twice"
            raise ProtocolError(msg, field=f"{where}.code", source=source)
        seen.add(code)
        name = item.get("name", "")
        if not isinstance(name, str):
            msg = "must be a string"
            raise ProtocolError(msg, field=f"{where}.name", source=source)
        votes = _vote_count(item, where, source)
        lines.append(VoteLine(code=code, votes=votes, name=name))
    return tuple(lines)


def _vote_count(item: Mapping[str, Any], where: str, source: str | None) -> int:
    try:
        return _count(item, "votes", source, optional=False)
    except ProtocolError as exc:
        raise ProtocolError(exc.message, field=f"{where}.votes", source=source) from None


def protocol_from_dict(data: Any, *, source: str | None = None) -> Protocol:
    """Read a protocol from its JSON form; raise :class:`ProtocolError` naming the bad field.

    Nothing is guessed: a missing count line, a negative or fractional number, an unknown
    ``race`` or ``format`` is an error. Unknown keys are ignored (``notes``, ``source``, ...).
    """
    if not isinstance(data, Mapping):
        msg = "a protocol is a JSON object"
        raise ProtocolError(msg, field="(top)", source=source)
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        msg = f"unknown format {fmt!r} (expected {FORMAT!r})"
        raise ProtocolError(msg, field="format", source=source)
    election = data.get("election")
    if isinstance(election, bool) or not isinstance(election, str | int) or election == "":
        msg = "is required: the election's identifier (string or integer)"
        raise ProtocolError(msg, field="election", source=source)
    precinct_no = _count(data, "precinct_no", source, optional=False)
    race = data.get("race", "party_list")
    if race not in ("party_list", "single_member"):
        msg = f"must be 'party_list' or 'single_member', not {race!r}"
        raise ProtocolError(msg, field="race", source=source)
    district = data.get("district")
    if district is not None and (isinstance(district, bool) or not isinstance(district, str | int)):
        msg = "must be the single-member district's number or code"
        raise ProtocolError(msg, field="district", source=source)
    if race == "single_member" and district is None:
        msg = "is required for a single-member race"
        raise ProtocolError(msg, field="district", source=source)
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
        "race": p.race,
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


# --- control ratios: one function per rule ---------------------------------------------------
# Each returns every finding it sees (usually zero or one). Severity "error" marks an identity
# that a correct count always satisfies; "warning" marks something legal but worth a look.


def check_ballot_balance(p: Protocol) -> list[Finding]:
    """Ballots received = issued (premises + outside) + cancelled unused + spoiled."""
    accounted = p.ballots_issued + p.ballots_cancelled + p.ballots_spoiled
    if accounted == p.ballots_received:
        return []
    return [
        Finding(
            "ballot_balance",
            "error",
            {"received": p.ballots_received, "accounted": accounted},
            (
                "ballots_received",
                "ballots_issued_premises",
                "ballots_issued_outside",
                "ballots_cancelled",
                "ballots_spoiled",
            ),
        )
    ]


def check_issued_within_lists(p: Protocol) -> list[Finding]:
    """Voters who took part (ballots issued) <= voters on the lists (main + additional)."""
    if p.ballots_issued <= p.voters_on_lists:
        return []
    return [
        Finding(
            "issued_exceeds_lists",
            "error",
            {"issued": p.ballots_issued, "on_lists": p.voters_on_lists},
            (
                "ballots_issued_premises",
                "ballots_issued_outside",
                "voters_main_list",
                "voters_additional_list",
            ),
        )
    ]


def check_absentee_on_additional_list(p: Protocol) -> list[Finding]:
    """Absentee-certificate voters are added to the list: they cannot outnumber the additions.

    Law-notes section 4 ("absentee-certificate voters, who are added to the list"). A warning,
    because the form may count them in the main list (the form's wording is UNCONFIRMED).
    """
    if p.absentee_certificate_voters <= p.voters_additional_list:
        return []
    return [
        Finding(
            "absentee_exceeds_additional",
            "warning",
            {"absentee": p.absentee_certificate_voters, "additional": p.voters_additional_list},
            ("absentee_certificate_voters", "voters_additional_list"),
        )
    ]


def check_absentee_within_issued(p: Protocol) -> list[Finding]:
    """Absentee-certificate voters <= ballots issued in the premises (they vote in person)."""
    if p.absentee_certificate_voters <= p.ballots_issued_premises:
        return []
    return [
        Finding(
            "absentee_exceeds_issued",
            "error",
            {"absentee": p.absentee_certificate_voters, "issued": p.ballots_issued_premises},
            ("absentee_certificate_voters", "ballots_issued_premises"),
        )
    ]


def check_boxes_within_issued(p: Protocol) -> list[Finding]:
    """Ballots found in all boxes <= ballots issued; fewer is legal (a voter kept the ballot)."""
    if p.ballots_in_boxes > p.ballots_issued:
        return [
            Finding(
                "boxes_exceed_issued",
                "error",
                {"in_boxes": p.ballots_in_boxes, "issued": p.ballots_issued},
                (
                    "ballots_in_stationary_boxes",
                    "ballots_in_portable_boxes",
                    "ballots_issued_premises",
                    "ballots_issued_outside",
                ),
            )
        ]
    if p.ballots_in_boxes < p.ballots_issued:
        return [
            Finding(
                "ballots_not_returned",
                "warning",
                {"missing": p.ballots_issued - p.ballots_in_boxes, "issued": p.ballots_issued},
                ("ballots_in_stationary_boxes", "ballots_in_portable_boxes"),
            )
        ]
    return []


def check_portable_within_outside(p: Protocol) -> list[Finding]:
    """Ballots in the portable boxes <= ballots issued for voting outside the premises."""
    if p.ballots_in_portable_boxes <= p.ballots_issued_outside:
        return []
    return [
        Finding(
            "portable_exceeds_outside",
            "error",
            {"portable": p.ballots_in_portable_boxes, "outside": p.ballots_issued_outside},
            ("ballots_in_portable_boxes", "ballots_issued_outside"),
        )
    ]


def check_outside_within_applications(p: Protocol) -> list[Finding]:
    """Ballots issued outside the premises <= written applications to vote outside (if given)."""
    apps = p.outside_voting_applications
    if apps is None or p.ballots_issued_outside <= apps:
        return []
    return [
        Finding(
            "outside_exceeds_applications",
            "error",
            {"outside": p.ballots_issued_outside, "applications": apps},
            ("ballots_issued_outside", "outside_voting_applications"),
        )
    ]


def check_valid_equals_votes(p: Protocol) -> list[Finding]:
    """Valid ballots = the sum of the votes for every party (candidate) + "against all"."""
    total = p.votes_total + p.against_all
    if total == p.valid:
        return []
    return [
        Finding(
            "valid_vs_votes",
            "error",
            {"valid": p.valid, "votes": total},
            ("valid", "votes", "against_all"),
        )
    ]


def check_valid_invalid_vs_boxes(p: Protocol) -> list[Finding]:
    """Valid + invalid ballots = ballots found in the boxes (stationary + portable)."""
    if p.valid + p.invalid == p.ballots_in_boxes:
        return []
    return [
        Finding(
            "valid_invalid_vs_boxes",
            "error",
            {"counted": p.valid + p.invalid, "in_boxes": p.ballots_in_boxes},
            ("valid", "invalid", "ballots_in_stationary_boxes", "ballots_in_portable_boxes"),
        )
    ]


def check_has_votes_lines(p: Protocol) -> list[Finding]:
    """A protocol names at least one party list or candidate."""
    if p.votes:
        return []
    return [Finding("no_vote_lines", "error", {}, ("votes",))]


#: Every control ratio, in the order findings are reported.
RULES: tuple[Callable[[Protocol], list[Finding]], ...] = (
    check_has_votes_lines,
    check_ballot_balance,
    check_issued_within_lists,
    check_absentee_on_additional_list,
    check_absentee_within_issued,
    check_boxes_within_issued,
    check_portable_within_outside,
    check_outside_within_applications,
    check_valid_equals_votes,
    check_valid_invalid_vs_boxes,
)


def check_protocol(p: Protocol) -> list[Finding]:
    """Run every control ratio and return every finding (empty list: the protocol adds up)."""
    return [finding for rule in RULES for finding in rule(p)]


# --- messages -------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "ballot_balance": {
        "en": "ballots received ({received}) differ from ballots issued + cancelled + spoiled ({accounted})",
        "ru": "получено бюллетеней ({received}) не равно сумме выданных, погашенных и испорченных ({accounted})",
        "kk": "алынған бюллетеньдер ({received}) берілген, жойылған және бүлінген бюллетеньдер сомасына ({accounted}) тең емес",
    },
    "issued_exceeds_lists": {
        "en": "ballots issued ({issued}) exceed the voters on the lists ({on_lists})",
        "ru": "выдано бюллетеней ({issued}) больше, чем избирателей в списках ({on_lists})",
        "kk": "берілген бюллетеньдер ({issued}) тізімдегі сайлаушылардан ({on_lists}) көп",
    },
    "absentee_exceeds_additional": {
        "en": "absentee-certificate voters ({absentee}) exceed the voters added to the list ({additional})",
        "ru": "проголосовавших по открепительным удостоверениям ({absentee}) больше, чем включённых в список дополнительно ({additional})",
        "kk": "сырттай дауыс беру куәлігімен дауыс бергендер ({absentee}) тізімге қосымша енгізілгендерден ({additional}) көп",
    },
    "absentee_exceeds_issued": {
        "en": "absentee-certificate voters ({absentee}) exceed the ballots issued in the premises ({issued})",
        "ru": "проголосовавших по открепительным удостоверениям ({absentee}) больше, чем выдано бюллетеней в помещении ({issued})",
        "kk": "сырттай дауыс беру куәлігімен дауыс бергендер ({absentee}) үй-жайда берілген бюллетеньдерден ({issued}) көп",
    },
    "boxes_exceed_issued": {
        "en": "ballots found in the boxes ({in_boxes}) exceed the ballots issued ({issued})",
        "ru": "в ящиках обнаружено бюллетеней ({in_boxes}) больше, чем выдано ({issued})",
        "kk": "жәшіктерден табылған бюллетеньдер ({in_boxes}) берілгеннен ({issued}) көп",
    },
    "ballots_not_returned": {
        "en": "{missing} of {issued} issued ballots were not found in the boxes",
        "ru": "{missing} из {issued} выданных бюллетеней не обнаружены в ящиках",
        "kk": "берілген {issued} бюллетеньнің {missing} жәшіктерден табылмады",
    },
    "portable_exceeds_outside": {
        "en": "ballots in the portable boxes ({portable}) exceed the ballots issued outside the premises ({outside})",
        "ru": "в переносных ящиках бюллетеней ({portable}) больше, чем выдано вне помещения ({outside})",
        "kk": "жылжымалы жәшіктердегі бюллетеньдер ({portable}) үй-жайдан тыс берілгендерден ({outside}) көп",
    },
    "outside_exceeds_applications": {
        "en": "ballots issued outside the premises ({outside}) exceed the written applications ({applications})",
        "ru": "выдано бюллетеней вне помещения ({outside}) больше, чем подано заявлений ({applications})",
        "kk": "үй-жайдан тыс берілген бюллетеньдер ({outside}) жазбаша өтініштерден ({applications}) көп",
    },
    "valid_vs_votes": {
        "en": 'valid ballots ({valid}) differ from the votes for all lines plus "against all" ({votes})',
        "ru": "действительных бюллетеней ({valid}) не равно сумме голосов и «против всех» ({votes})",
        "kk": "жарамды бюллетеньдер ({valid}) дауыстар мен «бәріне қарсымын» сомасына ({votes}) тең емес",
    },
    "valid_invalid_vs_boxes": {
        "en": "valid + invalid ballots ({counted}) differ from the ballots found in the boxes ({in_boxes})",
        "ru": "сумма действительных и недействительных бюллетеней ({counted}) не равна числу бюллетеней в ящиках ({in_boxes})",
        "kk": "жарамды және жарамсыз бюллетеньдер сомасы ({counted}) жәшіктердегі бюллетеньдер санына ({in_boxes}) тең емес",
    },
    "no_vote_lines": {
        "en": "the protocol lists no party or candidate",
        "ru": "в протоколе нет ни одной партии или кандидата",
        "kk": "хаттамада бірде-бір партия немесе кандидат жоқ",
    },
}

SEVERITY_WORDS: dict[str, dict[str, str]] = {
    "error": {"en": "error", "ru": "ошибка", "kk": "қате"},
    "warning": {"en": "warning", "ru": "предупреждение", "kk": "ескерту"},
}


def render_finding(finding: Finding, lang: str = "en") -> str:
    """The finding's message in ``lang`` (``ru``, ``kk`` or ``en``; anything else: English)."""
    templates = MESSAGES[finding.code]
    return templates.get(lang, templates["en"]).format(**finding.params)
