"""Mandates to candidates: who of a party's list takes the seats the party won.

Law-notes 1.3: lists were drawn up in the alphabetical order of the state language (older
Art. 87), so list order alone did not say who got a mandate; in 2023 parties held congresses
within 10 days of the distribution and decided who of their list becomes deputy. IPU Parline
(2009 text): vacancies go to the "next-in-line" candidate of the same party; with no one left,
the seat stays vacant until the next election.

So the order is either the list order or a recorded party decision (with its date), and:

* a candidate who declines (or has withdrawn, died, ...) passes the mandate to the next;
* when the order runs out, the remaining seats stay vacant.

How "next-in-line" works with a party decision is UNCONFIRMED: here the decision is a full
ordering of candidates from the list; after it runs out the seats stay vacant (the party may
record a new decision), it does not fall back to list order.

>>> r = assign_mandates(["Ali", "Bota", "Dana"], seats=2, declined={"Ali"})
>>> r.elected, r.passed_over, r.vacant
(('Bota', 'Dana'), ('Ali',), 0)
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .errors import LawError


class MandateError(LawError):
    """A party decision that does not fit the list, or a negative number of seats."""

    code = "mandates_invalid"


@dataclass(frozen=True)
class PartyDecision:
    """A party body's decision on the order in which its candidates take mandates."""

    decided_on: date
    order: tuple[str, ...]
    body: str = ""  # e.g. "Political Council bureau", "congress"


@dataclass(frozen=True)
class MandateResult:
    """``elected`` in the order they took mandates; ``vacant`` seats nobody could take."""

    elected: tuple[str, ...]
    passed_over: tuple[str, ...]
    vacant: int
    basis: str  # "list_order" or "party_decision of YYYY-MM-DD"


def assign_mandates(
    party_list: Sequence[str],
    *,
    seats: int,
    decision: PartyDecision | None = None,
    declined: Collection[str] = (),
) -> MandateResult:
    """Give ``seats`` mandates to candidates of ``party_list``.

    Without ``decision`` the list order applies; with it, the decision's order (every name in
    it must be on the list, once). ``declined`` candidates are passed over.

    >>> d = PartyDecision(date(2023, 3, 28), ("Dana", "Ali"))
    >>> assign_mandates(["Ali", "Bota", "Dana"], seats=3, decision=d)
    MandateResult(elected=('Dana', 'Ali'), passed_over=(), vacant=1, basis='party_decision of 2023-03-28')
    """
    if seats < 0:
        msg = f"seats must not be negative ({seats})"
        raise MandateError(msg)
    if len(set(party_list)) != len(party_list):
        msg = "a candidate appears twice on the party list"
        raise MandateError(msg)
    on_list = set(party_list)
    unknown = [name for name in declined if name not in on_list]
    if unknown:
        msg = f"declined candidates not on the list: {', '.join(sorted(unknown))}"
        raise MandateError(msg)
    if decision is None:
        order: Sequence[str] = party_list
        basis = "list_order"
    else:
        strangers = [name for name in decision.order if name not in on_list]
        if strangers:
            msg = f"the party decision names candidates not on its list: {', '.join(strangers)}"
            raise MandateError(msg)
        if len(set(decision.order)) != len(decision.order):
            msg = "the party decision names a candidate twice"
            raise MandateError(msg)
        order = decision.order
        basis = f"party_decision of {decision.decided_on.isoformat()}"
    elected: list[str] = []
    passed: list[str] = []
    refusing = set(declined)
    for name in order:
        if len(elected) == seats:
            break
        if name in refusing:
            passed.append(name)
        else:
            elected.append(name)
    return MandateResult(
        elected=tuple(elected),
        passed_over=tuple(passed),
        vacant=seats - len(elected),
        basis=basis,
    )


def fill_vacancy(
    party_list: Sequence[str],
    *,
    holders: Collection[str],
    declined: Collection[str] = (),
    decision: PartyDecision | None = None,
) -> str | None:
    """The next candidate for a seat that fell vacant (``None``: it stays vacant until the next
    election). ``holders`` are those who already hold or held a mandate from this list.

    >>> fill_vacancy(["Ali", "Bota", "Dana"], holders={"Ali", "Bota"})
    'Dana'
    >>> fill_vacancy(["Ali"], holders={"Ali"}) is None
    True
    """
    taken = set(holders) | set(declined)
    order = decision.order if decision is not None else tuple(party_list)
    return next((name for name in order if name not in taken), None)


#: The list quota extended to the distribution of Mazhilis seats by the 2022 amendments
#: (Senate, 26.01.2022; Astana Times 2023: not yet binding for maslikhats). UNCONFIRMED: whether
#: the 30 % counts women, persons under 29 and persons with disabilities together (as here) or
#: each group, and how a fraction of a seat is rounded (up, here).
LIST_QUOTA = Fraction(3, 10)
LIST_QUOTA_FROM = date(2022, 11, 5)
YOUTH_AGE = 29


@dataclass(frozen=True)
class Deputy:
    """What the list quota asks about an elected candidate."""

    name: str
    woman: bool
    birth_date: date
    disabled: bool = False


@dataclass(frozen=True)
class QuotaCheck:
    """``needed`` of ``elected`` must be women, under 29 or with a disability; ``counted`` are."""

    elected: int
    counted: int
    needed: int
    unconfirmed: str

    @property
    def met(self) -> bool:
        return self.counted >= self.needed


def check_list_quota(
    deputies: Sequence[Deputy], *, body: str, election_day: date
) -> QuotaCheck | None:
    """The 30 % quota among a party's Mazhilis deputies (``None`` where it does not apply).

    >>> d = [Deputy("A", True, date(1980, 1, 1)), Deputy("B", False, date(1970, 1, 1)),
    ...      Deputy("C", False, date(1990, 1, 1)), Deputy("D", False, date(1960, 1, 1))]
    >>> q = check_list_quota(d, body="mazhilis", election_day=date(2023, 3, 19))
    >>> q.counted, q.needed, q.met
    (1, 2, False)
    """
    from .eligibility import age_on

    if body != "mazhilis" or election_day < LIST_QUOTA_FROM or not deputies:
        return None
    counted = sum(
        1
        for d in deputies
        if d.woman or d.disabled or age_on(d.birth_date, election_day) < YOUTH_AGE
    )
    needed = -(-len(deputies) * LIST_QUOTA.numerator // LIST_QUOTA.denominator)
    return QuotaCheck(
        elected=len(deputies),
        counted=counted,
        needed=needed,
        unconfirmed="whether the groups count together or each, and the rounding, are "
        "UNCONFIRMED (law-notes 1.3)",
    )
