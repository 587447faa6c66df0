"""Precinct protocol pages: entry with live control ratios, versions, corrections, print."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from saylau.law.protocol import Finding, Race
from saylau.web.accounts.policy import Action, allows, require
from saylau.web.core.refusals import refusal_text
from saylau.web.elections.windows import require_window

from .. import selectors, services
from ..errors import InvalidProtocol, ResultsError
from ..forms import LINES, CorrectionReasonForm, ProtocolForm, initial_from
from ..four_eyes import official_role
from ..models import Protocol
from ..services.reopen import correctable, correction_refusal
from ..services.submission import submission_target


def _messages(findings: list[Finding]) -> list[dict[str, object]]:
    lang = selectors.language()
    return [
        {"severity": f.severity, "text": f.message(lang), "fields": list(f.fields)}
        for f in findings
    ]


def _refused(request: HttpRequest, exc: ResultsError) -> None:
    messages.error(request, refusal_text(exc))


@login_required
def enter(request: HttpRequest, election_pk: int, precinct_pk: int) -> HttpResponse:
    """The secretary's form; the control ratios run as they type (HTMX) and on submit."""
    election = selectors.election_for(request.user, election_pk)
    precinct = selectors.precinct_for(request.user, election, precinct_pk)
    require(request.user, Action.PROTOCOL_SUBMIT, precinct)
    lists = selectors.party_lists(election)
    # Say when the form opens before anyone fills it in (the middleware shows the message).
    require_window(election, "protocol_entry")
    existing = Protocol.objects.filter(
        election=election, precinct=precinct, is_current=True, race=Race.PARTY_LIST
    ).first()
    if existing is not None:
        return redirect("results:protocol", existing.pk)
    form = ProtocolForm(request.POST or None, lists=lists)
    findings: list[Finding] = []
    if request.method == "POST" and form.is_valid():
        try:
            row = services.submit_protocol(
                actor=request.user,
                election=election,
                precinct=precinct,
                data=form.protocol_data(),
                codes=[pl.party.code for pl in lists],
            )
        except ResultsError as exc:
            findings = exc.findings
            _refused(request, exc)
        else:
            messages.success(request, "✓")
            return redirect("results:protocol", row.pk)
    return render(
        request,
        "results/enter.html",
        {
            "election": election,
            "precinct": precinct,
            "form": form,
            "findings": _messages(findings),
            "check_url": reverse("results:check", args=[election.pk, precinct.pk]),
        },
        status=422 if findings else 200,
    )


@login_required
@require_POST
def check(request: HttpRequest, election_pk: int, precinct_pk: int) -> HttpResponse:
    """The live check: the findings of what has been typed so far (an HTML fragment).

    It runs on every keystroke of every secretary on election night, so the election and the
    precinct come from the one-query :func:`submission_target` (same scope rules)."""
    target = submission_target(request.user, election_id=election_pk, precinct_id=precinct_pk)
    if target is None:
        raise Http404("no such precinct in your area")
    election, precinct = target.election, target.precinct
    lists = selectors.party_lists(election)
    form = ProtocolForm(request.POST, lists=lists)
    data = form.partial_data()
    findings: list[dict[str, object]] = []
    complete = data is not None
    if data is not None:
        try:
            _canonical, found = services.validate_protocol(
                election=election,
                precinct=precinct,
                data=data,
                codes=[pl.party.code for pl in lists],
            )
            findings = _messages(found)
        except InvalidProtocol as exc:
            findings = [{"severity": "error", "text": exc.detail_text or exc.title, "fields": []}]
    return render(request, "results/_findings.html", {"findings": findings, "complete": complete})


@login_required
def protocol(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.protocol_for(request.user, pk)
    versions = Protocol.objects.filter(
        election=row.election, precinct=row.precinct, race=row.race
    ).select_related("submitted_by", "decided_by")
    return render(
        request,
        "results/protocol.html",
        {
            "row": row,
            "lines": [(label, row.data.get(name)) for name, label, _required in LINES],
            "versions": versions,
            "qr_svg": qr_svg(services.qr_text(row)),
            "can_decide": allows(request.user, Action.PROTOCOL_DECIDE, row.precinct),
            # Never offer a correction that would be refused after 20 fields are filled.
            "can_correct": allows(request.user, Action.PROTOCOL_CORRECT, row.precinct)
            and correctable(row),
            "can_cancel": row.is_current and official_role(request.user, row.election) is not None,
        },
    )


def qr_svg(text: str) -> str:
    import segno

    return str(segno.make(text, error="m").svg_inline(scale=2, title="QR"))


@login_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.protocol_for(request.user, pk)
    require(request.user, Action.PROTOCOL_CORRECT, row.precinct)
    if not correctable(row):
        messages.error(request, correction_refusal(row))
        return redirect("results:protocol", row.pk)
    if row.race == Race.SINGLE_MEMBER:  # its lines are the district's candidates, not the lists
        return redirect("results:correct_single_member", row.pk)
    lists = selectors.party_lists(row.election)
    form = ProtocolForm(request.POST or None, lists=lists, initial=initial_from(row.data))
    reason = CorrectionReasonForm(request.POST or None)
    findings: list[Finding] = []
    if request.method == "POST" and form.is_valid() and reason.is_valid():
        try:
            new = services.submit_correction(
                actor=request.user,
                protocol=row,
                data=form.protocol_data(),
                reason=reason.cleaned_data["reason"],
            )
        except ResultsError as exc:
            findings = exc.findings
            _refused(request, exc)
        else:
            return redirect("results:protocol", new.pk)
    return render(
        request,
        "results/correct.html",
        {
            "row": row,
            "form": form,
            "reason_form": reason,
            "findings": _messages(findings),
            "check_url": reverse("results:check", args=[row.election_id, row.precinct_id]),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.protocol_for(request.user, pk)
    accept = request.POST.get("decision") == "accept"
    try:
        if accept:
            services.accept_correction(actor=request.user, correction=row)
        else:
            services.reject_correction(actor=request.user, correction=row)
    except ResultsError as exc:
        _refused(request, exc)
    return redirect("results:protocol", row.pk)


@login_required
def protocol_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from ..pdf import protocol_pdf as render_pdf

    row = selectors.protocol_for(request.user, pk)
    content = render_pdf(row, services.qr_text(row), lang=selectors.language())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="protocol-{row.election_id}-{row.precinct.number}-v{row.version}.pdf"'
    )
    return response
