"""Appointing, replacing and dismissing commission members (one audit event each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from saylau.law.errors import InvalidIIN
from saylau.law.iin import parse_iin
from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event

from ..access import require_commission_write
from ..errors import AlreadySeated, NotSitting, RoleTaken
from ..models import Commission, Member, MemberRole, Person


def member_snapshot(member: Member) -> dict[str, Any]:
    return {
        "commission": member.commission_id,
        "person": member.person_id,
        "role": member.role,
        "nominated_by": member.nominated_by,
        "nominator_name": member.nominator_name,
        "term_start": member.term_start,
        "term_end": member.term_end,
        "is_active": member.is_active,
        "ended_on": member.ended_on,
        "end_reason": member.end_reason,
    }


def _check_seat(*, commission: Commission, person: Person, role: str) -> None:
    """Every reason the seat cannot be taken, checked before the database would refuse it."""
    seated = (
        Member.objects.select_for_update(of=("self",))
        .filter(person=person, level=commission.level, is_active=True)
        .select_related("commission")
        .order_by("pk")
        .first()
    )
    if seated is not None:
        msg = f"{person} already sits on {seated.commission} (level {commission.level})"
        raise AlreadySeated(msg, field="person")
    if (
        role != MemberRole.MEMBER
        and Member.objects.filter(commission=commission, role=role, is_active=True).exists()
    ):
        msg = f"{commission} already has an active {role}"
        raise RoleTaken(msg, field="role")


def _save_new(member: Member) -> Member:
    member.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:  # a concurrent appointment won the race
        msg = f"{member.person} could not be seated: {exc}"
        raise AlreadySeated(msg, field="person") from exc
    return member


def appoint_member(
    *,
    actor: ActorLike,
    commission: Commission,
    person: Person,
    role: str,
    nominated_by: str,
    nominator_name: str = "",
    term_start: dt.date,
    term_end: dt.date | None = None,
) -> Member:
    """Seat ``person`` on ``commission``. One person, one active seat per level."""
    require_commission_write(actor, commission)
    with transaction.atomic():
        Person.objects.select_for_update(of=("self",)).filter(pk=person.pk).first()
        _check_seat(commission=commission, person=person, role=role)
        member = _save_new(
            Member(
                commission=commission,
                person=person,
                level=commission.level,
                role=role,
                nominated_by=nominated_by,
                nominator_name=nominator_name,
                term_start=term_start,
                term_end=term_end,
            )
        )
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_MEMBER_APPOINT,
            target=member,
            new=member_snapshot(member),
        )
    return member


def _end(member: Member, *, on: dt.date, reason: str) -> dict[str, Any]:
    if not member.is_active:
        msg = f"{member.person} left {member.commission} on {member.ended_on}"
        raise NotSitting(msg)
    old = member_snapshot(member)
    member.is_active = False
    member.ended_on = on
    member.end_reason = reason
    member.full_clean(validate_constraints=False)
    member.save(update_fields=["is_active", "ended_on", "end_reason"])
    return old


def _end_seat(
    actor: ActorLike, member: Member, *, on: dt.date, reason: str
) -> tuple[Member, dict[str, Any]]:
    """Lock ``member`` (inside the caller's transaction), check the actor writes for its
    commission, end the seat on ``on``; the member and the seat as it was."""
    locked = (
        Member.objects.select_for_update(of=("self",))
        .select_related("commission")
        .get(pk=member.pk)
    )
    require_commission_write(actor, locked.commission)
    return locked, _end(locked, on=on, reason=reason)


def dismiss_member(*, actor: ActorLike, member: Member, on: dt.date, reason: str) -> Member:
    """End a member's seat on ``on`` (the row stays for the history)."""
    with transaction.atomic():
        member, old = _end_seat(actor, member, on=on, reason=reason)
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_MEMBER_DISMISS,
            target=member,
            old=old,
            new=member_snapshot(member),
        )
    return member


def replace_member(
    *,
    actor: ActorLike,
    member: Member,
    person: Person,
    on: dt.date,
    reason: str,
    nominated_by: str | None = None,
    nominator_name: str | None = None,
) -> Member:
    """End ``member``'s seat and seat ``person`` in the same role from ``on``, in one event."""
    with transaction.atomic():
        member, old = _end_seat(actor, member, on=on, reason=reason)
        Person.objects.select_for_update(of=("self",)).filter(pk=person.pk).first()
        _check_seat(commission=member.commission, person=person, role=member.role)
        successor = _save_new(
            Member(
                commission=member.commission,
                person=person,
                level=member.level,
                role=member.role,
                nominated_by=nominated_by or member.nominated_by,
                nominator_name=member.nominator_name if nominator_name is None else nominator_name,
                term_start=on,
                term_end=member.term_end,
            )
        )
        member.replaced_by = successor
        member.save(update_fields=["replaced_by"])
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_MEMBER_REPLACE,
            target=member,
            old=old,
            new={
                "left": member_snapshot(member),
                "successor": successor.pk,
                "successor_seat": member_snapshot(successor),
            },
        )
    return successor


def create_person(
    *,
    actor: ActorLike,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    iin: str = "",
    phone: str = "",
    email: str = "",
) -> Person:
    """Add a person to the registry (the IIN, when given, must be valid and new)."""
    if iin:
        try:
            parse_iin(iin)
        except InvalidIIN as exc:
            raise ValidationError({"iin": str(exc)}) from exc
    with transaction.atomic():
        person = Person(
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            iin=iin,
            phone=phone,
            email=email,
        )
        person.full_clean()
        person.save()
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_PERSON_CREATE,
            target=person,
            new={"name": person.full_name, "iin_given": bool(iin)},
        )
    return person


def seat_existing_person(
    *,
    actor: ActorLike,
    commission: Commission,
    person: Person,
    role: str,
    nominated_by: str,
    nominator_name: str = "",
    term_start: dt.date,
    leave_current_seat: bool = False,
    reason: str = "",
) -> Member:
    """Seat a person already in the registry on ``commission`` (their training and certificates
    are the person's and follow them). With ``leave_current_seat``, their active seat of the
    same level ends the day before, in the same transaction: a move, not a second seat."""
    with transaction.atomic():
        if leave_current_seat:
            current = (
                Member.objects.select_for_update(of=("self",))
                .select_related("commission")
                .filter(person=person, level=commission.level, is_active=True)
                .first()
            )
            if current is not None and current.commission_id != commission.pk:
                if not reason.strip():
                    msg = "moving a member needs a reason for leaving the current seat"
                    raise ValidationError({"reason": msg})
                require_commission_write(actor, current.commission)
                dismiss_member(
                    actor=actor,
                    member=current,
                    on=max(current.term_start, term_start - dt.timedelta(days=1)),
                    reason=reason.strip(),
                )
        return appoint_member(
            actor=actor,
            commission=commission,
            person=person,
            role=role,
            nominated_by=nominated_by,
            nominator_name=nominator_name,
            term_start=term_start,
        )
