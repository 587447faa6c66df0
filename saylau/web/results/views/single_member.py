"""The secretary's page for a precinct's single-member protocol: the same lines as the
party-list protocol, one input per candidate of the precinct's district, checked as they type."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from saylau.law.protocol import Finding
from saylau.web.accounts.scope import scope_for
from saylau.web.elections.models import Election, SingleMemberDistrict
from saylau.web.territory.models import Precinct

from .. import selectors, services
from ..errors import InvalidProtocol, ResultsError
from ..forms import SingleMemberProtocolForm
from ..models import Protocol
from ..services.single_member import (
    RACE,
    district_of,
    submit_single_member_protocol,
    validate_lines,
)


def _form(
    request: HttpRequest, election_pk: int, precinct_pk: int
) -> tuple[Election, Precinct, SingleMemberDistrict, SingleMemberProtocolForm]:
    election = selectors.election_for(request.user, election_pk)
    precinct = selectors.precinct_for(request.user, election, precinct_pk)
    district = district_of(election, precinct)
    if district is None:
        raise Http404("the precinct votes in no single-member district")
    candidates = list(district.candidates.order_by("full_name"))
    form = SingleMemberProtocolForm(
        request.POST or None, candidates=candidates, district=district.number
    )
    return election, precinct, district, form


def _messages(findings: list[Finding]) -> list[dict[str, object]]:
    lang = selectors.language()
    return [
        {"severity": f.severity, "text": f.message(lang), "fields": list(f.fields)}
        for f in findings
    ]


@login_required
def enter(request: HttpRequest, election_pk: int, precinct_pk: int) -> HttpResponse:
    election, precinct, district, form = _form(request, election_pk, precinct_pk)
    existing = Protocol.objects.filter(
        election=election, precinct=precinct, race=RACE, is_current=True
    ).first()
    if existing is not None:
        return redirect("results:protocol", existing.pk)
    findings: list[Finding] = []
    if request.method == "POST":
        scope_for(request.user).require_write()
        if form.is_valid():
            try:
                row = submit_single_member_protocol(
                    actor=request.user,
                    election=election,
                    precinct=precinct,
                    data=form.protocol_data(),
                )
            except ResultsError as exc:
                findings = exc.findings
                text = str(exc.title) + (f" ({exc.field}: {exc.message})" if exc.field else "")
                messages.error(request, text)
            else:
                messages.success(request, "✓")
                return redirect("results:protocol", row.pk)
    return render(
        request,
        "results/enter_single_member.html",
        {
            "election": election,
            "precinct": precinct,
            "district": district,
            "form": form,
            "findings": _messages(findings),
            "check_url": reverse("results:check_single_member", args=[election_pk, precinct_pk]),
        },
        status=422 if findings else 200,
    )


@login_required
@require_POST
def check(request: HttpRequest, election_pk: int, precinct_pk: int) -> HttpResponse:
    """The live check of what has been typed so far (an HTML fragment)."""
    election, precinct, _district, form = _form(request, election_pk, precinct_pk)
    data = form.partial_data()
    findings: list[dict[str, object]] = []
    if data is not None:
        try:
            validate_lines(election=election, precinct=precinct, data=data)
            _canonical, found = services.validate_protocol(
                election=election,
                precinct=precinct,
                data=data,
            )
            findings = _messages(found)
        except InvalidProtocol as exc:
            findings = [{"severity": "error", "text": f"{exc.field}: {exc.message}", "fields": []}]
    return render(
        request, "results/_findings.html", {"findings": findings, "complete": data is not None}
    )
