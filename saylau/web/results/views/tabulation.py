"""Tabulation pages: the live count of a commission, mandates, sign-off and publication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from saylau.law.protocol import Race
from saylau.law.tally import Tally, Totals, percent_text
from saylau.web.accounts.policy import Action, allows
from saylau.web.accounts.scope import scope_for
from saylau.web.core.refusals import refusal_text
from saylau.web.elections.models import SingleMemberCandidate
from saylau.web.elections.phases import phase_context, phase_of_election
from saylau.web.elections.selectors import elections_for
from saylau.web.elections.windows import OutsideWindow
from saylau.web.territory.models import District

from .. import selectors, services
from ..errors import ResultsError
from ..forms import QRForm
from ..four_eyes import official_role, pending_requests
from ..models import Distribution, Protocol
from ..services.single_member import count_districts, districts_of, precinct_districts


@login_required
def index(request: HttpRequest) -> HttpResponse:
    elections = list(elections_for(request.user))
    return render(request, "results/index.html", {"elections": elections})


def _context(request: HttpRequest, election_pk: int) -> dict[str, Any]:
    election = selectors.election_for(request.user, election_pk)
    scope = scope_for(request.user)
    tally, problems = services.db_tally(election, scope)
    expected = services.expected_by_district(election, scope)
    district_rows = District.objects.filter(
        pk__in=[int(k) for k in expected] or [0]
    ).select_related("region")
    names = {str(d.pk): d.name_ru for d in district_rows}
    regions = _by_region(tally, expected, district_rows)
    lists = selectors.party_lists(election)
    rows = []
    for key, n_expected in sorted(expected.items(), key=lambda kv: names.get(kv[0], "")):
        totals = tally.districts.get(key)
        rows.append(
            {
                "name": names.get(key, key),
                "expected": n_expected,
                "received": totals.protocols if totals else 0,
                "turnout": percent_text(totals.turnout) if totals else "—",
                "votes": [totals.votes.get(pl.party.code, 0) if totals else 0 for pl in lists],
            }
        )
    total_expected = sum(expected.values())
    return {
        "election": election,
        "lists": lists,
        "rows": rows,
        "total": tally.total,
        "total_votes": [tally.total.votes.get(pl.party.code, 0) for pl in lists],
        "turnout": percent_text(tally.total.turnout),
        "expected": total_expected,
        "complete": tally.total.protocols == total_expected and total_expected > 0,
        "sum_problems": problems,
        "regions": regions if len(regions) > 1 else [],
        "precincts": _precinct_rows(request, election, tally),
        "districts": _district_rows(election, scope),
    }


def _district_rows(election: Any, scope: Any) -> list[dict[str, Any]]:
    """Single-member districts: protocols in / expected, and who leads so far."""
    counts, unplaced = count_districts(election, scope)
    names = {
        str(c.pk): c.full_name
        for c in SingleMemberCandidate.objects.filter(election=election).only("full_name")
    }
    rows: list[dict[str, Any]] = []
    for count in counts:
        result = count.result() if count.totals.protocols else None
        leaders = [names.get(code, code) for code in result.leaders] if result else []
        rows.append(
            {
                "number": count.district.number,
                "name": count.district.name_ru,
                "received": count.totals.protocols,
                "expected": count.expected,
                "turnout": percent_text(count.totals.turnout),
                "leaders": leaders,
                "votes": max(result.votes.values(), default=0) if result else 0,
                "undecided": result.undecided if result else None,
                "problems": count.problems,
            }
        )
    if unplaced and rows:
        rows[0]["problems"] = [*rows[0]["problems"], *unplaced]
    return rows


def _by_region(tally: Tally, expected: dict[str, int], districts: Any) -> list[dict[str, Any]]:
    """The regional commissions' level: districts summed per region."""
    grouped: dict[int, dict[str, Any]] = {}
    for d in districts:
        row = grouped.setdefault(
            d.region_id, {"name": d.region.name_ru, "expected": 0, "totals": Totals()}
        )
        row["expected"] += expected.get(str(d.pk), 0)
        if str(d.pk) in tally.districts:
            row["totals"].merge(tally.districts[str(d.pk)])
    return [
        {
            "name": row["name"],
            "expected": row["expected"],
            "received": row["totals"].protocols,
            "turnout": percent_text(row["totals"].turnout),
        }
        for row in sorted(grouped.values(), key=lambda r: r["name"])
    ]


def _precinct_rows(request: HttpRequest, election: Any, tally: Tally) -> list[dict[str, Any]]:
    current = {
        p.precinct_id: p
        for p in selectors.protocols_for(request.user).filter(
            election=election, is_current=True, race=Race.PARTY_LIST
        )
    }
    pending = dict(
        selectors.protocols_for(request.user)
        .filter(election=election, status=Protocol.Status.PENDING, race=Race.PARTY_LIST)
        .values_list("precinct_id", "pk")
    )
    districts = precinct_districts(districts_of(election))
    single = dict(
        selectors.protocols_for(request.user)
        .filter(election=election, is_current=True, race=Race.SINGLE_MEMBER)
        .values_list("precinct_id", "pk")
    )
    return [
        {
            "precinct": p,
            "protocol": current.get(p.pk),
            "pending": pending.get(p.pk),
            "district": districts.get(p.pk),
            "single": single.get(p.pk),
        }
        for p in selectors.precincts_for(request.user, election).order_by("number")[:500]
    ]


@login_required
def tabulation(request: HttpRequest, election_pk: int) -> HttpResponse:
    ctx = _context(request, election_pk)
    election = ctx["election"]
    ctx["distribution"] = Distribution.objects.filter(election=election).first()
    ctx["can_decide"] = services.can_decide(request.user, election)
    ctx["qr_form"] = QRForm()
    ctx["can_enter_qr"] = allows(request.user, Action.PROTOCOL_ENTER_QR)
    ctx["can_submit"] = allows(request.user, Action.PROTOCOL_SUBMIT)
    ctx["can_correct"] = allows(request.user, Action.PROTOCOL_CORRECT)
    # Four eyes and phases (results.four_eyes, elections.phases).
    ctx["pending_requests"] = pending_requests(election)
    ctx["official_role"] = official_role(request.user, election)
    state = phase_of_election(election, distribution=ctx["distribution"])
    ctx["phase"] = phase_context(state, selectors.language())
    if request.headers.get("HX-Request"):
        return render(request, "results/_live.html", ctx)
    return render(request, "results/tabulation.html", ctx)


@login_required
@require_POST
def qr_entry(request: HttpRequest, election_pk: int) -> HttpResponse:
    election = selectors.election_for(request.user, election_pk)
    form = QRForm(request.POST)
    if form.is_valid():
        try:
            row = services.enter_from_qr(
                actor=request.user, election=election, text=form.cleaned_data["qr"]
            )
        except (ResultsError, OutsideWindow) as exc:
            messages.error(request, refusal_text(exc))
        else:
            return redirect("results:protocol", row.pk)
    return redirect("results:tabulation", election.pk)


@login_required
def mandates_pdf(request: HttpRequest, election_pk: int) -> HttpResponse:
    from ..pdf import distribution_pdf

    election = selectors.election_for(request.user, election_pk)
    distribution = Distribution.objects.filter(election=election).first()
    visible = distribution is not None and (
        distribution.signed_off_at is not None or services.can_decide(request.user, election)
    )
    if distribution is None or not visible:
        from django.http import Http404

        raise Http404("no distribution")
    content = distribution_pdf(distribution, lang=selectors.language())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mandates-{election.pk}.pdf"'
    return response
