"""Reading the territory a user may see. Every query goes through the user's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from saylau.web.accounts.models import Level
from saylau.web.accounts.scope import Scope

from .models import Address, District, Precinct

#: Lookups from each model to the three levels of a scope.
DISTRICT_PATHS = {"region": "region_id", "district": "id", "precinct": None}
PRECINCT_PATHS = {"region": "region_id", "district": "district_id", "precinct": "id"}
ADDRESS_PATHS = {
    "region": "district__region_id",
    "district": "district_id",
    "precinct": "precinct_id",
}


@dataclass(frozen=True)
class TerritoryCounts:
    districts: int
    precincts: int
    addresses: int
    precincts_without_accessibility: int
    addresses_without_precinct: int


def districts_for(scope: Scope) -> QuerySet[District]:
    """Districts inside the scope; a precinct user sees the district of their precinct."""
    qs = District.objects.select_related("region")
    if scope.level is Level.PRECINCT:
        return qs.filter(id=scope.district_id) if scope.district_id else qs.none()
    return scope.restrict(qs, **DISTRICT_PATHS)


def precincts_for(scope: Scope) -> QuerySet[Precinct]:
    return scope.restrict(Precinct.objects.select_related("district", "region"), **PRECINCT_PATHS)


def addresses_for(scope: Scope) -> QuerySet[Address]:
    return scope.restrict(Address.objects.all(), **ADDRESS_PATHS)


def precinct_list(scope: Scope, *, district_id: int | None = None) -> QuerySet[Precinct]:
    """Precincts in number order. Address counts come per page (:func:`address_counts`): an
    annotation here would make the paginator count through a GROUP BY over every address."""
    qs = precincts_for(scope)
    if district_id is not None:
        qs = qs.filter(district_id=district_id)
    return qs.order_by("number")


def address_counts(precinct_ids: list[int]) -> dict[int, int]:
    """How many registry addresses each of these precincts has (one query)."""
    rows = (
        Address.objects.filter(precinct_id__in=precinct_ids)
        .values("precinct_id")
        .annotate(n=Count("id"))
        .values_list("precinct_id", "n")
    )
    return {precinct_id: n for precinct_id, n in rows}


def district_list(scope: Scope) -> QuerySet[District]:
    return districts_for(scope).annotate(precinct_count=Count("precincts")).order_by("code")


def precinct_detail(scope: Scope, precinct_id: int) -> Precinct:
    """One precinct the scope covers; 404 otherwise, so that ids outside it cannot be probed."""
    precinct = precincts_for(scope).filter(id=precinct_id).first()
    if precinct is None:
        raise Http404("no such precinct in your territory")
    return precinct


def counts_for(scope: Scope) -> TerritoryCounts:
    """The numbers on the dashboard: three aggregate queries whatever the size of the territory."""
    no_access = Q()
    for name in Precinct.ACCESSIBILITY_FIELDS:
        no_access &= Q(**{name: False})
    no_access &= Q(accessibility_notes="")
    precincts = precincts_for(scope).aggregate(
        total=Count("id"), without_access=Count("id", filter=no_access)
    )
    addresses = addresses_for(scope).aggregate(
        total=Count("id"), unassigned=Count("id", filter=Q(precinct__isnull=True))
    )
    return TerritoryCounts(
        districts=districts_for(scope).count(),
        precincts=precincts["total"],
        addresses=addresses["total"],
        precincts_without_accessibility=precincts["without_access"],
        addresses_without_precinct=addresses["unassigned"],
    )
