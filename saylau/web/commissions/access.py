"""Who may change what in the commissions app: the access policy's rules
(:mod:`saylau.web.accounts.policy`), with the one thing the table cannot say - a trainer
works on their own sessions only.

Reading goes through :mod:`.selectors`, which apply the territorial scope. Writing:

* commissions and members - :attr:`Action.COMMISSION_MEMBERS` at the commission;
* trainers and plans - :attr:`Action.TRAINER_MANAGE` / :attr:`Action.TRAINING_PLAN` in the region;
* organising sessions - :attr:`Action.TRAINING_SESSION` at the session's region or district;
* enrolment, attendance and test scores - :attr:`Action.TRAINING_RECORD`, for a trainer only
  on their own sessions;
* budgets - :attr:`Action.TRAINING_BUDGET` (the akimat of the session's district too).
"""

from __future__ import annotations

from saylau.web.accounts.models import Role
from saylau.web.accounts.policy import (
    COUNTRY,
    Action,
    ActorLike,
    Place,
    PolicyDenied,
    allows,
    require,
    user_of,
)

from .models import Commission, TrainingSession


def require_commission_write(actor: ActorLike, commission: Commission) -> None:
    require(actor, Action.COMMISSION_MEMBERS, commission)


def can_write_commission(actor: ActorLike, commission: Commission) -> bool:
    return allows(actor, Action.COMMISSION_MEMBERS, commission)


def require_region_write(
    actor: ActorLike, region_id: int | None, action: Action = Action.TRAINER_MANAGE
) -> None:
    """Trainers and training plans: CEC anywhere, a regional commission in its region."""
    require(actor, action, Place(region_id=region_id) if region_id is not None else COUNTRY)


def _place(session: TrainingSession) -> Place:
    return Place(region_id=session.region_id, district_id=session.district_id)


def can_manage_session(
    actor: ActorLike, session: TrainingSession, action: Action = Action.TRAINING_RECORD
) -> bool:
    """Whether ``actor`` may do ``action`` on ``session`` (a trainer: on their own only)."""
    if not allows(actor, action, _place(session)):
        return False
    user = user_of(actor)
    if user is not None and user.role == Role.TRAINER:
        return bool(session.trainer.user_id == user.pk)
    return True


def require_session_write(
    actor: ActorLike, session: TrainingSession, action: Action = Action.TRAINING_RECORD
) -> None:
    require(actor, action, _place(session))
    if not can_manage_session(actor, session, action):
        raise PolicyDenied("policy.owner", "not your session", action=action, place=_place(session))


def require_budget_write(actor: ActorLike, session: TrainingSession) -> None:
    require(actor, Action.TRAINING_BUDGET, _place(session))
