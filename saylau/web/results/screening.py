"""The anomaly screening (``saylau.lists.anomalies``) over an election's protocols in force."""

from __future__ import annotations

import datetime as dt
from typing import Any

from saylau.law.protocol import Race
from saylau.lists.anomalies import PrecinctFigures, Screening, screen
from saylau.web.core import clock
from saylau.web.elections.models import Election

from .models import Protocol


def polls_closed_at(election: Election, closes: dt.time) -> dt.datetime:
    """Voting day at the precinct's closing time (20:00 unless changed; law-notes §3)."""
    return dt.datetime.combine(election.day, closes, tzinfo=clock.local_zone())


def figures(election: Election) -> tuple[list[PrecinctFigures], dict[str, dict[str, Any]]]:
    """The party-list protocols in force as screening input, and each precinct's labels."""

    def closed_at(p: Protocol) -> dt.datetime:
        return polls_closed_at(election, p.precinct.closes_at)

    rows, labels = [], {}
    for p in (
        Protocol.objects.filter(election=election, is_current=True, race=Race.PARTY_LIST)
        .select_related("precinct", "precinct__district")
        .order_by("precinct__number")
    ):
        d = p.data
        key = str(p.precinct.number)
        labels[key] = {"number": p.precinct.number, "district": p.precinct.district.name}
        rows.append(
            PrecinctFigures(
                precinct=key,
                group=str(p.precinct.district_id),
                voters=p.voters,
                ballots=p.ballots_issued,
                valid=p.valid,
                votes={line["code"]: line["votes"] for line in d["votes"]},
                outside=d.get("ballots_issued_outside", 0),
                hours_after_close=(p.submitted_at - closed_at(p)).total_seconds() / 3600,
            )
        )
    return rows, labels


def screen_election(election: Election) -> tuple[Screening, dict[str, dict[str, Any]]]:
    rows, labels = figures(election)
    return screen(rows), labels
