"""The secretary's page for a precinct's single-member protocol: the same lines as the
party-list protocol, one input per candidate of the precinct's district, checked as they type."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from saylau.law.protocol import Finding, Race
from saylau.web.accounts.policy import Action, require
from saylau.web.core.refusals import refusal_text
from saylau.web.elections.models import Election, SingleMemberDistrict
from saylau.web.elections.windows import require_window
from saylau.web.territory.models import Precinct

from .. import selectors, services
from ..errors import InvalidProtocol, ResultsError
from ..forms import LINES, CorrectionReasonForm, SingleMemberProtocolForm
from ..models import Protocol
from ..services.reopen import correctable
from ..services.single_member import (
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
    require(request.user, Action.PROTOCOL_SUBMIT, precinct)
    require_window(election, "protocol_entry")  # say so before the form is filled
    existing = Protocol.objects.filter(
        election=election, precinct=precinct, race=Race.SINGLE_MEMBER, is_current=True
    ).first()
    if existing is not None:
        return redirect("results:protocol", existing.pk)
    findings: list[Finding] = []
    if request.method == "POST" and form.is_valid():
        try:
            row = submit_single_member_protocol(
                actor=request.user,
                election=election,
                precinct=precinct,
                data=form.protocol_data(),
            )
        except ResultsError as exc:
            findings = exc.findings
            messages.error(request, refusal_text(exc))
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
            findings = [{"severity": "error", "text": exc.detail_text or exc.title, "fields": []}]
    return render(
        request, "results/_findings.html", {"findings": findings, "complete": data is not None}
    )


@login_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """A correction of a single-member protocol: a new version with a reason, counted once the
    territorial commission accepts it (on the protocol's page, as for the party lists)."""
    row = selectors.protocol_for(request.user, pk)
    require(request.user, Action.PROTOCOL_CORRECT, row.precinct)
    if row.race != Race.SINGLE_MEMBER or not correctable(row):
        return redirect("results:correct", row.pk)  # which says why, before any field
    election, precinct, district, _blank = _form(request, row.election_id, row.precinct_id)
    initial = {name: row.data.get(name) for name, _label, _required in LINES}
    initial |= {f"cand_{line['code']}": line["votes"] for line in row.data["votes"]}
    form = SingleMemberProtocolForm(
        request.POST or None,
        candidates=list(district.candidates.order_by("full_name")),
        district=district.number,
        initial=initial,
    )
    reason = CorrectionReasonForm(request.POST or None)
    findings: list[Finding] = []
    if request.method == "POST" and form.is_valid() and reason.is_valid():
        data = form.protocol_data()
        try:
            validate_lines(election=election, precinct=precinct, data=data)
            new = services.submit_correction(
                actor=request.user, protocol=row, data=data, reason=reason.cleaned_data["reason"]
            )
        except ResultsError as exc:
            findings = exc.findings
            messages.error(request, refusal_text(exc))
        else:
            return redirect("results:protocol", new.pk)
    return render(
        request,
        "results/correct_single_member.html",
        {
            "row": row,
            "district": district,
            "form": form,
            "reason_form": reason,
            "findings": _messages(findings),
            "check_url": reverse(
                "results:check_single_member", args=[row.election_id, row.precinct_id]
            ),
        },
    )
