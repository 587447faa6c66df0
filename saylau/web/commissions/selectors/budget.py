"""Budget totals of training: per session, per district and per paying akimat."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from saylau.web.elections.models import Election

from ..models import SessionBudget
from .scoped import sessions_for

ZERO = Decimal("0.00")


@dataclass
class BudgetLine:
    label: str
    sessions: int = 0
    planned: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        return self.actual - self.planned


@dataclass
class BudgetReport:
    sessions: list[dict[str, Any]] = field(default_factory=list)
    by_district: list[BudgetLine] = field(default_factory=list)
    by_payer: list[BudgetLine] = field(default_factory=list)
    total: BudgetLine = field(default_factory=lambda: BudgetLine(""))


def _d(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def budget_report(user: Any, election: Election, *, region_name: str = "") -> BudgetReport:
    """Planned cost = venue + materials + trainer fees + per participant × capacity; actual
    cost = the same actual items + per participant × attendees. One query for the sessions."""
    sessions = (
        sessions_for(user)
        .filter(plan__election=election, budget__isnull=False)
        .select_related("budget__payer_district")
        .annotate(attendees=Count("enrolments", filter=Q(enrolments__attended=True)))
        .order_by("date", "pk")
    )
    report = BudgetReport()
    districts: dict[str, BudgetLine] = defaultdict(lambda: BudgetLine(""))
    payers: dict[str, BudgetLine] = defaultdict(lambda: BudgetLine(""))
    for s in sessions:
        b: SessionBudget = s.budget
        planned = (
            b.planned_venue
            + b.planned_materials
            + b.planned_trainer_fee
            + b.planned_per_participant * s.capacity
        )
        actual = (
            _d(b.actual_venue)
            + _d(b.actual_materials)
            + _d(b.actual_trainer_fee)
            + _d(b.actual_per_participant) * s.attendees
        )
        district = s.district.name if s.district else str(s.region.name)
        payer = (
            b.payer_district.name if b.payer_district else f"{s.region.name}"
        ) + f" · {b.get_payer_display()}"
        report.sessions.append(
            {
                "session": s,
                "budget": b,
                "planned": planned,
                "actual": actual,
                "attendees": s.attendees,
                "district": district,
                "payer": payer,
            }
        )
        for line, label in ((districts[district], district), (payers[payer], payer)):
            line.label = label
            line.sessions += 1
            line.planned += planned
            line.actual += actual
        report.total.sessions += 1
        report.total.planned += planned
        report.total.actual += actual
    report.by_district = sorted(districts.values(), key=lambda x: x.label)
    report.by_payer = sorted(payers.values(), key=lambda x: x.label)
    return report
