"""Thresholds shared by the voter-list audit and the demo-region generator.

The audit (``saylau.lists.audit``) reports by these numbers and the generator
(``saylau.lists.demo``) builds its answer key by the same numbers, so the two can never
disagree about where a line is drawn. Both are parameters of the audit, not law.

``OVERCROWDED_ADDRESS`` ("rubber flat", резиновая квартира): an address (one row of
``registry/addresses.csv``) at which the registry registers **at least**
:data:`OVERCROWDED_ADDRESS_MIN_VOTERS` *eligible voters* (citizen ``KZ``, 18 or older on the
election date, alive on that date, neither ``incapable`` nor ``imprisoned``). The count is
taken in the registry extract (``persons.csv``), not on the lists, because the fraud is the
registration. No statute sets the number: it is an analyst's choice, UNCONFIRMED as any
official rule. The default, 10, lies above what one real family reaches (two parents, five
grown children and two grandparents are 9 adults) and below the dozens that a rubber flat
typically holds.

``PRECINCT_OVER_CAPACITY``: a precinct whose compiled list has **more than**
:data:`PRECINCT_MAX_VOTERS` lines. The 3,000-voter maximum per precinct is from memory of
the Constitutional Law "On Elections" (art. 23), **UNCONFIRMED** in the stored sources
(docs/law-notes: "Max voters per precinct"); a real Taraz precinct had 2,839 voters in 2022.

>>> OVERCROWDED_ADDRESS_MIN_VOTERS, PRECINCT_MAX_VOTERS
(10, 3000)
"""

from __future__ import annotations

from typing import Final

__all__ = ["OVERCROWDED_ADDRESS_MIN_VOTERS", "PRECINCT_MAX_VOTERS"]

#: An address with this many eligible voters or more is reported as OVERCROWDED_ADDRESS.
#: An analyst's threshold, UNCONFIRMED as any official rule.
OVERCROWDED_ADDRESS_MIN_VOTERS: Final = 10

#: A precinct list longer than this is reported as PRECINCT_OVER_CAPACITY.
#: UNCONFIRMED (law-notes: from memory, art. 23 of the Constitutional Law "On Elections").
PRECINCT_MAX_VOTERS: Final = 3000
