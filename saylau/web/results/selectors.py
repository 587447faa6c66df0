"""Read-side queries of the results app; every one goes through the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from saylau.web.accounts.models import Level
from saylau.web.accounts.scope import scope_for
from saylau.web.elections.models import Election, PartyList
from saylau.web.elections.places import precincts_of
from saylau.web.territory.models import Precinct

from .models import Distribution, Protocol


def protocols_for(user: Any) -> QuerySet[Protocol]:
    scope = scope_for(user)
    return scope.restrict(
        Protocol.objects.select_related("precinct", "precinct__district", "election"),
        region="precinct__region",
        district="precinct__district",
        precinct="precinct",
    )


def protocol_for(user: Any, pk: int) -> Protocol:
    """One protocol version the user may see (404 otherwise, so ids cannot be probed)."""
    return get_object_or_404(protocols_for(user), pk=pk)


def election_for(user: Any, pk: int) -> Election:
    """The election if the user may see it (404 otherwise): the rule of
    :func:`saylau.web.elections.selectors.elections_for`, applied to one row."""
    election = Election.objects.filter(pk=pk).first()
    scope = scope_for(user)
    if election is None or scope.level is Level.NONE:
        raise Http404("no such election in your area")
    if scope.is_country or election.region_id is None:
        return election
    same_region = election.region_id == scope.region_id
    same_district = election.district_id is None or scope.district_id is None
    if same_region and (same_district or election.district_id == scope.district_id):
        return election
    raise Http404("no such election in your area")


def precincts_for(user: Any, election: Election) -> QuerySet[Precinct]:
    scope = scope_for(user)
    return scope.restrict(
        precincts_of(election).select_related("district"),
        region="region",
        district="district",
        precinct="pk",
    )


def precinct_for(user: Any, election: Election, pk: int) -> Precinct:
    return get_object_or_404(precincts_for(user, election), pk=pk)


def party_lists(election: Election) -> list[PartyList]:
    return list(
        election.party_lists.select_related("party").order_by("ballot_position", "registered_at")
    )


#: Results the public may see: the official ones (signed off and published), or the preliminary
#: ones a commission published before its sign-off.
OFFICIAL = Q(published_at__isnull=False, signed_off_at__isnull=False)
PUBLIC = OFFICIAL | Q(preliminary_published_at__isnull=False)


def is_official(distribution: Distribution) -> bool:
    """Whether ``distribution`` is published as the official result (else: preliminary)."""
    return distribution.published_at is not None and distribution.signed_off_at is not None


def published(election_pk: int) -> tuple[Election, Distribution]:
    """A published election and its distribution, official or preliminary (404 before either
    publication; :func:`is_official` tells which)."""
    distribution = (
        Distribution.objects.select_related("election").filter(PUBLIC, election_id=election_pk)
    ).first()
    if distribution is None:
        raise Http404("not published")
    return distribution.election, distribution


def published_elections() -> QuerySet[Election]:
    """Elections with results published, official or preliminary."""
    return (
        Election.objects.filter(
            pk__in=Distribution.objects.filter(PUBLIC).values("election_id")
        )
        .select_related("distribution")
        .order_by("-day")
    )


def language() -> str:
    """The reader's language (``kk``, ``ru`` or ``en``; Kazakh when none other is active)."""
    from saylau.web.core.names import current_language

    return current_language()
