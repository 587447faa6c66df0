"""Coverage, trainer statistics and budget: pages, XLSX and PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from saylau.web.core import clock

from ..exports import coverage_xlsx, trainers_xlsx
from ..models import Member
from ..pdf import budget_pdf
from ..selectors import (
    TrainingStatus,
    budget_report,
    coverage_by_district,
    coverage_by_precinct,
    coverage_export_data,
    coverage_total,
    deadline_for,
    trainer_stats,
    training_status,
    untrained_members,
)
from ..selectors.training import LABELS
from .common import pick_election

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNTRAINED_ON_PAGE = 100


def _district_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("district", "")
    return int(raw) if raw.isdigit() else None


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    election, elections = pick_election(request)
    context: dict[str, object] = {"election": election, "elections": elections}
    if election is not None:
        district_id = _district_id(request)
        rows = coverage_by_district(request.user, election)
        untrained = untrained_members(request.user, election)
        if district_id is not None:
            untrained = untrained.filter(commission__district_id=district_id)
        context.update(
            rows=rows,
            total=coverage_total(rows),
            district_id=district_id,
            precincts=coverage_by_precinct(request.user, election, district_id=district_id)
            if district_id is not None
            else None,
            untrained=_with_status(list(untrained[:UNTRAINED_ON_PAGE])),
            deadline=deadline_for(election, clock.today()),
            trainers=trainer_stats(request.user, election),
        )
    return render(request, "commissions/coverage.html", context)


def _with_status(members: list[Member]) -> list[Member]:
    """Where each untrained member stands: enrolled in a session to come, left by a
    cancelled one, failed, or holding a certificate that lapses before election day."""
    status = training_status(members, clock.today())
    for m in members:
        found = status[m.pk]
        if found.code == "trained":  # valid today, not on election day
            found = TrainingStatus("expiring", str(LABELS["expiring"]), None, found.certificate)
        m.training = found  # type: ignore[attr-defined]
    return members


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def coverage_export(request: HttpRequest) -> HttpResponse:
    election, _elections = pick_election(request)
    if election is None:
        raise Http404("no election")
    grid = coverage_export_data(request.user, election)
    data = coverage_xlsx(grid.districts, grid.precincts, grid.untrained)
    return _download(data, f"coverage-{election.pk}.xlsx", XLSX)


@login_required
def trainers_export(request: HttpRequest) -> HttpResponse:
    election, _elections = pick_election(request)
    if election is None:
        raise Http404("no election")
    return _download(
        trainers_xlsx(trainer_stats(request.user, election)), f"trainers-{election.pk}.xlsx", XLSX
    )


@login_required
def budget(request: HttpRequest) -> HttpResponse:
    election, elections = pick_election(request)
    report = budget_report(request.user, election) if election is not None else None
    return render(
        request,
        "commissions/budget.html",
        {"election": election, "elections": elections, "report": report},
    )


@login_required
def budget_print(request: HttpRequest) -> HttpResponse:
    election, _elections = pick_election(request)
    if election is None:
        raise Http404("no election")
    title = _("Training budget") + f": {election}"
    data = budget_pdf(budget_report(request.user, election), title=title)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="budget-{election.pk}.pdf"'
    return response
