"""Trainers, plans, sessions, enrolment and attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saylau.web.accounts.policy import Action, ActorLike, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.core.formats import local_date
from saylau.web.elections.models import Election
from saylau.web.territory.models import District, Region

from ..access import require_region_write, require_session_write
from ..errors import (
    NotSitting,
    SessionCancelled,
    SessionFull,
    SessionNotYet,
    TrainerCertificateExpired,
    TrainerNotAllowed,
    WrongLevel,
)
from ..models import (
    Certificate,
    Enrolment,
    Level,
    Member,
    Person,
    Trainer,
    TrainingPlan,
    TrainingSession,
)
from ..rules import training_rules


def create_trainer(
    *,
    actor: ActorLike,
    person: Person,
    region: Region | None,
    levels: list[str],
    certificate_number: str,
    certificate_issued: dt.date,
    certificate_valid_until: dt.date,
    trained_by: Trainer | None = None,
    user: Any = None,
) -> Trainer:
    require_region_write(actor, region.pk if region else None)
    with transaction.atomic():
        trainer = Trainer(
            person=person,
            region=region,
            user=user,
            trains_regional=Level.REGIONAL in levels,
            trains_territorial=Level.TERRITORIAL in levels,
            trains_precinct=Level.PRECINCT in levels,
            certificate_number=certificate_number,
            certificate_issued=certificate_issued,
            certificate_valid_until=certificate_valid_until,
            trained_by=trained_by,
        )
        trainer.full_clean()
        trainer.save()
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_TRAINER_CREATE,
            target=trainer,
            new={
                "person": person.pk,
                "region": trainer.region_id,
                "levels": trainer.levels,
                "certificate_number": certificate_number,
                "certificate_issued": certificate_issued,
                "certificate_valid_until": certificate_valid_until,
                "trained_by": trainer.trained_by_id,
                "user": trainer.user_id,
            },
        )
    return trainer


def create_plan(
    *,
    actor: ActorLike,
    election: Election,
    region: Region,
    level: str,
    starts_on: dt.date,
    ends_on: dt.date,
    status: str = TrainingPlan.Status.DRAFT,
) -> TrainingPlan:
    require_region_write(actor, region.pk, Action.TRAINING_PLAN)
    with transaction.atomic():
        plan = TrainingPlan(
            election=election,
            region=region,
            level=level,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
        )
        plan.full_clean()
        plan.save()
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_PLAN_CREATE,
            target=plan,
            new={
                "election": election.pk,
                "region": region.pk,
                "level": level,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "status": status,
            },
        )
    return plan


def check_trainer(trainer: Trainer, *, level: str, on: dt.date) -> None:
    """A session's trainer must be allowed the level and (saylau's scheme, configurable)
    hold a trainer certificate valid on the session day."""
    if not trainer.may_train(level):
        msg = f"trainer {trainer} may train {trainer.levels}, not {level}"
        raise TrainerNotAllowed(msg, field="trainer")
    if training_rules().trainer_certification_required and not trainer.certificate_valid_on(on):
        msg = (
            f"trainer certificate {trainer.certificate_number} is valid "
            f"{trainer.certificate_issued}..{trainer.certificate_valid_until}, not on {on}"
        )
        raise TrainerCertificateExpired(msg, field="trainer")


def create_session(
    *,
    actor: ActorLike,
    plan: TrainingPlan,
    district: District | None,
    date: dt.date,
    place: str,
    trainer: Trainer,
    capacity: int,
    language: str,
    modules: str = "",
) -> TrainingSession:
    session = TrainingSession(
        plan=plan,
        level=plan.level,
        region=plan.region,
        district=district,
        date=date,
        place=place,
        trainer=trainer,
        capacity=capacity,
        language=language,
        modules=modules,
    )
    _require_organiser(actor, session)
    with transaction.atomic():
        check_trainer(trainer, level=plan.level, on=date)
        session.full_clean()
        session.save()
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_SESSION_CREATE,
            target=session,
            new=session_snapshot(session),
        )
    return session


def _require_organiser(actor: ActorLike, session: TrainingSession) -> None:
    """Sessions are organised by the commissions; a trainer only runs their own."""
    require_session_write(actor, session, Action.TRAINING_SESSION)


def session_snapshot(session: TrainingSession) -> dict[str, Any]:
    return {
        "plan": session.plan_id,
        "level": session.level,
        "district": session.district_id,
        "date": session.date,
        "place": session.place,
        "trainer": session.trainer_id,
        "capacity": session.capacity,
        "language": session.language,
        "modules": session.modules,
        "status": session.status,
    }


def require_not_cancelled(session: TrainingSession) -> None:
    """Nothing more happens in a cancelled session: no enrolment, attendance or test."""
    if session.is_cancelled:
        msg = f"session {session.pk} was cancelled: {session.cancel_reason}"
        raise SessionCancelled(msg)


def require_held(session: TrainingSession) -> None:
    """Attendance and test results are facts of the session day: not before it."""
    today = clock.today()
    if today < session.date:
        msg = f"session {session.pk} is on {session.date:%d.%m.%Y}; today is {today:%d.%m.%Y}"
        day = local_date(session.date)
        raise SessionNotYet(msg, detail=_("The session is on %(day)s.") % {"day": day})


def enrolment_on_the_day(actor: ActorLike, enrolment: Enrolment) -> Enrolment:
    """``enrolment`` locked (inside the caller's transaction) for a result of the session day,
    a test or an exercise: the actor writes for its session, which is not cancelled and not
    still to come."""
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session__trainer", "member")
        .get(pk=enrolment.pk)
    )
    require_session_write(actor, locked.session)
    require_not_cancelled(locked.session)
    require_held(locked.session)
    return locked


def mark_revoked(actor: ActorLike, cert: Certificate, *, reason: str) -> None:
    """Revoke inside the caller's transaction: who, why and when, and one audit event."""
    cert.revoked = True
    cert.revoked_at = clock.now()
    cert.revoked_by = user_of(actor)
    cert.revoke_reason = reason[:300]
    cert.save(update_fields=["revoked", "revoked_at", "revoked_by", "revoke_reason"])
    record_event(
        actor=actor,
        action=AuditAction.COMMISSIONS_CERTIFICATE_REVOKE,
        target=cert,
        old={"revoked": False},
        new={"revoked": True, "reason": cert.revoke_reason, "at": cert.revoked_at},
    )


def assign_trainer(
    *, actor: ActorLike, session: TrainingSession, trainer: Trainer
) -> TrainingSession:
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
        _require_organiser(actor, session)
        require_not_cancelled(session)
        old = session_snapshot(session)
        check_trainer(trainer, level=session.level, on=session.date)
        session.trainer = trainer
        session.full_clean()
        session.save(update_fields=["trainer"])
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_SESSION_TRAINER,
            target=session,
            old=old,
            new=session_snapshot(session),
        )
    return session


