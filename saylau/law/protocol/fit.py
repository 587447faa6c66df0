"""Whether a protocol belongs to an election: its election, one of its precincts, its lists.

A precinct commission's protocol is the count of one precinct in one election (Art. 43-44,
law-notes section 4); the party-list ballot carries every list the election registered and
no other (law-notes section 1.3), so a party-list protocol has exactly one line per list.
``saylau tabulate`` and the results app both ask :func:`check_fits` before counting a
protocol, so that a file and a form are refused for the same reasons.
"""

from __future__ import annotations

from collections.abc import Collection

from .model import Protocol, ProtocolError, Race


def check_fits(
    protocol: Protocol,
    *,
    election: str,
    precincts: Collection[int] | None,
    list_codes: Collection[str],
) -> None:
    """Raise :class:`ProtocolError` (naming the field) unless ``protocol`` is of the election
    ``election``, of one of its ``precincts`` (``None``: any) and, for the party-list race,
    has a line for each of ``list_codes`` and no other.

    >>> from saylau.law.protocol import protocol_from_dict
    >>> p = protocol_from_dict({
    ...     "election": "7", "precinct_no": 3,
    ...     "voters_main_list": 10, "voters_additional_list": 0, "ballots_received": 10,
    ...     "ballots_issued_premises": 5, "ballots_issued_outside": 0,
    ...     "absentee_certificate_voters": 0, "ballots_cancelled": 5,
    ...     "ballots_in_stationary_boxes": 5, "ballots_in_portable_boxes": 0,
    ...     "valid": 5, "invalid": 0, "votes": [{"code": "A", "votes": 5}]})
    >>> check_fits(p, election="7", precincts={3}, list_codes=["A"])
    >>> check_fits(p, election="7", precincts={3}, list_codes=["A", "B"])
    Traceback (most recent call last):
    ...
    saylau.law.protocol.model.ProtocolError: field 'votes': unknown lines [], missing lines ['B']
    """
    if protocol.election != election:
        msg = f"is {protocol.election!r}, not {election!r}"
        raise ProtocolError(
            msg,
            field="election",
            reason="other_election",
            given=protocol.election[:40],
            expected=election,
        )
    if precincts is not None and protocol.precinct_no not in precincts:
        given = protocol.precinct_no
        if len(precincts) == 1:
            expected = next(iter(precincts))
            msg = f"is {given}, not {expected}"
            raise ProtocolError(
                msg, field="precinct_no", reason="other_precinct", given=given, expected=expected
            )
        msg = f"precinct {given} is not a precinct of this election"
        raise ProtocolError(msg, field="precinct_no", reason="not_a_precinct", given=given)
    if protocol.race == Race.PARTY_LIST:
        found = {v.code for v in protocol.votes}
        unknown = sorted(found - set(list_codes))
        missing = sorted(set(list_codes) - found)
        if unknown or missing:
            msg = f"unknown lines {unknown}, missing lines {missing}"
            raise ProtocolError(
                msg, field="votes", reason="lines_differ", unknown=unknown, missing=missing
            )
