"""Turnout during voting day: precinct commissions report at fixed hours; a chart for all.

``report_turnout`` is the one writing action (a precinct commission within its scope, one
transaction, one audit event); ``turnout_series`` sums the reports per hour; ``turnout_svg``
draws them server-side (no JavaScript)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from saylau.web.accounts.models import User
from saylau.web.accounts.policy import Action, ActorLike, require
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.places import precincts_of
from saylau.web.territory.models import Precinct

from .errors import ResultsError
from .models import TurnoutReport
from .refusals import not_of_election, say


class TurnoutRefused(ResultsError):
    code = "results.turnout_refused"


def report_turnout(
    *,
    actor: ActorLike,
    election: Election,
    precinct: Precinct,
    hour: int,
    voters: int,
    voted: int,
) -> TurnoutReport:
    """Record (or correct) the turnout of ``precinct`` at ``hour``; refused when the hour is
    not one of the fixed hours, when more voted than are on the list, or when the figure is
    below an earlier hour's."""
    require(actor, Action.TURNOUT_REPORT, precinct)
    if hour not in TurnoutReport.HOURS:
        detail = say(
            _("Turnout is reported at %(hours)s o'clock, not at %(hour)s."),
            hours=", ".join(str(h) for h in TurnoutReport.HOURS),
            hour=hour,
        )
        raise TurnoutRefused(f"{hour} is not a reporting hour", field="hour", detail=detail)
    if voters < 0 or voted < 0 or voted > voters:
        detail = say(
            _(
                "Precinct No. %(precinct)s: those who voted (%(voted)s) must be between 0 and "
                "the voters on the list (%(voters)s)."
            ),
            precinct=precinct.number,
            voted=voted,
            voters=voters,
        )
        msg = "voted must be between 0 and the voters on the list"
        raise TurnoutRefused(msg, field="voted", detail=detail)
    if not precincts_of(election).filter(pk=precinct.pk).exists():
        detail = not_of_election(precinct.number, election)
        msg = "the precinct does not vote in this election"
        raise TurnoutRefused(msg, field="precinct", detail=detail)
    with transaction.atomic():
        reports = {
            r.hour: r
            for r in TurnoutReport.objects.select_for_update(of=("self",))
            .filter(election=election, precinct=precinct)
            .order_by("hour")
        }
        earlier = [r.voted for h, r in reports.items() if h < hour]
        later = [r.voted for h, r in reports.items() if h > hour]
        if (earlier and voted < max(earlier)) or (later and voted > min(later)):
            detail = say(
                _(
                    "Precinct No. %(precinct)s: turnout cannot go down from one hour to the "
                    "next (%(voted)s at %(hour)s o'clock)."
                ),
                precinct=precinct.number,
                voted=voted,
                hour=hour,
            )
            msg = "turnout cannot go down from one hour to the next"
            raise TurnoutRefused(msg, field="voted", detail=detail)
        old = reports.get(hour)
        row, _created = TurnoutReport.objects.update_or_create(
            election=election,
            precinct=precinct,
            hour=hour,
            defaults={
                "voters": voters,
                "voted": voted,
                "entered_by": actor if isinstance(actor, User) else None,
                "entered_at": clock.now(),
            },
        )
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_TURNOUT_REPORT,
            target=row,
            old={"voters": old.voters, "voted": old.voted} if old else None,
            new={"hour": hour, "voters": voters, "voted": voted},
        )
    return row


def turnout_series(election: Election) -> list[dict[str, Any]]:
    """Per fixed hour: precincts reporting, voters on their lists, voted, turnout percent."""
    sums = {
        row["hour"]: row
        for row in TurnoutReport.objects.filter(election=election)
        .values("hour")
        .annotate(voters=Sum("voters"), voted=Sum("voted"), n=Count("id"))
        .order_by()
    }
    out: list[dict[str, Any]] = []
    for hour in TurnoutReport.HOURS:
        row = sums.get(hour)
        if row is None or not row["voters"]:
            out.append({"hour": hour, "precincts": 0, "percent": None})
            continue
        percent = Fraction(row["voted"] * 100, row["voters"])
        out.append(
            {
                "hour": hour,
                "precincts": row["n"],
                "voters": row["voters"],
                "voted": row["voted"],
                "percent": round(float(percent), 1),
            }
        )
    return out


def turnout_svg(series: list[dict[str, Any]], *, title: str) -> str:
    """A bar chart of turnout by hour, drawn as SVG on the server (accessible: a title, a
    description, one labelled bar per hour)."""
    width, height, left, bottom, top = 360, 200, 34, 24, 10
    plot_h = height - bottom - top
    step = (width - left - 10) / len(series)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="turnout-title" class="turnout-chart">'
        f'<title id="turnout-title">{escape(title)}</title>'
    ]
    for pct in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - pct / 100)
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{pct}%</text>'
        )
    for i, point in enumerate(series):
        x = left + i * step + step * 0.15
        label = f"{point['hour']}:00"
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{height - 8}" font-size="10" '
            f'text-anchor="middle">{label}</text>'
        )
        if point["percent"] is None:
            continue
        h = plot_h * point["percent"] / 100
        y = top + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
            f'fill="#0b4f8a"><title>{label}: {point["percent"]}%</title></rect>'
            f'<text x="{x + step * 0.35:.1f}" y="{y - 3:.1f}" font-size="10" '
            f'text-anchor="middle">{point["percent"]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
