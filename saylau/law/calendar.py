"""The election calendar: statutory deadlines computed from the body and election day.

Each :class:`Deadline` carries the article (or the source) it comes from and ``unconfirmed``
when the notes could not confirm it for the current law (law-notes sections 3 and 4; article
numbers are those of the c. 2009-2011 English text unless stated).

>>> cal = {d.code: d for d in election_calendar("mazhilis", date(2023, 3, 19))}
>>> cal["lists_to_precincts"].on, cal["public_review"].on
(datetime.date(2023, 2, 27), datetime.date(2023, 3, 4))
>>> cal["results_published"].on
datetime.date(2023, 3, 29)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Literal

from .errors import LawError

Relation = Literal["by", "from", "on", "within"]


class UnknownBody(LawError):
    code = "calendar_unknown_body"


@dataclass(frozen=True)
class Deadline:
    """One date of the calendar: ``relation`` says whether it is a last day (``by``), a first
    day (``from``), the day itself (``on``) or the end of a period after the vote (``within``).
    """

    code: str
    on: date
    relation: Relation
    what: str
    article: str
    unconfirmed: str | None = None
    at: time | None = None


def election_calendar(body: str, election_day: date) -> list[Deadline]:
    """Every deadline known for an election of ``body`` (``mazhilis`` or ``maslikhat``)."""
    if body not in ("mazhilis", "maslikhat"):
        msg = f"unknown body {body!r} (expected mazhilis or maslikhat)"
        raise UnknownBody(msg)
    d = election_day

    def before(days: int) -> date:
        return d - timedelta(days=days)

    def after(days: int) -> date:
        return d + timedelta(days=days)

    items = [
        Deadline(
            "absentee_to_lower_commissions",
            before(20),
            "by",
            "absentee certificates passed by oblast-level commissions to lower territorial "
            "commissions",
            "CEC resolution of 8 April 2009 No. 161/306 (rules as of 2019)",
        ),
        Deadline(
            "lists_to_precincts",
            before(20),
            "by",
            "voter lists handed over to precinct commissions",
            "election law Art. 26 (jjtv.kz, 2023: handed over on 26 February for 19 March)",
        ),
        Deadline(
            "absentee_to_precincts",
            before(16),
            "by",
            "absentee certificates passed to precinct commissions",
            "CEC resolution of 8 April 2009 No. 161/306 (rules as of 2019)",
        ),
        Deadline(
            "public_review",
            before(15),
            "from",
            "voter lists open to public review (ordinary precincts)",
            "election law Art. 26 p. 1",
        ),
        Deadline(
            "absentee_issue_from",
            before(15),
            "from",
            "precinct commissions issue absentee certificates to voters who change their place "
            "of stay (from the public review of the lists)",
            "CEC resolution of 8 April 2009 No. 161/306",
            "the first day of issue is inferred from 'between the public review and election day'",
        ),
        Deadline(
            "public_review_special",
            before(5),
            "from",
            "voter lists open to public review at special precincts (military units, "
            "hospitals, missions abroad, remote areas, ...)",
            "election law Art. 26 p. 1",
        ),
        Deadline(
            "absentee_extra_print",
            before(3),
            "by",
            "extra absentee certificates printed by decision",
            "CEC resolution of 8 April 2009 No. 161/306 (rules as of 2019)",
        ),
        Deadline(
            "ballots_to_precincts",
            before(1),
            "by",
            "ballots (voters + 1 % reserve) delivered to precinct commissions",
            "electionin.org summary of the older law",
            "the current article text was not read",
        ),
        Deadline(
            "outside_voting_applications",
            before(1),
            "by",
            "written applications to vote outside the premises (12 hours before election day)",
            "election law Art. 41 p. 6 (older text)",
            "the current deadline is not confirmed (law-notes section 3 and 9)",
            at=time(12, 0),
        ),
        Deadline(
            "polls_open",
            d,
            "on",
            "voting from 07:00 to 20:00 local time (a territorial commission may open at 06:00)",
            "election law Art. 40",
            at=time(7, 0),
        ),
        Deadline(
            "count_starts",
            d,
            "on",
            "the count starts when voting ends and runs without a break for at most 12 hours",
            "election law Art. 43",
            at=time(20, 0),
        ),
    ]
    if body == "mazhilis":
        items += [
            Deadline(
                "tec_protocols_to_cec",
                after(2),
                "within",
                "territorial commissions' protocols reach the CEC",
                "election law Art. 94",
            ),
            Deadline(
                "results_published",
                after(10),
                "within",
                "the CEC publishes the Mazhilis results",
                "election law Art. 44 p. 4",
            ),
            Deadline(
                "party_mandate_decisions",
                after(10),
                "within",
                "parties decide who of their lists takes the mandates (counted from the "
                "distribution of seats, here from election day)",
                "vlast.kz on the 2023 distribution ('within 10 days')",
                "the article and the starting day of the period are not confirmed",
            ),
        ]
    else:
        items += [
            Deadline(
                "results_published",
                after(7),
                "within",
                "the territorial commission publishes the maslikhat results",
                "election law Art. 44 p. 4",
            ),
        ]
    return sorted(items, key=lambda x: (x.on, x.at or time(0)))
