"""Where an election is held: the one home of "the precincts (districts) of an election"."""

from __future__ import annotations

from django.db.models import QuerySet

from saylau.web.territory.models import District, Precinct

from .models import Election


def precincts_of(election: Election) -> QuerySet[Precinct]:
    """The precincts that vote in ``election``: those of its district, of its region, or of
    the whole country (a national election has neither)."""
    qs = Precinct.objects.all()
    if election.district_id is not None:
        return qs.filter(district_id=election.district_id)
    if election.region_id is not None:
        return qs.filter(region_id=election.region_id)
    return qs


def districts_of(election: Election) -> QuerySet[District]:
    """The districts (territorial units) inside the territory of ``election``."""
    qs = District.objects.all()
    if election.district_id is not None:
        return qs.filter(pk=election.district_id)
    if election.region_id is not None:
        return qs.filter(region_id=election.region_id)
    return qs
