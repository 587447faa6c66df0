"""Voter lists of an election: per precinct, compile, exports, absentee certificates."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.law.calendar import election_calendar
from saylau.web.accounts.policy import Action, allows, require
from saylau.web.core import clock
from saylau.web.elections.places import precincts_of
from saylau.web.territory.models import Precinct

from .. import exports, selectors
from ..forms import CorrectionDecisionForm, CorrectionEntryForm
from ..models import AbsenteeCertificate, ListCorrectionRequest, Person
from ..services.absentee import absentee_quota
from ..services.list_review import decide_list_correction, request_list_correction
from ..services.voter_lists import (
    ListsClosed,
    add_to_additional_list,
    apply_for_special_stay,
    compile_lists,
)


def _election(request: HttpRequest, election_id: int):  # type: ignore[no-untyped-def]
    return get_object_or_404(selectors.elections_for(request.user), pk=election_id)


def review_dates(election) -> dict[str, date]:  # type: ignore[no-untyped-def]
    """Public review of the lists, from the law layer's calendar."""
    return {
        d.code: d.on
        for d in election_calendar(election.law_body, election.day)
        if d.code in ("public_review", "public_review_special", "lists_to_precincts")
    }


@login_required
def election_lists(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id)
    lists = selectors.voter_lists_for(request.user, election)
    issued, limit = absentee_quota(election)
    return render(
        request,
        "register/election_lists.html",
        {
            "election": election,
            "lists": lists,
            "review": review_dates(election),
            "personal": selectors.can_see_persons(request.user),
            "can_compile": allows(request.user, Action.VOTER_LISTS_COMPILE),
            "special_precincts": selectors.precincts_for(request.user).filter(
                kind=Precinct.Kind.SPECIAL
            ),
            "issued": issued,
            "limit": limit,
        },
    )


@require_POST
@login_required
def compile_view(request: HttpRequest, election_id: int) -> HttpResponse:
    require(request.user, Action.VOTER_LISTS_COMPILE)
    election = _election(request, election_id)
    precincts = list(
        selectors.precincts_for(request.user).filter(
            pk__in=precincts_of(election).values("pk")
        )
    )
    try:
        compiled = compile_lists(election=election, actor=request.user, precincts=precincts)
    except ListsClosed:
        messages.error(
            request,
            _(
                "The results of this election are counted: its voter lists can no longer "
                "be compiled again."
            ),
        )
        return redirect("register:election_lists", election_id=election.pk)
    messages.success(request, _("%(n)s lists compiled.") % {"n": len(compiled)})
    return redirect("register:election_lists", election_id=election.pk)


@login_required
def list_detail(request: HttpRequest, election_id: int, precinct_id: int) -> HttpResponse:
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)
    entries = selectors.list_entries(vl)
    return render(
        request,
        "register/list_detail.html",
        {
            "corrections": ListCorrectionRequest.objects.filter(
                election_id=vl.election_id, precinct_id=vl.precinct_id
            ).select_related("person"),
            "can_decide_corrections": allows(
                request.user, Action.VOTER_LIST_CORRECTION, vl.precinct
            ),
            "decision_form": CorrectionDecisionForm(),
            "entry_form": CorrectionEntryForm(prefix="corr"),
            "reasons": AbsenteeCertificate.Reason.choices,
            "today": clock.today(),
            "vl": vl,
            "main": [e for e in entries if e.part == "main"],
            "additional": [e for e in entries if e.part == "additional"],
        },
    )


