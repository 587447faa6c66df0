"""Scoped reading: every query made for a user starts here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from saylau.web.accounts.models import Role
from saylau.web.accounts.scope import scope_for
from saylau.web.elections.models import Election

from ..models import (
    Certificate,
    Commission,
    Enrolment,
    Member,
    Trainer,
    TrainingPlan,
    TrainingSession,
)


def _is_trainer(user: Any) -> bool:
    return getattr(user, "role", None) == Role.TRAINER


def commissions_for(user: Any) -> QuerySet[Commission]:
    """Commissions in the user's scope; a trainer sees only those whose members they train."""
    qs = scope_for(user).restrict(
        Commission.objects.select_related("region", "district", "precinct"),
        region="region",
        district="district",
        precinct="precinct",
    )
    if _is_trainer(user):
        trained = Member.objects.filter(enrolments__session__trainer__user=user)
        qs = qs.filter(pk__in=trained.values("commission_id"))
    return qs


def members_for(user: Any, *, active_only: bool = True) -> QuerySet[Member]:
    qs = Member.objects.select_related("person", "commission")
    if active_only:
        qs = qs.filter(is_active=True)
    qs = scope_for(user).restrict(
        qs,
        region="commission__region",
        district="commission__district",
        precinct="commission__precinct",
    )
    if _is_trainer(user):
        # Personal data on a need-to-know basis: a trainer sees the people they train.
        trainees = Enrolment.objects.filter(session__trainer__user=user).values("member_id")
        qs = qs.filter(pk__in=trainees)
    return qs


def trainers_for(user: Any) -> QuerySet[Trainer]:
    """CEC: every trainer; a trainer: themselves; others: their region's and the CEC's trainers."""
    qs = Trainer.objects.select_related("person", "region", "trained_by__person")
    scope = scope_for(user)
    if scope.is_country:
        return qs
    if _is_trainer(user):
        return qs.filter(user=user)
    if scope.region_id is None:
        return qs.none()
    return qs.filter(Q(region_id=scope.region_id) | Q(region__isnull=True))


def plans_for(user: Any, *, election: Election | None = None) -> QuerySet[TrainingPlan]:
    qs = TrainingPlan.objects.select_related("election", "region")
    if election is not None:
        qs = qs.filter(election=election)
    scope = scope_for(user)
    if scope.is_country:
        return qs
    if scope.region_id is None:
        return qs.none()
    return qs.filter(region_id=scope.region_id)


def sessions_for(user: Any) -> QuerySet[TrainingSession]:
    """A trainer sees only the sessions they run; officials the sessions in their territory."""
    qs = TrainingSession.objects.select_related(
        "plan__election", "region", "district", "trainer__person"
    )
    qs = scope_for(user).restrict(qs, region="region", district="district", precinct=None)
    if _is_trainer(user):
        qs = qs.filter(trainer__user=user)
    return qs


def get_or_404(qs: QuerySet[Any], pk: int) -> Any:
    """An object out of a scoped queryset; one outside the scope is simply not found."""
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404("not found")
    return obj


def enrolments_of(session: TrainingSession) -> QuerySet[Enrolment]:
    return session.enrolments.select_related(
        "member__person", "member__commission__precinct", "certificate"
    ).prefetch_related("attempts")


def certificate_by_code(code: str) -> Certificate | None:
    """The public verification: no login, by the unguessable code printed in the QR."""
    return (
        Certificate.objects.select_related(
            "member__person", "enrolment__session__trainer__person", "member__commission"
        )
        .filter(verification_code=code)
        .first()
    )