def enrol_members(
    *, actor: ActorLike, session: TrainingSession, members: list[Member]
) -> list[Enrolment]:
    """Enrol sitting members of the session's level; refuse all if one cannot be enrolled."""
    with transaction.atomic():
        session = (
            TrainingSession.objects.select_for_update(of=("self",))
            .select_related("trainer")
            .get(pk=session.pk)
        )
        require_session_write(actor, session)
        require_not_cancelled(session)
        taken = set(session.enrolments.values_list("member_id", flat=True))
        new = [m for m in members if m.pk not in taken]
        for m in new:
            if m.level != session.level:
                msg = f"{m.person} sits on a {m.level} commission, the session is {session.level}"
                raise WrongLevel(msg, field="members")
            if not m.is_active:
                msg = f"{m.person} no longer sits on {m.commission_id}"
                raise NotSitting(msg, field="members")
        if len(taken) + len(new) > session.capacity:
            msg = f"{len(taken)} enrolled + {len(new)} new > capacity {session.capacity}"
            raise SessionFull(msg, field="members")
        rows = Enrolment.objects.bulk_create([Enrolment(session=session, member=m) for m in new])
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_SESSION_ENROL,
            target=session,
            new={"members": [m.pk for m in new]},
        )
    return rows


def mark_attendance(
    *, actor: ActorLike, session: TrainingSession, attended: dict[int, bool]
) -> int:
    """Record who came (enrolment id -> bool). Returns the number of changed rows."""
    with transaction.atomic():
        session = (
            TrainingSession.objects.select_for_update(of=("self",))
            .select_related("trainer")
            .get(pk=session.pk)
        )
        require_session_write(actor, session)
        require_not_cancelled(session)
        require_held(session)
        rows = list(session.enrolments.select_for_update(of=("self",)).filter(pk__in=attended))
        if len(rows) != len(attended):
            msg = "some enrolments are not in this session"
            raise WrongLevel(msg, field="attended")
        changed = [r for r in rows if r.attended != attended[r.pk]]
        old = {r.pk: r.attended for r in changed}
        for r in changed:
            r.attended = attended[r.pk]
        Enrolment.objects.bulk_update(changed, ["attended"])
        if session.status == TrainingSession.Status.PLANNED and any(attended.values()):
            session.status = TrainingSession.Status.HELD
            session.save(update_fields=["status"])
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_SESSION_ATTENDANCE,
            target=session,
            old=old,
            new={r.pk: r.attended for r in changed},
        )
        # A certificate needs attendance: marking its holder absent afterwards revokes it.
        absent = [r.pk for r in changed if r.attended is False]
        for cert in Certificate.objects.select_for_update(of=("self",)).filter(
            enrolment_id__in=absent, revoked=False
        ):
            mark_revoked(actor, cert, reason="marked absent")
    return len(changed)
