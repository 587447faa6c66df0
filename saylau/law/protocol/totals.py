"""Summing protocols up the commission hierarchy, and the rule "sum of parts = the total".

Law-notes section 4: the sum over precincts equals the territorial commission's totals, and the
sum over territorial commissions the oblast / CEC totals. :func:`sum_protocols` adds protocols
line by line; :func:`check_totals` compares a stated total with the sum of its parts and
returns one finding per line that differs.

>>> from .model import protocol_from_dict
>>> def p(n, a, b):
...     return protocol_from_dict({"election": "e", "precinct_no": n,
...         "voters_main_list": 10, "voters_additional_list": 0, "ballots_received": 10,
...         "ballots_issued_premises": a + b, "ballots_issued_outside": 0,
...         "absentee_certificate_voters": 0, "ballots_cancelled": 10 - a - b,
...         "ballots_in_stationary_boxes": a + b, "ballots_in_portable_boxes": 0,
...         "valid": a + b, "invalid": 0,
...         "votes": [{"code": "A", "votes": a}, {"code": "B", "votes": b}]})
>>> parts = [p(1, 3, 2), p(2, 4, 1)]
>>> total = sum_protocols(parts, precinct_no=0)
>>> total.votes_by_code(), total.valid
({'A': 7, 'B': 3}, 10)
>>> check_totals(parts, total)
[]
>>> [f.params["line"] for f in check_totals(parts, replace(total, valid=11))]
['valid']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .model import COUNT_FIELDS, Finding, Protocol, ProtocolError, VoteLine


def sum_protocols(
    parts: Sequence[Protocol], *, precinct_no: int = 0, election: str | None = None
) -> Protocol:
    """The line-by-line sum of ``parts`` (one election, one race, one district).

    Vote lines are matched by ``code`` and kept in order of first appearance.
    ``outside_voting_applications`` is summed only when every part states it.
    """
    if not parts:
        msg = "nothing to sum: no protocols"
        raise ProtocolError(msg, field="(protocols)", reason="nothing_to_sum")
    first = parts[0]
    for part in parts[1:]:
        for attr in ("election", "race", "district"):
            if getattr(part, attr) != getattr(first, attr):
                msg = (
                    f"precinct {part.precinct_no} has {getattr(part, attr)!r}, precinct "
                    f"{first.precinct_no} has {getattr(first, attr)!r}: only protocols of one "
                    "election, race and district add up"
                )
                raise ProtocolError(
                    msg,
                    field=attr,
                    reason="parts_differ",
                    precinct=part.precinct_no,
                    first=first.precinct_no,
                )
    counts = {key: sum(getattr(p, key) for p in parts) for key in COUNT_FIELDS}
    votes: dict[str, int] = {}
    names: dict[str, str] = {}
    for part in parts:
        for line in part.votes:
            votes[line.code] = votes.get(line.code, 0) + line.votes
            names.setdefault(line.code, line.name)
    apps = [p.outside_voting_applications for p in parts]
    return replace(
        first,
        election=first.election if election is None else election,
        precinct_no=precinct_no,
        votes=tuple(VoteLine(code=c, votes=v, name=names[c]) for c, v in votes.items()),
        outside_voting_applications=(
            None if any(a is None for a in apps) else sum(a for a in apps if a is not None)
        ),
        **counts,
    )


def check_totals(parts: Sequence[Protocol], total: Protocol) -> list[Finding]:
    """One ``totals_mismatch`` error for each line where ``total`` is not the sum of ``parts``."""
    expected = sum_protocols(parts, precinct_no=total.precinct_no, election=total.election)
    findings: list[Finding] = []
    for key in COUNT_FIELDS:
        want, got = getattr(expected, key), getattr(total, key)
        if want != got:
            findings.append(
                Finding(
                    "totals_mismatch", "error", {"line": key, "parts": want, "total": got}, (key,)
                )
            )
    want_votes, got_votes = expected.votes_by_code(), total.votes_by_code()
    for code in list(want_votes) + [c for c in got_votes if c not in want_votes]:
        want, got = want_votes.get(code, 0), got_votes.get(code, 0)
        if want != got:
            findings.append(
                Finding(
                    "totals_mismatch",
                    "error",
                    {"line": f"votes.{code}", "parts": want, "total": got},
                    ("votes",),
                )
            )
    return findings
