"""The national coverage export in two queries.

:func:`.coverage.coverage_grid` counts members, trained and failed with three grouped queries,
and the list of untrained members is a fourth, which repeats the anti-join on certificates.
The export needs that list anyway, and it carries everything the counts need: trained = all -
untrained, and the failed are the untrained with a failed final test. So one grouped count of
all sitting members and one query for the untrained give the same three sheets (measured in
docs/benchmarks.md, commissions section).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Count, Exists, QuerySet

from saylau.web.elections.models import Election

from ..models import Level, MemberRole
from .coverage import CoverageRow, failed_finals, sitting_members, valid_certificates

#: The columns of the "without training" sheet, after the two territory ids.
UNTRAINED_FIELDS = (
    "commission__district__name_ru",
    "commission__precinct__number",
    "level",
    "person__last_name",
    "person__first_name",
    "person__patronymic",
    "role",
    "person__phone",
)


def _raw_rows(qs: QuerySet[Any], size: int = 5000) -> Iterator[tuple[Any, ...]]:
    """The rows of an ORM-built ``values_list`` straight from the database cursor, without
    Django's per-row converters: for plain text, integer and boolean columns they change
    nothing a caller here relies on (SQLite gives 0/1 for the boolean, used only as a truth
    value), and at 28,000 rows they were a fifth of the export's Python time."""
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield from batch


@dataclass(frozen=True)
class CoverageExport:
    districts: list[CoverageRow]
    precincts: list[CoverageRow]
    #: One tuple per untrained sitting member: the ``UNTRAINED_FIELDS`` with the level and role
    #: as translated labels, then whether they failed the final test.
    untrained: list[tuple[Any, ...]]


def coverage_export_data(user: Any, election: Election) -> CoverageExport:
    """Districts, precincts and the untrained members, equal to :func:`coverage_grid` and
    :func:`untrained_members` (a test holds them equal) in two queries."""
    sitting = sitting_members(user, election)
    totals = list(
        sitting.order_by()
        .values(
            "commission__district",
            "commission__district__name_ru",
            "commission__precinct",
            "commission__precinct__number",
        )
        .annotate(n=Count("pk"))
    )
    untrained_rows = (
        sitting.filter(~Exists(valid_certificates(election)))
        .annotate(has_failed=Exists(failed_finals()))
        .order_by("commission__district__code", "commission__precinct__number", "person__last_name")
        .values_list(
            "commission__district", "commission__precinct", *UNTRAINED_FIELDS, "has_failed"
        )
    )
    levels = {value: str(label) for value, label in Level.choices}
    roles = {value: str(label) for value, label in MemberRole.choices}
    untrained: Counter[tuple[Any, Any]] = Counter()
    failed: Counter[tuple[Any, Any]] = Counter()
    rows: list[tuple[Any, ...]] = []
    for r in _raw_rows(untrained_rows):
        key = (r[0], r[1])
        untrained[key] += 1
        has_failed = bool(r[10])
        if has_failed:
            failed[key] += 1
        rows.append(
            (
                r[2],
                r[3],
                levels.get(r[4], r[4]),
                r[5],
                r[6],
                r[7],
                roles.get(r[8], r[8]),
                r[9],
                has_failed,
            )
        )
    districts: dict[Any, list[Any]] = {}
    precincts: list[CoverageRow] = []
    for t in totals:
        key = (t["commission__district"], t["commission__precinct"])
        n, u, f = t["n"], untrained[key], failed[key]
        d = districts.setdefault(key[0], [t["commission__district__name_ru"] or "—", 0, 0, 0])
        d[1] += n
        d[2] += n - u
        d[3] += f
        if key[1] is not None:
            precincts.append(
                CoverageRow(key[1], str(t["commission__precinct__number"]), n, n - u, f)
            )
    precincts.sort(key=lambda row: int(row.label))
    district_rows = sorted(
        (CoverageRow(k, v[0], v[1], v[2], v[3]) for k, v in districts.items()),
        key=lambda row: row.label,
    )
    return CoverageExport(district_rows, precincts, rows)
