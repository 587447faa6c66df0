"""Pages of the elections app: the list, setup, and one election with its lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from saylau.web.accounts.scope import scope_for
from saylau.web.core import clock
from saylau.web.core.refusals import refusal_text

from . import services
from .calendar_views import commission_of
from .errors import ElectionsError
from .forms import (
    CandidateForm,
    DrawForm,
    ElectionForm,
    PartyListForm,
    SingleMemberCandidateForm,
    SingleMemberDistrictForm,
)
from .models import Election, Party, PartyList, SingleMemberDistrict
from .phases import calendar_rows, phase_context, phase_of_election
from .rule_titles import rule_title
from .selectors import can_create, can_manage, elections_for, lists_of


def _refused(request: HttpRequest, exc: ElectionsError) -> None:
    messages.error(request, refusal_text(exc))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    elections = elections_for(request.user)
    return render(
        request,
        "elections/index.html",
        {"elections": elections, "can_create": can_create(request.user)},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not can_create(request.user):
        raise PermissionDenied
    form = ElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:  # the service refuses a place outside the user's territory (PolicyDenied, 403)
            election = services.create_election(actor=request.user, **data)
        except ElectionsError as exc:
            _refused(request, exc)
        else:
            return redirect("elections:detail", election.pk)
    return render(request, "elections/create.html", {"form": form})


def _election(request: HttpRequest, pk: int) -> Election:
    return get_object_or_404(elections_for(request.user), pk=pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = _election(request, pk)
    lists = lists_of(election)
    lang = (get_language() or "ru")[:2]
    calendar = calendar_rows(election, lang)
    today = clock.today()
    manage = can_manage(request.user, election)
    draw = getattr(election, "ballot_draw", None)
    return render(
        request,
        "elections/detail.html",
        {
            "election": election,
            "rules": _rules(election),
            "lists": [(pl, services.quota_findings(pl)) for pl in lists],
            "calendar": calendar,
            "phase": phase_context(phase_of_election(election), lang),
            "legal_basis": scope_for(request.user).is_country,
            "my_commission": commission_of(request.user),
            "today": today,
            "draw": draw,
            "draw_parties": _parties_in_order(draw.order if draw else []),
            "smds": election.single_member_district_set.prefetch_related("candidates__party").all(),
            "manage": manage,
            "list_form": PartyListForm(),
            "candidate_form": CandidateForm(),
            "draw_form": DrawForm(),
            "smd_form": SingleMemberDistrictForm(election=election),
            "parties": Party.objects.all() if manage else [],
        },
    )


def _parties_in_order(codes: list[str]) -> list[Party]:
    """The parties of a ballot draw in its order (their names, not their codes, on the page)."""
    by_code = {p.code: p for p in Party.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def _rules(election: Election) -> dict[str, object] | None:
    """The stored rule set as the law layer describes it (None for an unknown name)."""
    from saylau.law.seats import UnknownRuleSet, rule_set

    try:
        rules = rule_set(election.rule_set)
    except UnknownRuleSet:
        return None
    return {
        "name": rules.name,
        "title": rule_title(rules.name, rules.title),
        "threshold": f"{float(rules.threshold * 100):g} %",
        "against_all": rules.against_all,
        "unconfirmed": rules.unconfirmed,
        "sources": rules.sources,
    }


def _managed(request: HttpRequest, pk: int) -> Election:
    election = _election(request, pk)
    if not can_manage(request.user, election):
        raise PermissionDenied
    return election


@login_required
@require_POST
def add_list(request: HttpRequest, pk: int) -> HttpResponse:
    election = _managed(request, pk)
    form = PartyListForm(request.POST)
    if form.is_valid():
        try:
            services.register_party_list(
                actor=request.user, election=election, party=form.cleaned_data["party"]
            )
        except ElectionsError as exc:
            _refused(request, exc)
    return redirect("elections:detail", election.pk)


@login_required
@require_POST
def add_candidate(request: HttpRequest, pk: int, list_pk: int) -> HttpResponse:
    election = _managed(request, pk)
    party_list = get_object_or_404(PartyList, pk=list_pk, election=election)
    form = CandidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        try:
            services.add_candidate(actor=request.user, party_list=party_list, **form.cleaned_data)
        except ElectionsError as exc:
            _refused(request, exc)
    return redirect("elections:detail", election.pk)


@login_required
@require_POST
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    election = _managed(request, pk)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            services.draw_ballot_order(
                actor=request.user,
                election=election,
                witnesses=form.cleaned_data["witnesses"].splitlines(),
            )
        except ElectionsError as exc:
            _refused(request, exc)
    return redirect("elections:detail", election.pk)


@login_required
@require_POST
def add_district(request: HttpRequest, pk: int) -> HttpResponse:
    election = _managed(request, pk)
    form = SingleMemberDistrictForm(request.POST, election=election)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        try:
            services.add_single_member_district(
                actor=request.user, election=election, **form.cleaned_data
            )
        except ElectionsError as exc:
            _refused(request, exc)
    return redirect("elections:detail", election.pk)


@login_required
@require_POST
def add_district_candidate(request: HttpRequest, pk: int, district_pk: int) -> HttpResponse:
    election = _managed(request, pk)
    district = get_object_or_404(SingleMemberDistrict, pk=district_pk, election=election)
    form = SingleMemberCandidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        try:
            services.add_single_member_candidate(
                actor=request.user, district=district, **form.cleaned_data
            )
        except ElectionsError as exc:
            _refused(request, exc)
    return redirect("elections:detail", election.pk)
