"""Distribute party-list seats: threshold, Hare quota, whole seats, largest remainders.

Art. 97 of the election law (English text c. 2009-2011; law-notes 1.2), for the Mazhilis and,
by inference (UNCONFIRMED), for maslikhats:

1. parties with at least the threshold share of the percent base are admitted (``>=``, exact:
   a party exactly at 7 % is admitted, "seven and more percents");
2. if only one passes, the 2009 rule admits the runner-up too (its corrected quotient and the
   fate of the remaining seats are UNCONFIRMED: configuration, see :mod:`.rules`);
3. the quota is the admitted parties' votes divided by the seats; each gets the whole part of
   votes / quota;
4. the seats left go one each to the largest remainders, compared exactly; equal remainders to
   the list registered first.

No party passing, or a tie the rule set cannot settle, leaves seats *undecided*: they are named
with the parties between which they are open, and none of them is assigned.

>>> from .case import load_case
>>> a = allocate(load_case({"body": "mazhilis", "date": "2016-03-20", "seats": 4,
...     "parties": [{"name": "A", "votes": 60}, {"name": "B", "votes": 25},
...                 {"name": "C", "votes": 15}]}))
>>> a.seats, a.quota
({'A': 2, 'B': 1, 'C': 1}, Fraction(25, 1))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .case import PartyVotes, SeatCase
from .rules import UNCONFIRMED, RuleSet, rules_for

StepParam = str | int | Fraction | tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One line of the trace: a stable ``code`` and the values it states."""

    code: str
    params: Mapping[str, StepParam] = field(default_factory=dict)


