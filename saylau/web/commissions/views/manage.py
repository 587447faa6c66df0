"""Organising the cascade: trainers, plans, sessions, enrolment and budgets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.web.accounts.models import Role
from saylau.web.accounts.policy import Action, allows, require
from saylau.web.accounts.scope import scope_for
from saylau.web.territory.models import District, Region

from ..access import can_manage_session, require_budget_write
from ..errors import CommissionsError
from ..forms import BudgetForm, EnrolForm, PlanForm, SessionForm, TrainerForm
from ..models import Commission, Member, SessionBudget, TrainingSession
from ..selectors import commissions_for, get_or_404, plans_for, sessions_for, trainers_for
from ..services import (
    create_person,
    create_plan,
    create_session,
    create_trainer,
    enrol_members,
    set_budget,
)
from .common import elections_for, report_error


def regions_for(user: Any) -> QuerySet[Region]:
    scope = scope_for(user)
    return scope.restrict(Region.objects.all(), region="pk")


def districts_for(user: Any) -> QuerySet[District]:
    scope = scope_for(user)
    return scope.restrict(District.objects.all(), region="region", district="pk")


def is_organiser(user: Any) -> bool:
    return allows(user, Action.TRAINING_SESSION)


@login_required
@require_POST
def trainer_add(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.TRAINER_MANAGE)
    form = TrainerForm(request.POST, trainers=trainers_for(request.user))
    if form.is_valid():
        data = form.cleaned_data
        user: Any = request.user
        region = user.region if user.role == Role.REGIONAL else None
        try:
            person = create_person(
                actor=request.user,
                last_name=data["last_name"],
                first_name=data["first_name"],
                patronymic=data["patronymic"],
                phone=data["phone"],
            )
            create_trainer(
                actor=request.user,
                person=person,
                region=region,
                levels=data["levels"],
                certificate_number=data["certificate_number"],
                certificate_issued=data["certificate_issued"],
                certificate_valid_until=data["certificate_valid_until"],
                trained_by=data["trained_by"],
            )
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The trainer was added."))
    else:
        messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("commissions:trainers")


def user_region_role(user: Any) -> str | None:
    """``cec`` or ``regional`` when the user may manage trainers and plans, else ``None``."""
    return user.role if allows(user, Action.TRAINER_MANAGE) else None


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    can_edit = allows(request.user, Action.TRAINING_PLAN)
    form = PlanForm(
        request.POST or None,
        elections=elections_for(request.user),
        regions=regions_for(request.user),
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("only the CEC and regional commissions plan training")
        if form.is_valid():
            try:
                create_plan(actor=request.user, status="in_progress", **form.cleaned_data)
            except (CommissionsError, ValidationError) as exc:
                report_error(request, exc, form)
            else:
                messages.success(request, _("The training plan was created."))
                return redirect("commissions:plans")
    return render(
        request,
        "commissions/plans.html",
        {"plans": plans_for(request.user), "form": form, "can_edit": can_edit},
    )


@login_required
@require_POST
def session_add(request: HttpRequest) -> HttpResponse:
    if not is_organiser(request.user):
        raise PermissionDenied("only the commissions organise sessions")
    form = session_form(request.user, request.POST)
    if form.is_valid():
        try:
            session = create_session(actor=request.user, **form.cleaned_data)
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The session was created."))
            return redirect("commissions:session", pk=session.pk)
    else:
        messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("commissions:sessions")


def session_form(user: Any, data: Any = None) -> SessionForm:
    return SessionForm(
        data,
        plans=plans_for(user),
        districts=districts_for(user),
        trainers=trainers_for(user),
    )


def enrol_form(session: TrainingSession, data: Any = None) -> EnrolForm:
    qs = commissions_available(session)
    return EnrolForm(data, commissions=qs)


def commissions_available(session: TrainingSession) -> QuerySet[Commission]:
    qs = Commission.objects.filter(level=session.level, region_id=session.region_id)
    if session.district_id is not None:
        qs = qs.filter(district_id=session.district_id)
    return qs.select_related("precinct")


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_or_404(sessions_for(request.user), pk)
    if not can_manage_session(request.user, session):
        raise PermissionDenied("not your session")
    form = enrol_form(session, request.POST)
    if form.is_valid():
        commissions = commissions_for(request.user).filter(
            pk__in=[c.pk for c in form.cleaned_data["commissions"]]
        )
        members = list(
            Member.objects.filter(commission__in=commissions, is_active=True, level=session.level)
        )
        try:
            rows = enrol_members(actor=request.user, session=session, members=members)
        except CommissionsError as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("%(n)d member(s) enrolled.") % {"n": len(rows)})
    return redirect("commissions:session", pk=session.pk)


@login_required
@require_POST
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_or_404(sessions_for(request.user), pk)
    require_budget_write(request.user, session)
    form = BudgetForm(request.POST, districts=districts_for(request.user))
    if form.is_valid():
        try:
            set_budget(
                actor=request.user,
                session=session,
                payer=form.cleaned_data["payer"],
                payer_district=form.cleaned_data["payer_district"],
                costs=form.costs(),
            )
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The budget was saved."))
    else:
        messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("commissions:session", pk=session.pk)


def budget_initial(session: TrainingSession) -> dict[str, Any]:
    budget = SessionBudget.objects.filter(session=session).first()
    if budget is None:
        return {
            "payer": "district" if session.district_id else "region",
            "payer_district": session.district_id,
        }
    from ..services.budget import COST_FIELDS

    return {
        "payer": budget.payer,
        "payer_district": budget.payer_district_id,
        **{name: getattr(budget, name) for name in COST_FIELDS},
    }
