"""law.protocol.check_fits: a protocol is counted only in its own election, precinct and lists
(shared by the results app and ``saylau tabulate``)."""

from __future__ import annotations

from typing import Any

import pytest

from saylau.law.protocol import ProtocolError, check_fits, protocol_from_dict


def protocol(**changes: Any) -> Any:
    data: dict[str, Any] = {
        "election": "e1",
        "precinct_no": 3,
        "voters_main_list": 10,
        "voters_additional_list": 0,
        "ballots_received": 10,
        "ballots_issued_premises": 5,
        "ballots_issued_outside": 0,
        "absentee_certificate_voters": 0,
        "ballots_cancelled": 5,
        "ballots_in_stationary_boxes": 5,
        "ballots_in_portable_boxes": 0,
        "valid": 5,
        "invalid": 0,
        "votes": [{"code": "A", "votes": 3}, {"code": "B", "votes": 2}],
    }
    return protocol_from_dict(data | changes)


def test_a_protocol_of_its_election_precinct_and_lists_fits() -> None:
    check_fits(protocol(), election="e1", precincts={1, 2, 3}, list_codes=["B", "A"])
    check_fits(protocol(), election="e1", precincts=None, list_codes=["A", "B"])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"election": "e2", "precincts": None, "list_codes": ["A", "B"]}, "election"),
        ({"election": "e1", "precincts": {1, 2}, "list_codes": ["A", "B"]}, "precinct_no"),
        ({"election": "e1", "precincts": {4}, "list_codes": ["A", "B"]}, "precinct_no"),
        ({"election": "e1", "precincts": None, "list_codes": ["A"]}, "votes"),
        ({"election": "e1", "precincts": None, "list_codes": ["A", "B", "C"]}, "votes"),
    ],
)
def test_another_election_precinct_or_list_set_is_refused_naming_the_field(
    kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ProtocolError) as caught:
        check_fits(protocol(), **kwargs)
    assert caught.value.field == field


def test_a_single_member_protocol_is_not_held_to_the_party_lists() -> None:
    single = protocol(race="single_member", district=1)
    check_fits(single, election="e1", precincts=None, list_codes=["X"])
