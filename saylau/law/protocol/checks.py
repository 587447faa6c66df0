"""The control ratios of a precinct protocol: one function per rule (law-notes section 4).

Each returns every finding it sees (usually zero or one); :func:`check_protocol` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Finding, Protocol

# Each returns every finding it sees (usually zero or one). Severity "error" marks an identity
# that a correct count always satisfies; "warning" marks something legal but worth a look.


def check_ballot_balance(p: Protocol) -> list[Finding]:
    """Ballots received = issued (premises + outside) + cancelled unused + spoiled."""
    accounted = p.ballots_issued + p.ballots_cancelled + p.ballots_spoiled
    if accounted == p.ballots_received:
        return []
    return [
        Finding(
            "ballot_balance",
            "error",
            {"received": p.ballots_received, "accounted": accounted},
            (
                "ballots_received",
                "ballots_issued_premises",
                "ballots_issued_outside",
                "ballots_cancelled",
                "ballots_spoiled",
            ),
        )
    ]


def check_issued_within_lists(p: Protocol) -> list[Finding]:
    """Voters who took part (ballots issued) <= voters on the lists (main + additional)."""
    if p.ballots_issued <= p.voters_on_lists:
        return []
    return [
        Finding(
            "issued_exceeds_lists",
            "error",
            {"issued": p.ballots_issued, "on_lists": p.voters_on_lists},
            (
                "ballots_issued_premises",
                "ballots_issued_outside",
                "voters_main_list",
                "voters_additional_list",
            ),
        )
    ]


def check_absentee_on_additional_list(p: Protocol) -> list[Finding]:
    """Absentee-certificate voters are added to the list: they cannot outnumber the additions.

    Law-notes section 4 ("absentee-certificate voters, who are added to the list"). A warning,
    because the form may count them in the main list (the form's wording is UNCONFIRMED).
    """
    if p.absentee_certificate_voters <= p.voters_additional_list:
        return []
    return [
        Finding(
            "absentee_exceeds_additional",
            "warning",
            {"absentee": p.absentee_certificate_voters, "additional": p.voters_additional_list},
            ("absentee_certificate_voters", "voters_additional_list"),
        )
    ]


def check_absentee_within_issued(p: Protocol) -> list[Finding]:
    """Absentee-certificate voters <= ballots issued in the premises (they vote in person)."""
    if p.absentee_certificate_voters <= p.ballots_issued_premises:
        return []
    return [
        Finding(
            "absentee_exceeds_issued",
            "error",
            {"absentee": p.absentee_certificate_voters, "issued": p.ballots_issued_premises},
            ("absentee_certificate_voters", "ballots_issued_premises"),
        )
    ]


def check_boxes_within_issued(p: Protocol) -> list[Finding]:
    """Ballots found in all boxes <= ballots issued; fewer is legal (a voter kept the ballot)."""
    if p.ballots_in_boxes > p.ballots_issued:
        return [
            Finding(
                "boxes_exceed_issued",
                "error",
                {"in_boxes": p.ballots_in_boxes, "issued": p.ballots_issued},
                (
                    "ballots_in_stationary_boxes",
                    "ballots_in_portable_boxes",
                    "ballots_issued_premises",
                    "ballots_issued_outside",
                ),
            )
        ]
    if p.ballots_in_boxes < p.ballots_issued:
        return [
            Finding(
                "ballots_not_returned",
                "warning",
                {"missing": p.ballots_issued - p.ballots_in_boxes, "issued": p.ballots_issued},
                ("ballots_in_stationary_boxes", "ballots_in_portable_boxes"),
            )
        ]
    return []


def check_portable_within_outside(p: Protocol) -> list[Finding]:
    """Ballots in the portable boxes <= ballots issued for voting outside the premises."""
    if p.ballots_in_portable_boxes <= p.ballots_issued_outside:
        return []
    return [
        Finding(
            "portable_exceeds_outside",
            "error",
            {"portable": p.ballots_in_portable_boxes, "outside": p.ballots_issued_outside},
            ("ballots_in_portable_boxes", "ballots_issued_outside"),
        )
    ]


def check_outside_within_applications(p: Protocol) -> list[Finding]:
    """Ballots issued outside the premises <= written applications to vote outside (if given)."""
    apps = p.outside_voting_applications
    if apps is None or p.ballots_issued_outside <= apps:
        return []
    return [
        Finding(
            "outside_exceeds_applications",
            "error",
            {"outside": p.ballots_issued_outside, "applications": apps},
            ("ballots_issued_outside", "outside_voting_applications"),
        )
    ]


def check_valid_equals_votes(p: Protocol) -> list[Finding]:
    """Valid ballots = the sum of the votes for every party (candidate) + "against all"."""
    total = p.votes_total + p.against_all
    if total == p.valid:
        return []
    return [
        Finding(
            "valid_vs_votes",
            "error",
            {"valid": p.valid, "votes": total},
            ("valid", "votes", "against_all"),
        )
    ]


def check_valid_invalid_vs_boxes(p: Protocol) -> list[Finding]:
    """Valid + invalid ballots = ballots found in the boxes (stationary + portable)."""
    if p.valid + p.invalid == p.ballots_in_boxes:
        return []
    return [
        Finding(
            "valid_invalid_vs_boxes",
            "error",
            {"counted": p.valid + p.invalid, "in_boxes": p.ballots_in_boxes},
            ("valid", "invalid", "ballots_in_stationary_boxes", "ballots_in_portable_boxes"),
        )
    ]


def check_against_lists(p: Protocol, *, main: int, additional: int) -> list[Finding]:
    """Line 1 (voters on the lists) against the lists compiled for the precinct.

    The main list the precinct commission received and the additional list it kept on the day
    are in the register (``main`` and ``additional`` voters); the protocol states the same
    numbers or is wrong. Not one of :data:`RULES`: it needs the lists, which only the caller
    has. An error per part, stating both numbers.

    >>> from .model import VoteLine
    >>> p = Protocol("e", 7, 1870, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (VoteLine("a", 0),))
    >>> [(f.code, dict(f.params)) for f in check_against_lists(p, main=0, additional=0)]
    [('main_list_differs', {'protocol': 1870, 'lists': 0})]
    """
    found: list[Finding] = []
    for code, stated, compiled, line in (
        ("main_list_differs", p.voters_main_list, main, "voters_main_list"),
        ("additional_list_differs", p.voters_additional_list, additional, "voters_additional_list"),
    ):
        if stated != compiled:
            found.append(Finding(code, "error", {"protocol": stated, "lists": compiled}, (line,)))
    return found


def check_has_votes_lines(p: Protocol) -> list[Finding]:
    """A protocol names at least one party list or candidate."""
    if p.votes:
        return []
    return [Finding("no_vote_lines", "error", {}, ("votes",))]


#: Every control ratio, in the order findings are reported.
RULES: tuple[Callable[[Protocol], list[Finding]], ...] = (
    check_has_votes_lines,
    check_ballot_balance,
    check_issued_within_lists,
    check_absentee_on_additional_list,
    check_absentee_within_issued,
    check_boxes_within_issued,
    check_portable_within_outside,
    check_outside_within_applications,
    check_valid_equals_votes,
    check_valid_invalid_vs_boxes,
)


def check_protocol(p: Protocol) -> list[Finding]:
    """Run every control ratio and return every finding (empty list: the protocol adds up)."""
    return [finding for rule in RULES for finding in rule(p)]
