"""Party-list seat allocation (Election law Art. 97; law-notes sections 1-2).

The public API, kept stable for the results app and ``saylau seats``:

* :class:`PartyVotes`, :class:`SeatCase`, :func:`load_case` (raises :class:`CaseError`);
* :class:`RuleSet`, :data:`RULE_SETS`, :func:`rules_for`, :func:`rule_set`;
* :func:`allocate` -> :class:`Allocation` (``rules``, ``base``, ``admitted``, ``quota``,
  ``seats``, ``undecided``, ``steps``, ``to_json()``);
* :func:`render_trace` for ru / kk / en, its numbers written as :class:`Numerals` say;
* :func:`seat_findings` / :func:`seat_structure`: list and district seats per body and day.
"""

from __future__ import annotations

from .allocate import Allocation, Step, Undecided, allocate, exact
from .case import CaseError, PartyVotes, SeatCase, load_case
from .rules import RULE_SETS, SCHEDULE, RuleSet, UnknownRuleSet, rule_set, rules_for
from .structure import (
    SEAT_BODIES,
    SeatFinding,
    SeatStructure,
    UnknownSeatStructure,
    seat_findings,
    seat_structure,
)
from .trace import PLAIN, Numerals, render_step, render_steps, render_trace

__all__ = [
    "RULE_SETS",
    "SCHEDULE",
    "SEAT_BODIES",
    "PLAIN",
    "Allocation",
    "CaseError",
    "Numerals",
    "PartyVotes",
    "RuleSet",
    "SeatCase",
    "SeatFinding",
    "SeatStructure",
    "Step",
    "Undecided",
    "UnknownRuleSet",
    "UnknownSeatStructure",
    "allocate",
    "exact",
    "load_case",
    "render_step",
    "render_steps",
    "render_trace",
    "rule_set",
    "rules_for",
    "seat_findings",
    "seat_structure",
]
