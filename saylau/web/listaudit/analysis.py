"""The analysis of a region's voter data, aggregated in SQL (GROUP BY), never row by row.

What the CEC IT centre presents for a region: voters by district and precinct, precinct sizes
against the maximum, the age pyramid by sex in 5-year bands (ages on election day), first-time
voters, the changes the latest registry extract brought, and the audit's findings by kind and
district. One GROUP BY over the register gives the voter figures (precinct x sex x age band x
first-time), from which every voter table and chart is summed in Python.

A voter here is an active registry person of the region who is eligible on election day
(citizen, 18 or older, alive, neither incapable nor imprisoned: Constitution Art. 33, election
law Art. 4), counted at the precinct of their registered address. A *first-time voter* turned
18 after the previous election day: the latest earlier election of the region stored here, or,
without one, :data:`FIRST_TIME_YEARS` years before (the five-year term of a maslikhat; a
parameter, UNCONFIRMED as any official definition).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, Count, IntegerField, Q, Value, When

from saylau.lists.rules import PRECINCT_MAX_VOTERS
from saylau.web.elections.models import Election
from saylau.web.register.models import Person, PersonChange, RegisterImport, RegistryEvent
from saylau.web.territory.models import District, Precinct, Region

from .models import AuditRun, Finding

FIRST_TIME_YEARS = 5
#: How long the voter figures stay cached (they are also keyed by the register's version).
CACHE_SECONDS = 6 * 3600
#: Lower ages of the pyramid's bands; the last band is open ("85+").
BAND_STARTS: tuple[int, ...] = (18, 20, *range(25, 90, 5))


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February -> 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def band_label(i: int) -> str:
    start = BAND_STARTS[i]
    if i + 1 < len(BAND_STARTS):
        return f"{start}–{BAND_STARTS[i + 1] - 1}"
    return f"{start}+"


def eligible_q(day: date) -> Q:
    return (
        Q(active=True, citizenship="KZ", incapable=False, imprisoned=False)
        & Q(birth_date__lte=years_before(day, 18))
        & (Q(death_date__isnull=True) | Q(death_date__gte=day))
    )


def _band_case(day: date) -> Case:
    """Band index from the birth date: born after (day - next band's start) -> this band."""
    whens = [
        When(birth_date__gt=years_before(day, BAND_STARTS[i + 1]), then=Value(i))
        for i in range(len(BAND_STARTS) - 1)
    ]
    return Case(*whens, default=Value(len(BAND_STARTS) - 1), output_field=IntegerField())


def previous_election_day(region: Region, day: date) -> date:
    earlier = (
        Election.objects.filter(region=region, day__lt=day).order_by("-day").values("day").first()
    )
    return earlier["day"] if earlier else years_before(day, FIRST_TIME_YEARS)


@dataclass
class Analysis:
    region: Region
    day: date
    since: date  # first-time voters turned 18 after this day
    max_voters: int
    districts: list[dict[str, Any]] = field(default_factory=list)
    precincts: list[dict[str, Any]] = field(default_factory=list)
    pyramid: list[dict[str, Any]] = field(default_factory=list)  # band, M, F
    voters: int = 0
    first_time: int = 0
    unplaced: int = 0  # voters whose address no precinct covers
    size_bins: list[dict[str, Any]] = field(default_factory=list)
    over_max: list[dict[str, Any]] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)
    run: AuditRun | None = None
    findings_by_check: list[dict[str, Any]] = field(default_factory=list)
    findings_by_district: list[dict[str, Any]] = field(default_factory=list)


