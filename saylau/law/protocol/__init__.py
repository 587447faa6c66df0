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

from dataclasses import replace

from .checks import (
    RULES,
    check_absentee_on_additional_list,
    check_absentee_within_issued,
    check_against_lists,
    check_ballot_balance,
    check_boxes_within_issued,
    check_has_votes_lines,
    check_issued_within_lists,
    check_outside_within_applications,
    check_portable_within_outside,
    check_protocol,
    check_valid_equals_votes,
    check_valid_invalid_vs_boxes,
)
from .fit import check_fits
from .messages import MESSAGES, SEVERITY_WORDS, render_finding
from .model import (
    COUNT_FIELDS,
    FORMAT,
    OPTIONAL_FIELDS,
    Finding,
    Protocol,
    ProtocolError,
    Race,
    Severity,
    VoteLine,
    protocol_from_dict,
    protocol_to_dict,
)
from .totals import check_totals, sum_protocols

__all__ = [
    "check_fits",
    "COUNT_FIELDS",
    "FORMAT",
    "MESSAGES",
    "OPTIONAL_FIELDS",
    "RULES",
    "SEVERITY_WORDS",
    "Finding",
    "Protocol",
    "ProtocolError",
    "Race",
    "Severity",
    "VoteLine",
    "check_absentee_on_additional_list",
    "check_against_lists",
    "check_absentee_within_issued",
    "check_ballot_balance",
    "check_boxes_within_issued",
    "check_has_votes_lines",
    "check_issued_within_lists",
    "check_outside_within_applications",
    "check_portable_within_outside",
    "check_protocol",
    "check_totals",
    "check_valid_equals_votes",
    "check_valid_invalid_vs_boxes",
    "protocol_from_dict",
    "protocol_to_dict",
    "render_finding",
    "replace",
    "sum_protocols",
]
