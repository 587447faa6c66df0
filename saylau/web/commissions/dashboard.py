"""The commissions panel of the dashboard: training coverage, the deadline, a trainer's sessions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saylau.web.accounts.models import Level, Role
from saylau.web.accounts.scope import Scope
from saylau.web.core import clock

from .models import TrainingSession
from .selectors import (
    coverage_by_district,
    coverage_total,
    deadline_for,
    members_for,
    sessions_for,
    stranded_by_cancellation,
)
from .views.common import elections_for


def panel(*, user: Any, scope: Scope) -> dict[str, Any] | None:
    if scope.level is Level.NONE:
        return None
    today = clock.today()
    if user.role == Role.TRAINER:
        sessions = sessions_for(user).exclude(status=TrainingSession.Status.CANCELLED)
        return {
            "title": _("My training sessions"),
            "template": "commissions/_panel.html",
            "order": 40,
            "context": {
                "trainer": True,
                "upcoming": list(sessions.filter(date__gte=today).order_by("date")[:5]),
                "held": sessions.filter(date__lt=today).count(),
            },
        }
    election = elections_for(user).filter(day__gte=today).order_by("day").first()
    if election is None:
        return None
    total = coverage_total(coverage_by_district(user, election))
    if total.members == 0:
        return None
    return {
        "title": _("Training of commission members"),
        "template": "commissions/_panel.html",
        "order": 40,
        "context": {
            "trainer": False,
            "election": election,
            "total": total,
            "deadline": deadline_for(election, today),
            # Members whose session was cancelled and who have no other one: to re-enrol.
            "stranded": stranded_by_cancellation(members_for(user), today).count(),
        },
    }
