"""Differential test against votelib (a well-kept peer on PyPI) where its model applies.

votelib's ``RelativeThreshold`` + ``LargestRemainder("hare")`` is the textbook form of Art. 97
when at least two parties pass and no remainders are equal (votelib returns a ``Tie`` there;
the law gives the seat to the list registered first). Its threshold selector has a known
equality defect: with ``accept_equal=True`` it compares the raw vote count, not the share,
with the threshold (``n_votes == self.threshold``), so a party *exactly* at 7 % is left out.
The election law admits it ("seven and more percents"): saylau does, votelib does not.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from votelib.evaluate.proportional import LargestRemainder
from votelib.evaluate.threshold import RelativeThreshold

from saylau.law.seats import RULE_SETS, allocate, load_case

RULES = RULE_SETS["kz-2009"]


def saylau_seats(votes: dict[str, int], seats: int) -> dict[str, int]:
    data: dict[str, Any] = {
        "body": "mazhilis",
        "date": "2016-03-20",
        "seats": seats,
        "parties": [{"name": n, "votes": v} for n, v in votes.items()],
    }
    return allocate(load_case(data), RULES).seats


def votelib_seats(votes: dict[str, int], seats: int) -> dict[str, int] | None:
    admitted = RelativeThreshold(RULES.threshold).evaluate(votes)
    result = LargestRemainder("hare").evaluate({n: votes[n] for n in admitted}, seats)
    if any(not isinstance(k, str) for k in result):
        return None  # a Tie object: outside the comparable model
    return {n: int(result.get(n, 0)) for n in votes}


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.integers(1, 2_000_000), min_size=2, max_size=10),
    st.integers(1, 150),
)
def test_saylau_agrees_with_votelib_where_its_model_applies(values: list[int], seats: int) -> None:
    votes = {f"P{i}": v for i, v in enumerate(values)}
    total = sum(values)
    shares = [Fraction(v, total) for v in values]
    assume(sum(s >= RULES.threshold for s in shares) >= 2)  # no runner-up path
    assume(all(s != RULES.threshold for s in shares))  # votelib's equality defect
    expected = votelib_seats(votes, seats)
    assume(expected is not None)  # equal remainders: votelib reports a Tie
    assert saylau_seats(votes, seats) == expected


def test_votelib_leaves_out_a_party_exactly_at_the_threshold_and_saylau_admits_it() -> None:
    votes = {"A": 600, "B": 330, "C": 70}  # C: exactly 7 %
    assert "C" not in RelativeThreshold(Fraction(7, 100)).evaluate(votes)
    assert saylau_seats(votes, 10)["C"] == 1
