"""Voting outside the premises: the commission's requests, a new application, the route list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.web.accounts.policy import Action, allows, require
from saylau.web.elections.models import Election

from .. import exports, selectors
from ..forms import OutsideVotingForm
from ..models import OutsideVotingRequest
from ..services.outside import application_deadline, apply_for_outside_voting, set_outside_status


@login_required
def outside_list(request: HttpRequest, election_id: int) -> HttpResponse:
    election = get_object_or_404(selectors.elections_for(request.user), pk=election_id)
    requests = selectors.outside_requests_for(request.user).filter(election=election)
    form = OutsideVotingForm()
    if request.method == "POST":
        require(request.user, Action.OUTSIDE_VOTING)
        form = OutsideVotingForm(request.POST)
        if form.is_valid():
            person = (
                selectors.persons_for(request.user).filter(iin=form.cleaned_data["iin"]).first()
            )
            if person is None:
                form.add_error("iin", _("No voter with this IIN in your territory."))
            else:
                try:
                    apply_for_outside_voting(
                        election=election,
                        person=person,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                        where=form.cleaned_data["where"],
                        applicant=form.cleaned_data["applicant"],
                        applicant_name=form.cleaned_data["applicant_name"],
                        phone=form.cleaned_data["phone"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("The application is recorded."))
                    return redirect("register:outside", election_id=election.pk)
    return render(
        request,
        "register/outside_list.html",
        {
            "election": election,
            "requests": requests,
            "form": form,
            "deadline": application_deadline(election),
            "can_write": allows(request.user, Action.OUTSIDE_VOTING),
            "precincts": sorted({r.precinct for r in requests}, key=lambda p: p.number),
        },
    )


@require_POST
@login_required
def outside_status(request: HttpRequest, request_id: int) -> HttpResponse:
    require(request.user, Action.OUTSIDE_VOTING)
    req = get_object_or_404(selectors.outside_requests_for(request.user), pk=request_id)
    status = request.POST.get("status", "")
    if status not in OutsideVotingRequest.Status.values:
        return HttpResponse(status=400)
    set_outside_status(request=req, status=status, actor=request.user)
    return redirect("register:outside", election_id=req.election_id)


@login_required
def route_list(request: HttpRequest, election_id: int, precinct_id: int) -> HttpResponse:
    requests = list(
        selectors.outside_requests_for(request.user)
        .filter(election_id=election_id, precinct_id=precinct_id)
        .exclude(status=OutsideVotingRequest.Status.REFUSED)
        .order_by("where")
    )
    precinct = get_object_or_404(selectors.precincts_for(request.user), pk=precinct_id)
    election = get_object_or_404(Election, pk=election_id)
    lang = str(request.GET.get("lang") if request.GET.get("lang") in ("ru", "kk") else "ru")
    with translation.override(lang):
        title = _("Route list of the portable ballot box")
        subtitle = [
            election.name_in(lang),
            _("Precinct No. %(n)s, %(day)s")
            % {"n": precinct.number, "day": f"{election.day:%d.%m.%Y}"},
        ]
    pdf = exports.route_pdf(requests, title=title, language=lang, subtitle=subtitle)
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="route-{precinct_id}.pdf"'
    return resp
