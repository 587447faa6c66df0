"""The protocol of mandate distribution as a page: seats, the trace, who takes the mandates
(list candidates and single-member winners), and the record of declines and party decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from saylau.web.core.names import name_in
from saylau.web.core.refusals import refusal_text
from saylau.web.elections.models import Election

from .. import selectors, services
from ..errors import ResultsError
from ..forms import MandateDecisionForm
from ..models import Distribution, MandateDecision
from ..services.decisions import record_decision
from ..wording import mandate_basis, trace_lines


def _visible(request: HttpRequest, election: Election) -> Distribution:
    """The distribution, to its commission at once and to everyone in scope once signed off."""
    distribution = Distribution.objects.select_related("election").filter(election=election).first()
    if distribution is None or not (
        distribution.signed_off_at is not None or services.can_decide(request.user, election)
    ):
        raise Http404("no distribution")
    return distribution


def _context(distribution: Distribution, lang: str) -> dict[str, Any]:
    election = distribution.election
    seats = distribution.allocation.get("seats", {})
    vacant = distribution.allocation.get("vacant", {})
    lists = []
    by_list: dict[int, list[Any]] = {}
    for m in distribution.mandates.select_related("candidate", "party_list__party"):
        m.basis_words = mandate_basis(m.basis, lang)  # type: ignore[attr-defined]
        by_list.setdefault(m.party_list_id, []).append(m)
    for pl in selectors.party_lists(election):
        lists.append(
            {
                "name": name_in(pl.party, lang),
                "seats": seats.get(pl.party.code, 0),
                "vacant": vacant.get(pl.party.code, 0),
                "mandates": by_list.get(pl.pk, []),
            }
        )
    return {
        "election": election,
        "distribution": distribution,
        "trace": trace_lines(distribution, lang),
        "lists": lists,
        "districts": distribution.district_results.select_related(
            "district", "winner", "winner__party"
        ),
        "decisions": MandateDecision.objects.filter(election=election).select_related(
            "party_list__party", "candidate", "recorded_by"
        ),
    }


@login_required
def mandates(request: HttpRequest, election_pk: int) -> HttpResponse:
    election = selectors.election_for(request.user, election_pk)
    distribution = _visible(request, election)
    ctx = _context(distribution, selectors.language())
    ctx["can_decide"] = services.can_decide(request.user, election)
    if ctx["can_decide"]:
        ctx["form"] = MandateDecisionForm(election=election)
    return render(request, "results/mandates.html", ctx)


@login_required
@require_POST
def record(request: HttpRequest, election_pk: int) -> HttpResponse:
    election = selectors.election_for(request.user, election_pk)
    distribution = _visible(request, election)
    if not services.can_decide(request.user, election):
        raise Http404("not the deciding commission")
    form = MandateDecisionForm(request.POST, election=election)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_decision(
                actor=request.user,
                election=election,
                party_list=data["party_list"],
                kind=data["kind"],
                decided_on=data["decided_on"],
                candidate=data.get("candidate"),
                order=data.get("order_ids"),
                body=data.get("body") or "",
                reason=data.get("reason") or "",
            )
        except ResultsError as exc:
            messages.error(request, refusal_text(exc))
        else:
            messages.success(request, "✓")
            return redirect("results:mandates", election.pk)
    ctx = _context(distribution, selectors.language())
    ctx["can_decide"] = True
    ctx["form"] = form
    return render(request, "results/mandates.html", ctx, status=422)
