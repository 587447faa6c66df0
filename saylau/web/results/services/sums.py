"""Sums of the protocols in force, by the database: per district, in total, within a scope.

The same numbers as :func:`saylau.law.tally.tally` over :func:`current_rows` (a test holds
them equal), without moving every protocol into Python.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from saylau.law.protocol import Race
from saylau.law.tally import SUMMED, Tally, Totals
from saylau.web.accounts.scope import Scope
from saylau.web.elections.models import Election
from saylau.web.elections.places import precincts_of

from ..models import Protocol


def current_rows(election: Election, scope: Scope | None = None) -> list[tuple[str, str, Any]]:
    """``(district id, precinct number, protocol JSON)`` for every protocol in force."""
    qs = Protocol.objects.filter(election=election, is_current=True, race=Race.PARTY_LIST)
    if scope is not None:
        qs = scope.restrict(
            qs, region="precinct__region", district="precinct__district", precinct="precinct"
        )
    return [
        (str(d), str(n), data)
        for d, n, data in qs.values_list("precinct__district_id", "precinct__number", "data")
    ]


def expected_by_district(election: Election, scope: Scope | None = None) -> dict[str, int]:
    qs = precincts_of(election)
    if scope is not None:
        qs = scope.restrict(qs, region="region", district="district", precinct="pk")
    return {
        str(row["district_id"]): row["n"]
        for row in qs.values("district_id").annotate(n=Count("id")).order_by()
    }


def sum_expressions(codes: list[str]) -> dict[str, Any]:
    """The database aggregates of every summed line (``l0``...) and list (``v0``...)."""
    exprs: dict[str, Any] = {"n": Count("id")}
    for i, key in enumerate(SUMMED):
        exprs[f"l{i}"] = Coalesce(Sum(Cast(KT(f"data__{key}"), IntegerField())), 0)
    for i, code in enumerate(codes):
        exprs[f"v{i}"] = Coalesce(Sum(Cast(KT(f"votes_by_code__{code}"), IntegerField())), 0)
    return exprs


def totals_of(row: dict[str, Any], codes: list[str]) -> Totals:
    """The :class:`Totals` of one row of :func:`sum_expressions`."""
    totals = Totals(protocols=row["n"])
    totals.lines = {key: row[f"l{i}"] for i, key in enumerate(SUMMED)}
    totals.votes = {code: row[f"v{i}"] for i, code in enumerate(codes)}
    return totals


def db_tally(election: Election, scope: Scope | None = None) -> tuple[Tally, list[str]]:
    """The totals per district summed by the database, the total as the sum of the districts,
    and the check of that total against the database's own sum over every precinct.

    The same numbers as :func:`saylau.law.tally.tally` over :func:`current_rows`
    (a test holds them equal), without moving every protocol into Python."""
    codes = list(election.party_lists.values_list("party__code", flat=True))
    qs = Protocol.objects.filter(election=election, is_current=True, race=Race.PARTY_LIST)
    if scope is not None:
        qs = scope.restrict(
            qs, region="precinct__region", district="precinct__district", precinct="precinct"
        )
    exprs = sum_expressions(codes)
    districts = {
        str(row["precinct__district_id"]): totals_of(row, codes)
        for row in qs.values("precinct__district_id").annotate(**exprs).order_by()
    }
    total = Totals(votes=dict.fromkeys(codes, 0))
    for totals in districts.values():
        total.merge(totals)
    direct = totals_of(qs.aggregate(**exprs), codes)
    problems = []
    if (
        direct.protocols != total.protocols
        or direct.lines != total.lines
        or direct.votes != total.votes
    ):
        problems.append("the total differs from the sum of all precincts")
    return Tally(total=total, districts=districts, precincts={}, precinct_district={}), problems


def live_tally(election: Election, scope: Scope | None = None) -> tuple[Tally, dict[str, int]]:
    """Running totals of the protocols in force within ``scope``, and how many are expected."""
    return db_tally(election, scope)[0], expected_by_district(election, scope)
