"""Rule sets for distributing party-list seats, as named values chosen by body and date.

Sources (law-notes sections 1 and 2): Art. 97 of the election law (English text c. 2009-2011,
te.gob.mx), IPU Parline, CEC statements, and the 12 real published results that Hare quota plus
largest remainder reproduce exactly. What no source settles is marked UNCONFIRMED here, made
explicit configuration, and repeated in every allocation trace that relies on it.

>>> rules_for("mazhilis", date(2007, 8, 18)).name
'kz-2007'
>>> rules_for("mazhilis", date(2016, 3, 20)).name
'kz-2009'
>>> rules_for("maslikhat", date(2021, 1, 10)).name
'kz-2021'
>>> rules_for("mazhilis", date(2023, 3, 19)).threshold
Fraction(1, 20)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from ..errors import LawError

Body = Literal["mazhilis", "maslikhat"]
BODIES: tuple[Body, ...] = ("mazhilis", "maslikhat")

#: What the threshold percentage is computed on.
#: ``party_votes``: the sum of the votes for all party lists (reproduces 2007-2021 figures);
#: ``party_votes_and_against_all``: that sum plus "against all" (reproduces every 2023 figure).
PercentBase = Literal["party_votes", "party_votes_and_against_all"]

#: What happens when only one party passes the threshold.
#: ``sole``: it alone takes every seat (2007); ``runner_up``: the party with the next largest
#: number of votes is admitted too (Art. 97 p. 2 as amended on 9 February 2009).
OnePartyRule = Literal["sole", "runner_up"]

#: How the seats left after whole quotas go when the runner-up rule applied (UNCONFIRMED: the
#: paragraph is cut off in the only copy of the article): ``undecided`` reports them undecided;
#: ``largest_remainder`` gives them by the remainders of the (corrected) quotients.
RunnerUpRemaining = Literal["undecided", "largest_remainder"]

#: Equal remainders: ``registration_order`` (the list registered earlier, IPU Parline on the
#: 2009 text) or ``undecided`` (report the tie).
TieBreak = Literal["registration_order", "undecided"]


class UnknownRuleSet(LawError):
    """No rule set by that name, or none in force for that body on that day."""

    code = "seats_unknown_rules"


@dataclass(frozen=True)
class RuleSet:
    """One edition of the rules for party-list seats (a value: compare, store, name it)."""

    name: str
    title: str
    threshold: Fraction
    percent_base: PercentBase
    against_all: bool
    one_party: OnePartyRule
    tie_break: TieBreak = "registration_order"
    #: Applied to the runner-up's quotient (Art. 97 p. 3, 2009 text: "correction index 0.7").
    #: How it is used beyond the integer part is UNCONFIRMED.
    runner_up_coefficient: Fraction = Fraction(7, 10)
    runner_up_remaining: RunnerUpRemaining = "undecided"
    #: IPU Parline: the runner-up "receives at least two seats" (a summary, not the text):
    #: UNCONFIRMED, off (0) unless a rule set says otherwise; taken from the seats left after
    #: whole quotas and never beyond the seats of the party that passed the threshold.
    runner_up_min_seats: int = 0
    #: Codes of :data:`UNCONFIRMED` points this rule set relies on (shown in traces).
    unconfirmed: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = field(default=())


_ART97 = "Election law Art. 97 (English text c. 2009-2011, te.gob.mx thesaurus 23093)"
_IPU = "IPU Parline 2165_B (law last amended 9 February 2009)"

#: When an UNCONFIRMED point matters for an allocation: ``always``, or only on the path that
#: relies on it (``runner_up``, ``no_party``, ``tie`` settled by registration order).
Trigger = Literal["always", "runner_up", "no_party", "tie"]

#: Every UNCONFIRMED point a rule set may rely on: code -> (trigger, English statement).
#: Translations for the printed trace are in :mod:`.trace`.
UNCONFIRMED: dict[str, tuple[Trigger, str]] = {
    "percent_base_2004": (
        "always",
        "percent base in 2004: the CEC resolution 142/206 says 'of those who took part'; the "
        "sum of party votes is used as in 2007-2021",
    ),
    "tie_break_before_2009": (
        "tie",
        "the tie-break by registration order is documented only for the 2009 text",
    ),
    "no_party_passes": (
        "no_party",
        "what happens when no party passes the threshold is not found in any source: reported "
        "as undecided",
    ),
    "runner_up_rule": (
        "runner_up",
        "runner-up rule: how the 0.7 correction index is used beyond the integer part, and how "
        "the remaining seats go, are cut off in the only copy of Art. 97: the remaining seats "
        "are reported as undecided unless configured",
    ),
    "maslikhat_inferred": (
        "always",
        "the maslikhat article (Z1800000162) was not read: the Mazhilis rule applied to "
        "maslikhats is an inference consistent with the 2021 results",
    ),
    "art97_current_unread": (
        "always",
        "the current (2022/2023) text of Art. 97 was not read: the percent base (party votes "
        "+ against all) is inferred from the published 2023 percentages",
    ),
    "runner_up_survival": (
        "runner_up",
        "whether the 2009 runner-up rule survived the 2022 amendments is not confirmed",
    ),
}

RULE_SETS: dict[str, RuleSet] = {
    rs.name: rs
    for rs in (
        RuleSet(
            name="kz-2004",
            title="Mazhilis 2004: 7% threshold, 10 party-list seats",
            threshold=Fraction(7, 100),
            percent_base="party_votes",
            against_all=False,
            one_party="sole",
            unconfirmed=("percent_base_2004", "tie_break_before_2009", "no_party_passes"),
            sources=("CEC resolution 142/206 (2004)", _ART97),
        ),
        RuleSet(
            name="kz-2007",
            title="Mazhilis 2007: 7% threshold, one party passing takes every seat",
            threshold=Fraction(7, 100),
            percent_base="party_votes",
            against_all=False,
            one_party="sole",
            unconfirmed=("tie_break_before_2009", "no_party_passes"),
            sources=(_ART97, "IPU Parline 2165_07"),
        ),
        RuleSet(
            name="kz-2009",
            title="Mazhilis from 9 February 2009: 7%, the runner-up admitted if one party passes",
            threshold=Fraction(7, 100),
            percent_base="party_votes",
            against_all=False,
            one_party="runner_up",
            unconfirmed=("runner_up_rule", "no_party_passes"),
            sources=(_ART97, _IPU),
        ),
        RuleSet(
            name="kz-2021",
            title="Maslikhats by party lists (2018 amendments, elections of 10 January 2021): 7%",
            threshold=Fraction(7, 100),
            percent_base="party_votes",
            against_all=False,
            one_party="runner_up",
            unconfirmed=("maslikhat_inferred", "runner_up_rule", "no_party_passes"),
            sources=("Constitutional Law of 29 June 2018 No. 162-VI", _ART97, _IPU),
        ),
        RuleSet(
            name="kz-2023",
            title="Mazhilis and maslikhats from 2023: 5%, 'against all' in the percent base",
            threshold=Fraction(5, 100),
            percent_base="party_votes_and_against_all",
            against_all=True,
            one_party="runner_up",
            unconfirmed=(
                "art97_current_unread",
                "runner_up_survival",
                "runner_up_rule",
                "no_party_passes",
            ),
            sources=(
                "Constitutional Law of 5 November 2022 No. 156-VII",
                "May 2021 amendment (5%, against all)",
                _ART97,
            ),
        ),
    )
}

#: (body, first day in force, rule set name), newest last. A rule set applies from its first
#: day until the next one's. Elections before the first day have no rule set here. The 2004
#: and 2007 first days are placeholders between elections (kz-2004 and kz-2007 decide alike);
#: 9 February 2009 and 29 June 2018 are the dates of the amending acts; 25 May 2021 is
#: UNCONFIRMED (see rules_for).
SCHEDULE: tuple[tuple[Body, date, str], ...] = (
    ("mazhilis", date(2004, 1, 1), "kz-2004"),
    ("mazhilis", date(2007, 1, 1), "kz-2007"),
    ("mazhilis", date(2009, 2, 9), "kz-2009"),
    ("mazhilis", date(2021, 5, 25), "kz-2023"),
    ("maslikhat", date(2018, 6, 29), "kz-2021"),
    ("maslikhat", date(2021, 5, 25), "kz-2023"),
)


def rules_for(body: str, day: date) -> RuleSet:
    """The rule set in force for elections of ``body`` held on ``day``.

    The May 2021 amendment (5 %, "against all") applies to elections after it (the first were
    in 2023); its day of entry into force is taken as 25 May 2021 (UNCONFIRMED: the date of the
    amending act is not in the notes; no election fell between January 2021 and March 2023).
    """
    if body not in BODIES:
        msg = f"unknown body {body!r} (expected one of {', '.join(BODIES)})"
        raise UnknownRuleSet(msg)
    found: str | None = None
    for b, start, name in SCHEDULE:
        if b == body and day >= start:
            found = name
    if found is None:
        msg = f"no party-list rule set is known for {body} elections on {day.isoformat()}"
        raise UnknownRuleSet(msg)
    return RULE_SETS[found]


def rule_set(name: str) -> RuleSet:
    """The rule set called ``name`` (``kz-2023`` ...)."""
    try:
        return RULE_SETS[name]
    except KeyError:
        msg = f"unknown rule set {name!r} (known: {', '.join(RULE_SETS)})"
        raise UnknownRuleSet(msg) from None
