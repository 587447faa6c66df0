"""The single-member half of the mixed system (Mazhilis and large maslikhats from 2023).

Art. 9 p. 2 as amended in 2022 (English via IDEA, law-notes section 2): in a single-seat
territorial constituency the candidate with the most votes is elected (plurality). "Against
all" is a line on every 2023 ballot and is counted as a line of its own.

Two outcomes are *not* decided here, and come back as ``undecided`` with a reason:

* equal top votes between candidates (the law's remedy was not read);
* "against all" with at least as many votes as the best candidate: what follows is
  UNCONFIRMED (law-notes section 2, "not researched").

>>> r = plurality({"A": 120, "B": 80}, against_all=30)
>>> r.winner, r.undecided
('A', None)
>>> plurality({"A": 50, "B": 50}).undecided
'tie'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .errors import LawError

Reason = Literal["tie", "against_all_leads", "no_votes"]


class SingleMemberError(LawError):
    """Input that is not a single-member count (no candidate, negative votes)."""

    code = "single_member_invalid"


@dataclass(frozen=True)
class SingleMemberResult:
    """``winner`` is set only when the count decides; otherwise ``undecided`` says why and
    ``leaders`` names who is level at the top (``"against all"`` is named as such)."""

    winner: str | None
    votes: Mapping[str, int]
    against_all: int
    leaders: tuple[str, ...]
    undecided: Reason | None

    @property
    def decided(self) -> bool:
        return self.winner is not None


AGAINST_ALL = "against all"


def plurality(votes: Mapping[str, int], *, against_all: int = 0) -> SingleMemberResult:
    """The winner of a single-member race by plurality, or why there is none.

    >>> plurality({"A": 40, "B": 39}, against_all=40).undecided
    'against_all_leads'
    """
    if not votes:
        msg = "a single-member race needs at least one candidate"
        raise SingleMemberError(msg)
    for name, n in votes.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            msg = f"votes for {name!r} must be a whole number of 0 or more, not {n!r}"
            raise SingleMemberError(msg)
    if isinstance(against_all, bool) or not isinstance(against_all, int) or against_all < 0:
        msg = f"against_all must be a whole number of 0 or more, not {against_all!r}"
        raise SingleMemberError(msg)
    top = max(votes.values())
    leaders = tuple(name for name, n in votes.items() if n == top)
    if top == 0 and against_all == 0:
        return SingleMemberResult(None, dict(votes), against_all, leaders, "no_votes")
    if against_all >= top:
        return SingleMemberResult(
            None, dict(votes), against_all, (AGAINST_ALL, *leaders), "against_all_leads"
        )
    if len(leaders) > 1:
        return SingleMemberResult(None, dict(votes), against_all, leaders, "tie")
    return SingleMemberResult(leaders[0], dict(votes), against_all, leaders, None)
