"""Who may change what in the commissions app (checked by the services, not only the views).

Reading goes through :mod:`.selectors`, which apply the territorial scope. Writing:

* commissions and members - CEC, regional and territorial commissions inside their scope;
* trainers and plans - CEC and regional commissions inside their region;
* sessions - the above, and a territorial commission for sessions in its district;
* enrolment, attendance and test scores - whoever manages the session, and a trainer only on
  their own sessions;
* budgets - those who manage the session and the akimat of its district.

``actor`` may be ``None`` or a string for the system (the demo loader, a command).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from saylau.web.accounts.models import Role
from saylau.web.accounts.scope import scope_for

from .models import Commission, TrainingSession

MANAGER_ROLES = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL})


def _is_user(actor: Any) -> bool:
    return actor is not None and not isinstance(actor, str)


def require_commission_write(actor: Any, commission: Commission) -> None:
    if not _is_user(actor):
        return
    scope = scope_for(actor)
    scope.require_write()
    if actor.role not in MANAGER_ROLES:
        raise PermissionDenied("this role does not manage commissions")
    scope.require(
        region_id=commission.region_id,
        district_id=commission.district_id,
        precinct_id=commission.precinct_id,
    )
    if actor.role == Role.TERRITORIAL and commission.district_id is None:
        raise PermissionDenied("a territorial commission does not manage the regional one")


def can_write_commission(actor: Any, commission: Commission) -> bool:
    try:
        require_commission_write(actor, commission)
    except PermissionDenied:
        return False
    return True


def require_region_write(actor: Any, region_id: int | None) -> None:
    """Trainers and training plans: CEC anywhere, a regional commission in its region."""
    if not _is_user(actor):
        return
    scope = scope_for(actor)
    scope.require_write()
    if actor.role == Role.CEC:
        return
    if actor.role != Role.REGIONAL or region_id is None:
        raise PermissionDenied("only the CEC and regional commissions manage this")
    scope.require(region_id=region_id)


def can_manage_session(actor: Any, session: TrainingSession) -> bool:
    if not _is_user(actor):
        return True
    scope = scope_for(actor)
    if scope.read_only:
        return False
    if actor.role == Role.TRAINER:
        return bool(session.trainer.user_id == actor.pk)
    if actor.role not in MANAGER_ROLES:
        return False
    if actor.role == Role.TERRITORIAL and session.district_id is None:
        return False
    return scope.covers(region_id=session.region_id, district_id=session.district_id)


def require_session_write(actor: Any, session: TrainingSession) -> None:
    if not can_manage_session(actor, session):
        raise PermissionDenied("not your session")


def require_budget_write(actor: Any, session: TrainingSession) -> None:
    if _is_user(actor) and actor.role == Role.AKIMAT:
        scope = scope_for(actor)
        scope.require_write()
        scope.require(region_id=session.region_id, district_id=session.district_id)
        return
    if _is_user(actor) and actor.role == Role.TRAINER:
        raise PermissionDenied("trainers do not keep budgets")
    require_session_write(actor, session)
