"""Read-side queries of the elections app, scoped to the user."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from saylau.web.accounts.scope import scope_for

from .models import Election, PartyList


def elections_for(user: Any) -> QuerySet[Election]:
    """Elections a user may see: the whole country for CEC, elections of the user's region
    (or national ones) otherwise; a district-level user sees district maslikhats of the own
    district only."""
    scope = scope_for(user)
    qs = Election.objects.select_related("region", "district")
    if scope.is_country:
        return qs
    if scope.region_id is None:
        return qs.none()
    qs = qs.filter(Q(region__isnull=True) | Q(region_id=scope.region_id))
    if scope.district_id is not None:
        qs = qs.filter(Q(district__isnull=True) | Q(district_id=scope.district_id))
    return qs


def can_manage(user: Any, election: Election | None = None) -> bool:
    """CEC and regional users set up elections (regional: of their own region)."""
    scope = scope_for(user)
    if scope.read_only or scope.level not in ("country", "region"):
        return False
    if election is None or scope.is_country:
        return True
    return election.region_id == scope.region_id


def lists_of(election: Election) -> list[PartyList]:
    """The party lists in registration order, with party and candidates loaded."""
    return list(
        election.party_lists.select_related("party")
        .prefetch_related("candidates")
        .order_by("registered_at")
    )
