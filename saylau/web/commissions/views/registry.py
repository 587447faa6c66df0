"""Commissions in scope, a commission with its members, appointing and dismissing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.web.core import clock

from ..access import can_write_commission, require_commission_write
from ..errors import CommissionsError
from ..forms import AppointForm, DismissForm, ReplaceForm, SeatExistingForm
from ..models import Level, Person
from ..selectors import commissions_for, get_or_404, members_for, training_status
from ..services import (
    appoint_member,
    create_person,
    dismiss_member,
    replace_member,
    seat_existing_person,
)
from .common import report_error


@login_required
def index(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "")
    qs = (
        commissions_for(request.user)
        .annotate(sitting=Count("members", filter=Q(members__is_active=True)))
        .order_by(
            F("district__code").asc(nulls_first=True),
            F("precinct__number").asc(nulls_first=True),
            "pk",
        )
    )
    if level in Level.values:
        qs = qs.filter(level=level)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "commissions/index.html",
        {"page": page, "levels": Level.choices, "level": level},
    )


@login_required
def commission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commission = get_or_404(commissions_for(request.user), pk)
    members = list(
        members_for(request.user, active_only=False)
        .filter(commission=commission)
        .order_by("-is_active", "role", "person__last_name")
    )
    sitting = [m for m in members if m.is_active]
    status = training_status(sitting, clock.today())
    for m in sitting:
        m.training = status[m.pk]  # type: ignore[attr-defined]
    form = AppointForm(request.POST or None)
    if request.method == "POST":
        require_commission_write(request.user, commission)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the new person is not kept if the seat is refused
                person = create_person(
                    actor=request.user,
                    **{
                        k: data[k]
                        for k in ("last_name", "first_name", "patronymic", "iin", "phone", "email")
                    },
                )
                appoint_member(
                    actor=request.user,
                    commission=commission,
                    person=person,
                    role=data["role"],
                    nominated_by=data["nominated_by"],
                    nominator_name=data["nominator_name"],
                    term_start=data["term_start"],
                    term_end=data["term_end"],
                )
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc, form)
        else:
            messages.success(request, _("The member was appointed."))
            return redirect("commissions:commission", pk=commission.pk)
    return render(
        request,
        "commissions/commission.html",
        {
            "commission": commission,
            "members": members,
            "form": form,
            "replace_form": ReplaceForm(),
            "seat_form": SeatExistingForm(),
            "can_edit": can_write_commission(request.user, commission),
        },
    )


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_or_404(members_for(request.user), pk)
    require_commission_write(request.user, member.commission)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            dismiss_member(actor=request.user, member=member, **form.cleaned_data)
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The member was dismissed."))
    else:
        messages.error(request, _("Give the date and the reason."))
    return redirect("commissions:commission", pk=member.commission_id)


@login_required
@require_POST
def replace(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_or_404(members_for(request.user), pk)
    require_commission_write(request.user, member.commission)
    form = ReplaceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the new person is not kept if the seat is refused
                person = create_person(
                    actor=request.user,
                    **{
                        k: data[k]
                        for k in ("last_name", "first_name", "patronymic", "iin", "phone")
                    },
                )
                replace_member(
                    actor=request.user,
                    member=member,
                    person=person,
                    on=data["on"],
                    reason=data["reason"],
                )
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The member was replaced."))
    else:
        messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("commissions:commission", pk=member.commission_id)


@login_required
@require_POST
def seat_existing(request: HttpRequest, pk: int) -> HttpResponse:
    """Seat a person already in the registry (found by IIN) on this commission."""
    commission = get_or_404(commissions_for(request.user), pk)
    require_commission_write(request.user, commission)  # refuse before reading the form
    form = SeatExistingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("commissions:commission", pk=commission.pk)
    data = form.cleaned_data
    person = Person.objects.filter(iin=data["iin"]).first()
    if person is None:
        messages.error(request, _("No person with this IIN is in the registry."))
        return redirect("commissions:commission", pk=commission.pk)
    try:
        seat_existing_person(
            actor=request.user,
            commission=commission,
            person=person,
            role=data["role"],
            nominated_by=data["nominated_by"],
            nominator_name=data["nominator_name"],
            term_start=data["term_start"],
            leave_current_seat=data["leave_current_seat"],
            reason=data["reason"],
        )
    except (CommissionsError, ValidationError, PermissionDenied) as exc:
        if isinstance(exc, PermissionDenied):
            messages.error(request, _("You may not change the commission of their current seat."))
        else:
            report_error(request, exc)
    else:
        messages.success(request, _("The person was seated; their training follows them."))
    return redirect("commissions:commission", pk=commission.pk)
