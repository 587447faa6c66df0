"""Editing and cancelling a training session.

Who: whoever manages the session (:func:`..access.can_manage_session`): the CEC, the regional
commission of its region, the territorial commission of its district, and its own trainer. A
trainer may move their session (date, place, capacity, language, modules) or cancel it, but
not hand it to another trainer. Budgets (planned and actual costs) stay as they are: money
spent on a cancelled session is still spent.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from saylau.web.accounts.models import Role
from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.core import clock

from ..access import require_session_write
from ..errors import ReasonRequired, SessionAlreadyHeld, SessionCancelled, SessionFull
from ..models import Certificate, Enrolment, TestAttempt, Trainer, TrainingSession
from .training import check_trainer, require_not_cancelled, session_snapshot

#: The fields :func:`update_session` may change.
EDITABLE = ("date", "place", "trainer", "capacity", "language", "modules")


def _locked(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("trainer")
        .get(pk=session.pk)
    )


def _was_held(session: TrainingSession) -> bool:
    """Someone was marked present, sat a test or holds a certificate from it."""
    return (
        Enrolment.objects.filter(session=session, attended=True).exists()
        or TestAttempt.objects.filter(enrolment__session=session).exists()
        or Certificate.objects.filter(enrolment__session=session).exists()
    )


def update_session(
    *,
    actor: ActorLike,
    session: TrainingSession,
    date: dt.date,
    place: str,
    trainer: Trainer,
    capacity: int,
    language: str,
    modules: str = "",
) -> TrainingSession:
    """Change a session's details; the trainer must be allowed its level and (saylau's
    configurable scheme) hold a certificate valid on the date whenever either changes; the
    capacity cannot fall below the members already enrolled. One audit event with the old and
    new values; nothing is written when nothing changes."""
    with transaction.atomic():
        session = _locked(session)
        require_session_write(actor, session)
        require_not_cancelled(session)
        if getattr(actor, "role", None) == Role.TRAINER and trainer.pk != session.trainer_id:
            raise PermissionDenied("a trainer does not hand their session to another trainer")
        old = session_snapshot(session)
        changes = {
            "date": date,
            "place": place,
            "trainer": trainer,
            "capacity": capacity,
            "language": language,
            "modules": modules,
        }
        if trainer.pk != session.trainer_id or date != session.date:
            check_trainer(trainer, level=session.level, on=date)
        enrolled = session.enrolments.count()
        if capacity < enrolled:
            msg = f"{enrolled} members are enrolled; the capacity cannot be {capacity}"
            raise SessionFull(msg, field="capacity")
        if (language != session.language or trainer.pk != session.trainer_id) and (
            TestAttempt.objects.filter(enrolment__session=session).exists()
        ):
            # The tests record the language and the trainer (trainer statistics group by it).
            field = "language" if language != session.language else "trainer"
            msg = f"tests were taken in this session; its {field} can no longer change"
            raise SessionAlreadyHeld(msg, field=field)
        for name, value in changes.items():
            setattr(session, name, value)
        session.full_clean()
        new = session_snapshot(session)
        if new == old:
            return session
        session.save(update_fields=list(EDITABLE))
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_SESSION_UPDATE,
            target=session,
            old={k: v for k, v in old.items() if old[k] != new[k]},
            new={k: v for k, v in new.items() if old[k] != new[k]},
        )
    return session


def cancel_session(*, actor: ActorLike, session: TrainingSession, reason: str) -> TrainingSession:
    """Cancel a session that has not been held. Its enrolments stay as history, so the
    commission pages tell the members' commissions that the session was cancelled and why; the
    members are "not trained" again in coverage (they hold no certificate from it) and may be
    enrolled elsewhere. The budget is kept."""
    reason = reason.strip()
    if not reason:
        msg = "cancelling a session needs a reason"
        raise ReasonRequired(msg, field="reason")
    with transaction.atomic():
        session = _locked(session)
        require_session_write(actor, session)
        if session.is_cancelled:
            msg = f"session {session.pk} is already cancelled"
            raise SessionCancelled(msg)
        if _was_held(session):
            msg = f"session {session.pk} has attendance, tests or certificates"
            raise SessionAlreadyHeld(msg)
        old = {"status": session.status}
        session.status = TrainingSession.Status.CANCELLED
        session.cancel_reason = reason
        session.cancelled_at = clock.now()
        session.full_clean()
        session.save(update_fields=["status", "cancel_reason", "cancelled_at"])
        members = list(session.enrolments.values_list("member_id", flat=True))
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_SESSION_CANCEL,
            target=session,
            old=old,
            new={"status": session.status, "reason": reason, "enrolled_members": members},
        )
    return session
