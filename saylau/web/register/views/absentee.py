"""Absentee certificates: the application at the precinct, the printable certificate, the
register of issued and cancelled certificates (page, PDF, CSV), cancellation."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.web.accounts.scope import scope_for

from .. import absentee_exports, selectors
from ..models import AbsenteeCertificate
from ..services.absentee import (
    absentee_quota,
    absentee_window,
    cancel_absentee_certificate,
    issue_absentee_certificate,
)


def certificates_for(user: object, election_id: int) -> QuerySet[AbsenteeCertificate]:
    """The certificates of the user's territory (by the holder's home precinct)."""
    selectors.require_personal_data(user)
    return scope_for(user).restrict(
        AbsenteeCertificate.objects.filter(election_id=election_id).select_related(
            "person", "home_precinct", "voted_at", "election"
        ),
        region="home_precinct__region",
        district="home_precinct__district",
        precinct="home_precinct",
    )


def _date_or_none(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip()) if raw.strip() else None
    except ValueError:
        return None


@require_POST
@login_required
def absentee_issue(request: HttpRequest, election_id: int, precinct_id: int) -> HttpResponse:
    """The voter's application (line of the main list, reason, date): a numbered certificate."""
    scope_for(request.user).require_write()
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)
    lines = vl.entries.filter(part="main").select_related("person")
    raw_entry = request.POST.get("entry", "")
    if raw_entry:
        entry = lines.filter(pk=int(raw_entry) if raw_entry.isdigit() else 0).first()
    else:
        raw = request.POST.get("line", "").strip()
        entry = lines.filter(number=int(raw)).first() if raw.isdigit() else None
    back = redirect("register:list", election_id=election_id, precinct_id=precinct_id)
    if entry is None:
        messages.error(request, _("There is no such line on the main list."))
        return back
    raw_date = request.POST.get("applied_on", "")
    applied_on = _date_or_none(raw_date)
    if raw_date and applied_on is None:
        messages.error(request, _("The application date is not a date (day.month.year)."))
        return back
    raw_number = request.POST.get("number", "").strip()
    if raw_number and not raw_number.isdigit():
        messages.error(request, _("A certificate number is a positive whole number."))
        return back
    try:
        cert = issue_absentee_certificate(
            election=vl.election,
            person=entry.person,
            actor=request.user,
            reason=request.POST.get("reason") or AbsenteeCertificate.Reason.OTHER,
            reason_text=request.POST.get("reason_text", ""),
            applied_on=applied_on,
            number=int(raw_number) if raw_number else None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Absentee certificate No. %(n)s issued.") % {"n": cert.number})
    return back


@login_required
def certificate_register(request: HttpRequest, election_id: int) -> HttpResponse:
    election = get_object_or_404(selectors.elections_for(request.user), pk=election_id)
    certificates = list(certificates_for(request.user, election.pk).order_by("number"))
    issued, limit = absentee_quota(election)
    start, end = absentee_window(election)
    return render(
        request,
        "register/absentee_register.html",
        {
            "election": election,
            "certificates": certificates,
            "issued": issued,
            "limit": limit,
            "window": (start, end),
            "can_write": not scope_for(request.user).read_only,
        },
    )


@login_required
def certificate_register_export(request: HttpRequest, election_id: int, fmt: str) -> HttpResponse:
    election = get_object_or_404(selectors.elections_for(request.user), pk=election_id)
    certificates = list(certificates_for(request.user, election.pk).order_by("number"))
    lang = _lang(request)
    if fmt == "csv":
        resp = HttpResponse(
            absentee_exports.register_csv(certificates), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "pdf":
        resp = HttpResponse(
            absentee_exports.register_pdf(election, certificates, language=lang),
            content_type="application/pdf",
        )
    else:
        raise Http404("unknown format")
    resp["Content-Disposition"] = (
        f'attachment; filename="absentee-register-{election.pk}-{lang}.{fmt}"'
    )
    return resp


@login_required
def certificate_pdf(request: HttpRequest, election_id: int, number: int) -> HttpResponse:
    cert = certificates_for(request.user, election_id).filter(number=number).first()
    if cert is None:
        raise Http404("no such certificate in your scope")
    lang = _lang(request)
    resp = HttpResponse(
        absentee_exports.certificate_pdf(cert, language=lang), content_type="application/pdf"
    )
    resp["Content-Disposition"] = f'attachment; filename="absentee-{number}-{lang}.pdf"'
    return resp


@require_POST
@login_required
def certificate_cancel(request: HttpRequest, election_id: int, number: int) -> HttpResponse:
    scope_for(request.user).require_write()
    cert = certificates_for(request.user, election_id).filter(number=number).first()
    if cert is None:
        raise Http404("no such certificate in your scope")
    try:
        cancel_absentee_certificate(
            certificate=cert, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Absentee certificate No. %(n)s cancelled.") % {"n": number})
    return redirect("register:absentee_register", election_id=election_id)


def _lang(request: HttpRequest) -> str:
    asked = request.GET.get("lang")
    return asked if asked in ("ru", "kk") else "ru"
