"""Editing and cancelling a training session."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import can_manage_session
from ..errors import CommissionsError
from ..forms import CancelSessionForm, SessionEditForm
from ..models import TrainingSession
from ..selectors import get_or_404, sessions_for, trainers_for
from ..services import cancel_session, update_session
from .common import report_error


def _managed(request: HttpRequest, pk: int) -> TrainingSession:
    """A session the user sees (else 404) and manages (else 403)."""
    session: TrainingSession = get_or_404(sessions_for(request.user), pk)
    if not can_manage_session(request.user, session):
        raise PermissionDenied("not your session")
    return session


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed(request, pk)
    initial = {
        "date": session.date,
        "place": session.place,
        "trainer": session.trainer_id,
        "capacity": session.capacity,
        "language": session.language,
        "modules": session.modules,
    }
    form = SessionEditForm(
        request.POST or None, initial=initial, trainers=trainers_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_session(actor=request.user, session=session, **form.cleaned_data)
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc, form)
        else:
            messages.success(request, _("The session was changed."))
            return redirect("commissions:session", pk=session.pk)
    return render(request, "commissions/session_edit.html", {"session": session, "form": form})


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed(request, pk)
    form = CancelSessionForm(request.POST)
    if form.is_valid():
        try:
            cancel_session(actor=request.user, session=session, reason=form.cleaned_data["reason"])
        except CommissionsError as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The session was cancelled."))
    else:
        messages.error(request, _("Give a reason."))
    return redirect("commissions:session", pk=session.pk)
