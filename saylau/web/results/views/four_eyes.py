"""Four-eyes pages: ask for an act that cannot be undone, confirm or refuse it as the second
official, and ask for the cancellation of a precinct protocol (a recount)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.web.core.refusals import refusal_text
from saylau.web.elections.windows import OutsideWindow

from .. import selectors
from ..errors import ResultsError
from ..four_eyes import confirm_action, decline_action, request_action
from ..models import ActionRequest
from ..services import can_decide


def _refused(request: HttpRequest, exc: ResultsError | OutsideWindow) -> None:
    messages.error(request, refusal_text(exc))


def _ask(request: HttpRequest, election_pk: int, action: str) -> HttpResponse:
    election = selectors.election_for(request.user, election_pk)
    if not can_decide(request.user, election):
        raise PermissionDenied
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you ask for this."))
        return redirect("results:tabulation", election.pk)
    try:
        request_action(actor=request.user, election=election, action=action)
    except (ResultsError, OutsideWindow) as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, _("Asked. A second official (the chair or the secretary) must confirm.")
        )
    return redirect("results:tabulation", election.pk)


@login_required
@require_POST
def distribute(request: HttpRequest, election_pk: int) -> HttpResponse:
    return _ask(request, election_pk, ActionRequest.Action.DISTRIBUTE)


@login_required
@require_POST
def sign_off(request: HttpRequest, election_pk: int) -> HttpResponse:
    return _ask(request, election_pk, ActionRequest.Action.SIGN_OFF)


@login_required
@require_POST
def publish_preliminary(request: HttpRequest, election_pk: int) -> HttpResponse:
    return _ask(request, election_pk, ActionRequest.Action.PUBLISH_PRELIMINARY)


@login_required
@require_POST
def publish(request: HttpRequest, election_pk: int) -> HttpResponse:
    return _ask(request, election_pk, ActionRequest.Action.PUBLISH)


@login_required
@require_POST
def register_mandates(request: HttpRequest, election_pk: int) -> HttpResponse:
    return _ask(request, election_pk, ActionRequest.Action.REGISTER_MANDATES)


@login_required
@require_POST
def cancel_protocol(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.protocol_for(request.user, pk)
    if not can_decide(request.user, row.election):  # refuse before reading the form
        raise PermissionDenied
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you ask for this."))
        return redirect("results:protocol", row.pk)
    try:
        request_action(
            actor=request.user,
            election=row.election,
            action=ActionRequest.Action.CANCEL_PROTOCOL,
            protocol=row,
            reason=request.POST.get("reason", ""),
        )
    except (ResultsError, OutsideWindow) as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, _("Asked. A second official (the chair or the secretary) must confirm.")
        )
    return redirect("results:protocol", row.pk)


@login_required
@require_POST
def decide_request(request: HttpRequest, request_pk: int) -> HttpResponse:
    row = get_object_or_404(ActionRequest, pk=request_pk)
    election = selectors.election_for(request.user, row.election_id)  # 404 outside the scope
    if not can_decide(request.user, election):  # only the deciding commission's officials
        raise PermissionDenied
    try:
        if request.POST.get("decision") == "confirm":
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Tick the box to confirm."))
                return redirect("results:tabulation", election.pk)
            confirm_action(actor=request.user, request_id=row.pk)
            messages.success(request, _("Confirmed and done."))
        else:
            decline_action(actor=request.user, request_id=row.pk)
            messages.success(request, _("The request was refused or withdrawn."))
    except (ResultsError, OutsideWindow) as exc:
        _refused(request, exc)
    return redirect("results:tabulation", election.pk)
