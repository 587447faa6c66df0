"""Thin views of the list audit: runs, findings and their resolution, the analysis page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from saylau.web.core import clock
from saylau.web.elections.models import Election

from . import selectors
from .analysis import analyse
from .charts import Bar, hbars, pyramid
from .forms import AnalysisForm, FindingFilterForm, ResolveForm, RunForm
from .models import AuditRun
from .pdf import analysis_pdf
from .records import finding_view
from .services import runs
from .services.resolve import can_resolve, resolve_finding

PAGE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    runs.reap_stale_runs()
    user = request.user
    regions = selectors.regions_for(user)
    runnable = regions.filter(pk__in=[r.pk for r in regions if runs.can_run(user, r)])
    form = RunForm(regions=runnable)
    if request.method == "POST":
        if not runnable.exists():
            raise PermissionDenied("not allowed to start an audit")
        form = RunForm(request.POST, request.FILES, regions=runnable)
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = runs.start_run(
                    user=user,
                    region=data["region"],
                    election=data["election"],
                    election_date=data["election_date"],
                    upload=data["archive"] or None,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("listaudit:run", run_id=run.pk)
    return render(
        request,
        "listaudit/index.html",
        {
            "regions": regions,
            "runs": selectors.runs_for(user)[:30],
            "form": form if runnable.exists() else None,
        },
    )


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    runs.reap_stale_runs()
    run = selectors.run_for(request.user, run_id)
    context = {
        "run": run,
        "counts": selectors.counts_by_check(request.user, run) if run.status == "done" else [],
        "personal": selectors.can_see_findings(request.user),
    }
    if request.headers.get("HX-Request"):
        return render(request, "listaudit/_run_progress.html", context)
    return render(request, "listaudit/run_detail.html", context)


@login_required
def finding_list(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_for(request.user, run_id)
    qs = selectors.findings_for(request.user, run)
    form = FindingFilterForm(
        request.GET or None, districts=selectors.districts_in(request.user, run.region)
    )
    if form.is_valid():
        data = form.cleaned_data
        qs = selectors.FindingFilter(
            check=data["check"],
            severity=data["severity"],
            district=data["district"].pk if data["district"] else None,
            precinct=data["precinct"],
            status=data["status"],
        ).apply(qs)
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "listaudit/finding_list.html",
        {"run": run, "form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def finding_detail(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding = selectors.finding_detail(request.user, finding_id)
    allowed = can_resolve(request.user, finding)
    form = ResolveForm()
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied("not allowed to resolve this finding")
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                resolve_finding(
                    user=request.user,
                    finding_id=finding.pk,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)  # whatever field it names, shown whole
            else:
                return redirect("listaudit:finding", finding_id=finding.pk)
    return render(
        request,
        "listaudit/finding_detail.html",
        {"finding": finding, "form": form if allowed else None, "view": finding_view(finding)},
    )


def _analysis_day(request: HttpRequest, region: Any) -> date:
    form = AnalysisForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["day"]:
        return form.cleaned_data["day"]  # type: ignore[no-any-return]
    today = clock.today()
    elections = Election.objects.filter(
        Q(region=region) | Q(region__isnull=True, district__isnull=True)
    )
    upcoming = elections.filter(day__gte=today).order_by("day").values("day").first()
    latest = elections.order_by("-day").values("day").first()
    chosen = upcoming or latest
    return chosen["day"] if chosen else today


def _charts(a: Any) -> dict[str, Any]:
    districts = [Bar(str(r["district"].name), r["voters"]) for r in a.districts]
    return {
        "districts": hbars(
            "chart-districts",
            _("Voters by district"),
            districts,
            description=_("Bar chart; the table below gives the same figures."),
        ),
        "sizes": hbars(
            "chart-sizes",
            _("Precincts by number of voters"),
            [Bar(f"{b['low']}–{b['high']}", b["precincts"], b["over"]) for b in a.size_bins],
            description=_("Number of precincts in each size band; bands above the maximum in red."),
        ),
        "pyramid": pyramid(
            "chart-pyramid",
            _("Age pyramid (age on election day)"),
            [(r["band"], r["M"], r["F"]) for r in a.pyramid],
            left=_("Men"),
            right=_("Women"),
            description=_(
                "Men to the left, women to the right; the table below gives the figures."
            ),
        ),
        "first": hbars(
            "chart-first",
            _("First-time voters by district"),
            [Bar(str(r["district"].name), r["first"]) for r in a.districts],
            description=_("Bar chart; the table below gives the same figures."),
        ),
        "findings": hbars(
            "chart-findings",
            _("Findings by kind"),
            [Bar(r["check_code"], r["n"], r["severity"] == "error") for r in a.findings_by_check],
            description=_("Errors in red, warnings in blue; the table below gives the figures."),
        ),
    }


@login_required
def analysis(request: HttpRequest, region_id: int) -> HttpResponse:
    region = selectors.region_for(request.user, region_id)
    a = analyse(region, day=_analysis_day(request, region))
    return render(
        request,
        "listaudit/analysis.html",
        {
            "a": a,
            "charts": _charts(a),
            "form": AnalysisForm(initial={"day": a.day}),
            "largest": sorted(a.precincts, key=lambda p: -p["voters"])[:15],
        },
    )


@login_required
def analysis_report(request: HttpRequest, region_id: int) -> HttpResponse:
    region = selectors.region_for(request.user, region_id)
    a = analyse(region, day=_analysis_day(request, region))
    response = HttpResponse(analysis_pdf(a), content_type="application/pdf")
    name = slugify(region.code) or "region"
    response["Content-Disposition"] = f'inline; filename="voter-analysis-{name}-{a.day}.pdf"'
    return response


__all__ = [
    "AuditRun",
    "analysis",
    "analysis_report",
    "finding_detail",
    "finding_list",
    "index",
    "run_detail",
]