@dataclass(frozen=True)
class Undecided:
    """Seats the law leaves to a decision the data cannot make."""

    seats: int
    between: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Allocation:
    """The outcome: ``seats`` names every party (0 for those left out)."""

    case: SeatCase
    rules: RuleSet
    base: Fraction
    admitted: tuple[str, ...]
    quota: Fraction | None
    seats: dict[str, int]
    undecided: Undecided | None
    steps: tuple[Step, ...]

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The output object of ``saylau seats`` (docs/formats/seat-case.md)."""
        from .trace import render_steps

        out: dict[str, Any] = {
            "rules": self.rules.name,
            "base": exact(self.base),
            "admitted": list(self.admitted),
            "quota": None if self.quota is None else exact(self.quota),
            "seats": dict(self.seats),
            "steps": render_steps(self, lang),
        }
        if self.undecided is not None:
            out["undecided"] = {
                "seats": self.undecided.seats,
                "between": list(self.undecided.between),
                "reason": self.undecided.reason,
            }
        return out


def exact(value: Fraction) -> str:
    """An exact number as text: ``'17'``, ``'301506/17'`` (never a binary float).

    >>> exact(Fraction(301506, 17)), exact(Fraction(34))
    ('301506/17', '34')
    """
    return str(value)


def _percent_base(case: SeatCase, rules: RuleSet, steps: list[Step]) -> Fraction:
    if case.against_all and not rules.against_all:
        steps.append(Step("against_all_not_in_rules", {"against_all": case.against_all}))
    if case.percent_only:
        steps.append(Step("base_percent", {}))
        return Fraction(100)
    party_votes = sum(p.votes or 0 for p in case.parties)
    with_against = rules.percent_base == "party_votes_and_against_all"
    base = party_votes + (case.against_all if with_against else 0)
    code = "base_with_against_all" if with_against else "base_party_votes"
    steps.append(
        Step(code, {"party_votes": party_votes, "against_all": case.against_all, "base": base})
    )
    return Fraction(base)


def _undecided_all(
    case: SeatCase,
    rules: RuleSet,
    base: Fraction,
    steps: list[Step],
    between: tuple[str, ...],
    reason: str,
) -> Allocation:
    steps.append(Step("undecided", {"seats": case.seats, "between": between, "reason": reason}))
    _note_unconfirmed(rules, {"always", "no_party"}, steps)
    return Allocation(
        case=case,
        rules=rules,
        base=base,
        admitted=(),
        quota=None,
        seats={p.name: 0 for p in case.parties},
        undecided=Undecided(case.seats, between, reason),
        steps=tuple(steps),
    )


def _note_unconfirmed(rules: RuleSet, paths: set[str], steps: list[Step]) -> None:
    """Add a step for each UNCONFIRMED point of ``rules`` on the path this allocation took."""
    for code in rules.unconfirmed:
        if UNCONFIRMED[code][0] in paths:
            steps.append(Step("unconfirmed", {"point": code}))


def allocate(case: SeatCase, rules: RuleSet | None = None) -> Allocation:
    """Allocate ``case.seats`` under ``rules`` (default: the rule set in force for the case)."""
    rules = rules or rules_for(case.body, case.day)
    steps: list[Step] = [Step("rules", {"name": rules.name, "title": rules.title})]
    base = _percent_base(case, rules, steps)
    if base == 0:
        return _undecided_all(case, rules, base, steps, (), "no_votes")

    passed: list[PartyVotes] = []
    for p in case.parties:
        share = p.weight / base
        ok = share >= rules.threshold
        steps.append(
            Step(
                "threshold_pass" if ok else "threshold_fail",
                {"party": p.name, "weight": p.weight, "share": share, "threshold": rules.threshold},
            )
        )
        if ok:
            passed.append(p)
    if case.percent_only:
        worst = max(p.percent_error for p in case.parties)
        steps.append(Step("percent_rounding", {"error": worst}))
        at_edge = tuple(
            p.name
            for p in case.parties
            if p.percent_error and abs(p.weight - rules.threshold * 100) <= p.percent_error
        )
        if at_edge:
            return _undecided_all(
                case, rules, base, steps, at_edge, "percent_rounding_at_threshold"
            )
    if not passed:
        names = tuple(p.name for p in case.parties)
        return _undecided_all(case, rules, base, steps, names, "no_party_passes")

    runner_up: PartyVotes | None = None
    if len(passed) == 1 and len(case.parties) > 1:
        others = sorted((p for p in case.parties if p is not passed[0]), key=lambda p: -p.weight)
        if case.percent_only and rules.one_party == "runner_up":
            first, second = others[0], others[1] if len(others) > 1 else None
            if first.weight <= first.percent_error or (
                second is not None
                and first.weight - second.weight <= first.percent_error + second.percent_error
            ):
                near = tuple(
                    p.name for p in others if first.weight - p.weight <= 2 * first.percent_error
                )
                return _undecided_all(case, rules, base, steps, near, "percent_rounding_runner_up")
        if rules.one_party == "sole" or others[0].weight == 0:
            steps.append(Step("sole_party", {"party": passed[0].name}))
        else:
            tied = tuple(p.name for p in others if p.weight == others[0].weight)
            if len(tied) > 1:
                return _undecided_all(case, rules, base, steps, tied, "runner_up_tie")
            runner_up = others[0]
            steps.append(Step("runner_up_admitted", {"party": runner_up.name}))
            passed.append(runner_up)

    admitted = [p for p in case.parties if p in passed]
    total = sum((p.weight for p in admitted), Fraction(0))
    quota = total / case.seats
    steps.append(Step("quota", {"total": total, "seats": case.seats, "quota": quota}))

    whole: dict[str, int] = {}
    remainder: dict[str, Fraction] = {}
    for p in admitted:
        quotient = p.weight / quota
        if p is runner_up:
            corrected = quotient * rules.runner_up_coefficient
            steps.append(
                Step(
                    "runner_up_coefficient",
                    {
                        "party": p.name,
                        "quotient": quotient,
                        "coefficient": rules.runner_up_coefficient,
                        "corrected": corrected,
                    },
                )
            )
            quotient = corrected
        whole[p.name] = int(quotient)  # floor: quotients are never negative
        remainder[p.name] = quotient - whole[p.name]
        params: dict[str, StepParam] = {
            "party": p.name,
            "quotient": quotient,
            "whole": whole[p.name],
            "remainder": remainder[p.name],
        }
        if p is not runner_up:
            # Said as the division a reader can redo: votes ÷ quota, not the reduced fraction.
            params |= {"votes": p.weight, "quota_approx": quota, "quotient_approx": quotient}
        steps.append(Step("whole_seats" if p is runner_up else "whole_seats_votes", params))
    seats = {p.name: 0 for p in case.parties} | whole
    left = case.seats - sum(whole.values())

    if runner_up is not None and rules.runner_up_min_seats > seats[runner_up.name]:
        # The configured minimum (UNCONFIRMED) comes out of the seats left after whole quotas
        # and never lifts the runner-up above the party that passed the threshold.
        leader = passed[0].name
        room = max(seats[leader] - seats[runner_up.name], 0)
        extra = min(left, rules.runner_up_min_seats - seats[runner_up.name], room)
        if extra:
            seats[runner_up.name] += extra
            left -= extra
            steps.append(Step("runner_up_minimum", {"party": runner_up.name, "seats": extra}))

    undecided: Undecided | None = None
    if left and runner_up is not None and rules.runner_up_remaining == "undecided":
        between = tuple(p.name for p in admitted)
        undecided = Undecided(left, between, "runner_up_remaining_unconfirmed")
        steps.append(
            Step("undecided", {"seats": left, "between": between, "reason": undecided.reason})
        )
    elif left:
        undecided = _give_remainders(admitted, remainder, left, seats, rules, steps)
    if case.percent_only and runner_up is None and undecided is None:
        undecided = _rounding_check(admitted, case.seats, seats, steps)

    paths: set[str] = {"always"}
    if runner_up is not None:
        paths.add("runner_up")
    if any(s.code == "tie_registration_order" for s in steps):
        paths.add("tie")
    _note_unconfirmed(rules, paths, steps)
    steps.append(Step("result", {"seats": tuple(f"{n}: {s}" for n, s in seats.items())}))
    return Allocation(
        case=case,
        rules=rules,
        base=base,
        admitted=tuple(p.name for p in admitted),
        quota=quota,
        seats=seats,
        undecided=undecided,
        steps=tuple(steps),
    )


def _give_remainders(
    admitted: list[PartyVotes],
    remainder: dict[str, Fraction],
    left: int,
    seats: dict[str, int],
    rules: RuleSet,
    steps: list[Step],
) -> Undecided | None:
    """Give ``left`` seats by largest remainder, equal ones to the list registered first.

    With Hare quota ``left`` is below the number of admitted parties; after the runner-up
    correction it may not be, so the ranking is walked round again (configured case only).
    """
    ranking = sorted(admitted, key=lambda p: (-remainder[p.name], p.registration_order))
    n = len(ranking)
    cut = remainder[ranking[(left - 1) % n].name]
    after = ranking[left % n] if left % n else None
    if after is not None and remainder[after.name] == cut:
        group = tuple(p.name for p in ranking if remainder[p.name] == cut)
        inside = sum(1 for p in ranking[: left % n] if remainder[p.name] == cut)
        if rules.tie_break == "undecided":
            rounds, part = divmod(left, n)
            for p in ranking:
                seats[p.name] += rounds
            for p in ranking[:part]:
                if remainder[p.name] != cut:
                    seats[p.name] += 1
                    steps.append(
                        Step("remainder_seat", {"party": p.name, "remainder": remainder[p.name]})
                    )
            steps.append(
                Step("undecided", {"seats": inside, "between": group, "reason": "remainder_tie"})
            )
            return Undecided(inside, group, "remainder_tie")
        winners = tuple(p.name for p in ranking[: left % n] if remainder[p.name] == cut)
        losers = tuple(name for name in group if name not in winners)
        steps.append(
            Step("tie_registration_order", {"winners": winners, "losers": losers, "remainder": cut})
        )
    for i in range(left):
        p = ranking[i % n]
        seats[p.name] += 1
        steps.append(Step("remainder_seat", {"party": p.name, "remainder": remainder[p.name]}))
    return None


def _rounding_check(
    admitted: list[PartyVotes], total_seats: int, seats: dict[str, int], steps: list[Step]
) -> Undecided | None:
    """Leave undecided the seats that printed (rounded) percentages cannot settle.

    Hare quota with largest remainders gives the seats to the ``total_seats`` largest
    priorities ``q_i - k`` (k = 0, 1, ...) where ``q_i = S * p_i / P``. If every printed share
    is off by at most ``h_i`` (and their sum by ``H``), ``q_i`` moves by at most
    ``B_i = S * (P * h_i + p_i * H) / (P * (P - H))``. A party's last seat is safe from
    another party's next one when the priorities differ by more than ``B_i + B_j``;
    otherwise the true votes are needed, and the seat is reported undecided.
    """
    total = sum((p.weight for p in admitted), Fraction(0))
    spread = sum((p.percent_error for p in admitted), Fraction(0))
    if total <= spread:
        bound = {p.name: Fraction(total_seats) for p in admitted}
    else:
        bound = {
            p.name: total_seats
            * (total * p.percent_error + p.weight * spread)
            / (total * (total - spread))
            for p in admitted
        }
    quotient = {p.name: total_seats * p.weight / total for p in admitted}
    shaky: set[str] = set()
    partners: set[str] = set()
    for i in admitted:
        if seats[i.name] == 0:
            continue
        last = quotient[i.name] - seats[i.name] + 1
        for j in admitted:
            nxt = quotient[j.name] - seats[j.name]
            if j is not i and last - nxt <= bound[i.name] + bound[j.name]:
                shaky.add(i.name)
                partners.update((i.name, j.name))
    if not shaky:
        return None
    for name in shaky:
        seats[name] -= 1
    between = tuple(p.name for p in admitted if p.name in partners)
    undecided = Undecided(len(shaky), between, "percent_rounding_at_last_seat")
    steps.append(
        Step(
            "undecided", {"seats": undecided.seats, "between": between, "reason": undecided.reason}
        )
    )
    return undecided