def voter_rows(region: Region, day: date, since: date) -> list[dict[str, Any]]:
    """One GROUP BY: voters per (precinct, district, sex, band, first-time)."""
    first = Case(
        When(birth_date__gt=years_before(since, 18), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Person.private_objects.filter(eligible_q(day), region=region)
        .annotate(band=_band_case(day), first=first)
        .values("address__precinct_id", "address__district_id", "sex", "band", "first")
        .annotate(n=Count("id"))
        .order_by()
    )


def register_version(region: Region) -> str:
    """What the voter figures depend on: the region's latest import, the latest registry
    event and the latest person (three index lookups). Any change of the register moves it."""
    last_import = (
        RegisterImport.objects.filter(region=region).order_by("-id").values_list("id", flat=True)
    )
    last_event = RegistryEvent.objects.order_by("-id").values_list("id", flat=True)
    last_person = Person.private_objects.order_by("-id").values_list("id", flat=True)
    parts = [str(q.first() or 0) for q in (last_import, last_event, last_person)]
    return "-".join(parts)


def cached_voter_rows(region: Region, day: date, since: date) -> list[dict[str, Any]]:
    """:func:`voter_rows`, kept in the cache while the register stays as it is (the figures of
    a 700,000-voter region take one GROUP BY over the whole register)."""
    key = f"listaudit:voters:{region.pk}:{day}:{since}:{register_version(region)}"
    rows = cache.get(key)
    if rows is None:
        rows = voter_rows(region, day, since)
        cache.set(key, rows, CACHE_SECONDS)
    return rows  # type: ignore[no-any-return]


def _voters(a: Analysis) -> None:
    rows = cached_voter_rows(a.region, a.day, a.since)
    districts = {d.pk: d for d in District.objects.filter(region=a.region)}
    precincts = {
        p.pk: p for p in Precinct.objects.filter(region=a.region).select_related("district")
    }
    by_district: dict[int | None, dict[str, int]] = defaultdict(lambda: {"voters": 0, "first": 0})
    by_precinct: dict[int, int] = defaultdict(int)
    pyramid = [{"band": band_label(i), "M": 0, "F": 0} for i in range(len(BAND_STARTS))]
    for r in rows:
        n = r["n"]
        a.voters += n
        a.first_time += n if r["first"] else 0
        d = by_district[r["address__district_id"]]
        d["voters"] += n
        d["first"] += n if r["first"] else 0
        if r["address__precinct_id"] is None:
            a.unplaced += n
        else:
            by_precinct[r["address__precinct_id"]] += n
        if r["sex"] in ("M", "F"):
            pyramid[r["band"]][r["sex"]] += n
    a.pyramid = pyramid
    a.districts = [
        {
            "district": d,
            "voters": by_district[pk]["voters"],
            "first": by_district[pk]["first"],
            "precincts": sum(1 for p in precincts.values() if p.district_id == pk),
        }
        for pk, d in sorted(districts.items(), key=lambda kv: kv[1].code)
    ]
    a.precincts = [
        {
            "precinct": p,
            "voters": by_precinct.get(pk, 0),
            "over": by_precinct.get(pk, 0) > a.max_voters,
        }
        for pk, p in sorted(precincts.items(), key=lambda kv: kv[1].number)
    ]
    a.over_max = [p for p in a.precincts if p["over"]]
    step = 250
    top = max([p["voters"] for p in a.precincts] + [a.max_voters])
    a.size_bins = [
        {
            "low": low,
            "high": low + step - 1,
            "precincts": sum(1 for p in a.precincts if low <= p["voters"] < low + step),
            "over": low >= a.max_voters,
        }
        for low in range(0, top + 1, step)
    ]


def _changes(a: Analysis) -> None:
    imports = list(
        RegisterImport.objects.filter(region=a.region, status=RegisterImport.Status.DONE).order_by(
            "-id"
        )[:2]
    )
    if not imports:
        return
    latest = imports[0]
    fields = (
        PersonChange.objects.filter(register_import=latest)
        .values("field")
        .annotate(n=Count("id"))
        .order_by("-n", "field")
    )
    a.changes = {
        "latest": latest,
        "previous": imports[1] if len(imports) > 1 else None,
        "fields": [f | {"label": field_label(f["field"])} for f in fields],
    }


def field_label(name: str) -> str:
    """A field of the register's person (as the history of changes names it) by its label in
    the reader's language: "last name", "address"; the name itself if the person has none."""
    try:
        field = Person._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    related = getattr(field, "related_model", None)
    if related is not None:
        return str(related._meta.verbose_name)
    return str(getattr(field, "verbose_name", name))


def _findings(a: Analysis) -> None:
    run = (
        AuditRun.objects.filter(region=a.region, status=AuditRun.Status.DONE)
        .order_by("-id")
        .first()
    )
    if run is None:
        return
    a.run = run
    from saylau.lists.audit import CHECKS

    order = {c: i for i, c in enumerate(CHECKS)}
    by_check = (
        Finding.objects.filter(run=run)
        .values("check_code", "severity")
        .annotate(n=Count("id"), open=Count("id", filter=Q(status__in=["open", "reopened"])))
    )
    a.findings_by_check = sorted(by_check, key=lambda r: order.get(r["check_code"], 99))
    names = {d.pk: d for d in District.objects.filter(region=a.region)}
    by_district = (
        Finding.objects.filter(run=run).values("district_id").annotate(n=Count("id")).order_by()
    )
    a.findings_by_district = sorted(
        ({"district": names.get(r["district_id"]), "n": r["n"]} for r in by_district),
        key=lambda r: (r["district"] is None, r["district"].code if r["district"] else ""),
    )


def analyse(region: Region, *, day: date, max_voters: int = PRECINCT_MAX_VOTERS) -> Analysis:
    """Every figure of the analysis page and report for ``region`` on election ``day``."""
    a = Analysis(
        region=region, day=day, since=previous_election_day(region, day), max_voters=max_voters
    )
    _voters(a)
    _changes(a)
    _findings(a)
    return a
