"""Planned and actual costs of a session and which akimat pays."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.territory.models import District

from ..access import require_budget_write
from ..models import SessionBudget, TrainingSession

COST_FIELDS = (
    "planned_venue",
    "planned_materials",
    "planned_trainer_fee",
    "planned_per_participant",
    "actual_venue",
    "actual_materials",
    "actual_trainer_fee",
    "actual_per_participant",
)


def set_budget(
    *,
    actor: ActorLike,
    session: TrainingSession,
    payer: str,
    payer_district: District | None = None,
    costs: dict[str, Decimal | None],
) -> SessionBudget:
    """Create or update the session's budget; ``costs`` keys are the ``COST_FIELDS``."""
    unknown = set(costs) - set(COST_FIELDS)
    if unknown:
        from ..errors import CommissionsError

        msg = f"unknown cost fields: {sorted(unknown)}"
        raise CommissionsError(msg, field="costs")
    with transaction.atomic():
        session = (
            TrainingSession.objects.select_for_update(of=("self",))
            .select_related("trainer")
            .get(pk=session.pk)
        )
        require_budget_write(actor, session)
        budget = SessionBudget.objects.filter(session=session).first()
        old = None if budget is None else _snapshot(budget)
        budget = budget or SessionBudget(session=session)
        budget.payer = payer
        budget.payer_district = payer_district
        for name, value in costs.items():
            setattr(budget, name, value)
        budget.full_clean()
        budget.save()
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_BUDGET_SET,
            target=budget,
            old=old,
            new=_snapshot(budget),
        )
    return budget


def _snapshot(budget: SessionBudget) -> dict[str, Any]:
    data: dict[str, Any] = {
        "session": budget.session_id,
        "payer": budget.payer,
        "payer_district": budget.payer_district_id,
    }
    data.update({name: getattr(budget, name) for name in COST_FIELDS})
    return data
