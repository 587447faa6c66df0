"""Trainers, sessions, attendance, tests (browser or paper) and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saylau.web.accounts.models import Role
from saylau.web.core import clock

from ..access import can_manage_session, require_session_write
from ..errors import CommissionsError
from ..forms import AnswerSheetForm, BudgetForm, CancelSessionForm, RevokeForm, TrainerForm
from ..models import Certificate, Enrolment, TestAttempt, TestKind, TrainingSession
from ..pdf import certificate_pdf
from ..selectors import enrolments_of, get_or_404, sessions_for, trainers_for
from ..services import (
    correct_answers,
    mark_attendance,
    revoke_certificate,
    start_test,
    submit_answers,
)
from .common import pick_election, report_error
from .manage import (
    budget_initial,
    districts_for,
    enrol_form,
    is_organiser,
    session_form,
    user_region_role,
)


@login_required
def trainers(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    # The load: sessions to come and sessions held (cancelled ones are neither).
    rows = trainers_for(request.user).annotate(
        upcoming=Count(
            "sessions",
            filter=Q(sessions__date__gte=today, sessions__status=TrainingSession.Status.PLANNED),
        ),
        held=Count("sessions", filter=Q(sessions__status=TrainingSession.Status.HELD)),
    )
    form = TrainerForm(trainers=rows) if user_region_role(request.user) else None
    return render(
        request, "commissions/trainers.html", {"trainers": rows, "today": today, "form": form}
    )


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    election, elections = pick_election(request)
    qs = sessions_for(request.user)
    if election is not None:
        qs = qs.filter(plan__election=election)
    return render(
        request,
        "commissions/sessions.html",
        {
            "sessions": qs,
            "election": election,
            "elections": elections,
            "form": session_form(request.user) if is_organiser(request.user) else None,
        },
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_or_404(sessions_for(request.user), pk)
    # A cancelled session is a record: nothing more is enrolled, marked or scored in it.
    can_manage = can_manage_session(request.user, session) and not session.is_cancelled
    rows = []
    for e in enrolments_of(session):
        tests = {a.kind: a for a in e.attempts.all()}
        cert = getattr(e, "certificate", None)
        rows.append(
            {
                "enrolment": e,
                "entry": tests.get("entry"),
                "final": tests.get("final"),
                "certificate": cert,
            }
        )
    return render(
        request,
        "commissions/session.html",
        {
            "session": session,
            "rows": rows,
            "can_manage": can_manage,
            "enrol_form": enrol_form(session) if can_manage else None,
            "cancel_form": CancelSessionForm() if can_manage else None,
            "budget_form": BudgetForm(
                initial=budget_initial(session), districts=districts_for(request.user)
            )
            if can_manage_session(request.user, session)
            and getattr(request.user, "role", None) != Role.TRAINER
            else None,
        },
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_or_404(sessions_for(request.user), pk)
    ids = list(session.enrolments.values_list("pk", flat=True))
    came = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    try:
        n = mark_attendance(
            actor=request.user, session=session, attended={i: i in came for i in ids}
        )
    except CommissionsError as exc:
        report_error(request, exc)
    else:
        messages.success(request, _("Attendance saved (%(n)d changed).") % {"n": n})
    return redirect("commissions:session", pk=session.pk)


def _enrolment_for(request: HttpRequest, pk: int) -> Enrolment:
    enrolment: Enrolment = get_or_404(
        Enrolment.objects.filter(session__in=sessions_for(request.user)).select_related(
            "session__trainer", "member__person"
        ),
        pk,
    )
    return enrolment


@login_required
def take_test(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The answer sheet of an enrolment's entry or final test, for whoever may score the
    session. GET only shows it; the first POST opens the attempt and scores it; a POST on a
    scored attempt is a correction and needs a reason."""
    if kind not in TestKind.values:
        raise PermissionDenied("unknown test")
    enrolment = _enrolment_for(request, pk)
    session = enrolment.session
    if not can_manage_session(request.user, session):
        raise PermissionDenied("not your session")
    source = request.GET.get("source") or request.POST.get("source") or TestAttempt.Source.BROWSER
    if source not in TestAttempt.Source.values:
        source = TestAttempt.Source.BROWSER
    attempt = TestAttempt.objects.filter(enrolment=enrolment, kind=kind).first()
    resent = request.method == "POST" and request.POST.get("correction") != "1"
    if resent and attempt is not None and attempt.is_scored:
        # The same sheet sent twice (a double click, the back button): refused, not counted.
        local = clock.localtime(attempt.scored_at) if attempt.scored_at else None
        messages.error(
            request,
            _("This test was already submitted (%(when)s); nothing was counted twice.")
            % {"when": f"{local:%d.%m.%Y %H:%M}" if local else ""},
        )
        return redirect("commissions:session", pk=session.pk)
    if request.method == "POST" and attempt is None:
        try:
            attempt = start_test(actor=request.user, enrolment=enrolment, kind=kind, source=source)
        except CommissionsError as exc:
            report_error(request, exc)
            return redirect("commissions:session", pk=session.pk)
        if request.POST.get("start") == "1":
            return redirect(f"{request.path}?source={source}")
    if attempt is None:
        # GET writes nothing: the attempt (its own form, and the clock) starts with the button.
        return render(
            request,
            "commissions/test.html",
            {
                "attempt": None,
                "enrolment": enrolment,
                "form": None,
                "kind_label": TestKind(kind).label,
                "source": source,
                "source_label": TestAttempt.Source(source).label,
                "language_label": session.get_language_display(),
            },
        )
    correction = attempt is not None and attempt.is_scored
    questions = AnswerSheetForm.sheet_of(attempt)
    source = attempt.source
    form = AnswerSheetForm(
        request.POST or None,
        questions=questions,
        language=session.language,
        correction=correction,
        orders=AnswerSheetForm.orders_of(attempt),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if correction:
                correct_answers(
                    actor=request.user,
                    attempt=attempt,
                    answers=form.answers(),
                    reason=form.cleaned_data["reason"],
                )
            else:
                submit_answers(actor=request.user, attempt=attempt, answers=form.answers())
        except (CommissionsError, ValidationError) as exc:
            report_error(request, exc, form)
        else:
            attempt.refresh_from_db()
            messages.success(
                request,
                _("Scored: %(s)d of %(m)d.") % {"s": attempt.score or 0, "m": attempt.max_score},
            )
            return redirect("commissions:session", pk=session.pk)
    return render(
        request,
        "commissions/test.html",
        {
            "attempt": attempt,
            "enrolment": enrolment,
            "form": form,
            "correction": correction,
            "kind_label": TestKind(kind).label,
            "source": source,
            "source_label": TestAttempt.Source(source).label,
            "language_label": session.get_language_display(),
            "expires_at": clock.localtime(attempt.expires_at) if attempt.expires_at else None,
        },
    )


@login_required
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    cert: Certificate = get_or_404(
        Certificate.objects.filter(
            enrolment__session__in=sessions_for(request.user)
        ).select_related(
            "member__person", "member__commission", "enrolment__session__trainer__person"
        ),
        pk,
    )
    url = request.build_absolute_uri(reverse("commissions:verify", args=[cert.verification_code]))
    response = HttpResponse(certificate_pdf(cert, verify_url=url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    cert: Certificate = get_or_404(
        Certificate.objects.filter(enrolment__session__in=sessions_for(request.user)), pk
    )
    require_session_write(request.user, cert.enrolment.session)  # refuse before the form
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking."))
    else:
        try:
            revoke_certificate(
                actor=request.user, certificate=cert, reason=form.cleaned_data["reason"]
            )
        except CommissionsError as exc:
            report_error(request, exc)
        else:
            messages.success(request, _("The certificate was revoked."))
    return redirect("commissions:session", pk=cert.enrolment.session_id)
