"""Read-side queries of the elections app, scoped to the user."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from saylau.web.accounts.models import Level
from saylau.web.accounts.policy import Action, allows
from saylau.web.accounts.scope import Scope, scope_for

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


def sees_election(scope: Scope, *, region_id: int | None, district_id: int | None) -> bool:
    """The rule of :func:`elections_for` on one election's place, for the fast paths that
    read an election with their own SQL (``results.services.submission.submission_target``);
    ``test_submission_target_agrees_with_the_selectors_for_every_role`` holds them equal."""
    if scope.level is Level.NONE:
        return False
    if scope.is_country or region_id is None:
        return True
    same_region = region_id == scope.region_id
    same_district = district_id is None or scope.district_id is None
    return same_region and (same_district or district_id == scope.district_id)


def can_create(user: Any) -> bool:
    """Whether ``user`` sets up elections somewhere (CEC; a regional commission in its region)."""
    return allows(user, Action.ELECTION_CREATE)


def can_manage(user: Any, election: Election | None = None) -> bool:
    """Whether ``user`` registers the lists and candidates of ``election`` (the commission that
    organises it: the policy's :attr:`Action.PARTY_LIST_REGISTER` at the election's place);
    without an election, whether they set up elections at all."""
    if election is None:
        return can_create(user)
    return allows(user, Action.PARTY_LIST_REGISTER, election)


def lists_of(election: Election) -> list[PartyList]:
    """The party lists in registration order, with party and candidates loaded."""
    return list(
        election.party_lists.select_related("party")
        .prefetch_related("candidates")
        .order_by("registered_at")
    )