@login_required
def list_export(request: HttpRequest, election_id: int, precinct_id: int, fmt: str) -> HttpResponse:
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)
    entries = list(selectors.list_entries(vl))
    lang = request.GET.get("lang", "ru") if request.GET.get("lang") in ("ru", "kk") else "ru"
    stem = f"voter-list-{vl.precinct.number}"
    if fmt == "csv":
        resp = HttpResponse(exports.list_csv(vl, entries), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        resp = HttpResponse(
            exports.list_xlsx(vl, entries, language=lang),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "pdf":
        resp = HttpResponse(
            exports.list_pdf(vl, entries, language=lang), content_type="application/pdf"
        )
    else:
        raise Http404("unknown format")
    resp["Content-Disposition"] = f'attachment; filename="{stem}-{lang}.{fmt}"'
    return resp


@require_POST
@login_required
def correction_add(request: HttpRequest, election_id: int, precinct_id: int) -> HttpResponse:
    """The precinct commission records a request a voter made in person (by IIN)."""
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)  # 404 outside scope
    require(request.user, Action.VOTER_LIST_CORRECTION, vl.precinct)  # before the form
    back = redirect("register:list", election_id=vl.election_id, precinct_id=vl.precinct_id)
    form = CorrectionEntryForm(request.POST, prefix="corr")
    if not form.is_valid():
        messages.error(request, _("Give the voter's IIN, what is wrong and the details."))
        return back
    person = Person.private_objects.filter(iin=form.cleaned_data["iin"], active=True).first()
    if person is None:
        messages.error(request, _("No person with this IIN is in the register."))
        return back
    try:
        request_list_correction(
            actor=request.user,
            election=vl.election,
            person=person,
            kind=form.cleaned_data["kind"],
            details=form.cleaned_data["details"],
            phone=form.cleaned_data["phone"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The request is recorded."))
    return back


@require_POST
@login_required
def correction_decide(
    request: HttpRequest, election_id: int, precinct_id: int, request_id: int
) -> HttpResponse:
    """The precinct commission decides a request to correct its list (during the review)."""
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)  # 404 outside scope
    require(request.user, Action.VOTER_LIST_CORRECTION, vl.precinct)  # before the form
    row = get_object_or_404(
        ListCorrectionRequest, pk=request_id, election_id=vl.election_id, precinct_id=vl.precinct_id
    )
    form = CorrectionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and write its reasons."))
    else:
        try:
            decide_list_correction(
                actor=request.user,
                request=row,
                status=form.cleaned_data["status"],
                decision=form.cleaned_data["decision"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The decision is recorded."))
    return redirect("register:list", election_id=vl.election_id, precinct_id=vl.precinct_id)


@require_POST
@login_required
def additional_add(request: HttpRequest, election_id: int, precinct_id: int) -> HttpResponse:
    """Election day: a certificate holder (by certificate number and IIN) or a voter of this
    precinct who proved residence goes on the additional list."""
    require(request.user, Action.VOTER_LIST_ENTRY)
    vl = selectors.voter_list_detail(request.user, election_id, precinct_id)
    iin = request.POST.get("iin", "").strip()
    number = request.POST.get("certificate", "").strip()
    certificate = None
    if number.isdigit():
        certificate = (
            AbsenteeCertificate.objects.filter(
                election=vl.election, number=int(number), person__iin=iin
            )
            .select_related("person")
            .first()
        )
        person = certificate.person if certificate is not None else None
    else:
        person = selectors.persons_for(request.user).filter(iin=iin).first()
    if person is None:
        messages.error(request, _("No such voter or certificate."))
    else:
        try:
            entry = add_to_additional_list(
                election=vl.election,
                precinct=vl.precinct,
                person=person,
                actor=request.user,
                certificate=certificate,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Added to the additional list as No. %(n)s.") % {"n": entry.number}
            )
    return redirect("register:list", election_id=election_id, precinct_id=precinct_id)


@require_POST
@login_required
def special_stay_add(request: HttpRequest, election_id: int) -> HttpResponse:
    """A voter staying in a hospital, military unit, remote pasture ... applies to be listed
    in that special precinct (which must be in the user's territory)."""
    require(request.user, Action.VOTER_LIST_ENTRY)
    election = _election(request, election_id)
    precinct = (
        selectors.precincts_for(request.user)
        .filter(pk=request.POST.get("precinct") or 0, kind=Precinct.Kind.SPECIAL)
        .first()
    )
    iin = request.POST.get("iin", "").strip()
    # The voter lives anywhere in the election's territory, so not necessarily in the scope:
    # the commission must know the IIN, and only initials are shown back.
    person = Person.private_objects.filter(iin=iin, active=True).select_related("address").first()
    if precinct is None or person is None:
        messages.error(request, _("No such voter or special precinct."))
        return redirect("register:election_lists", election_id=election.pk)
    try:
        apply_for_special_stay(
            election=election,
            person=person,
            precinct=precinct,
            actor=request.user,
            applied_on=timezone.localdate(),
            reason=request.POST.get("reason", "")[:200],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is listed at precinct %(n)s.")
            % {"name": person.masked_name, "n": precinct.number},
        )
    return redirect("register:election_lists", election_id=election.pk)
