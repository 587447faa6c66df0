"""What the training achieves: item statistics of the questions, and the effect of training
on the protocols of election night."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Finding, check_protocol, protocol_from_dict

from ..access import can_manage_session
from ..bank import TOPICS
from ..effect_pdf import effect_pdf
from ..errors import CommissionsError
from ..exercise import LINE_LABELS, LINES, PARTIES, SCENARIOS, text_in
from ..forms import ExerciseForm
from ..models import Enrolment, ExerciseAttempt, Level, TestKind
from ..selectors import get_or_404, sessions_for
from ..selectors.effect import training_effect
from ..selectors.items import item_rows
from ..services import submit_exercise
from .common import pick_election, report_error

FLAG_LABELS = {
    "few_answers": _("too few answers to judge"),
    "too_hard": _("too hard: fewer than 30 % answer it right"),
    "too_easy": _("too easy: more than 95 % answer it right"),
    "low_discrimination": _("does not tell strong trainees from weak ones"),
    "negative_discrimination": _(
        "weak trainees do better than strong ones: check the key and the wording"
    ),
}


def topic_label(code: str, language: str) -> str:
    names = TOPICS.get(code)
    if names is None:
        return code
    return names[{"kk": 0, "ru": 1}.get(language[:2], 2)]


@login_required
def items(request: HttpRequest) -> HttpResponse:
    election, elections = pick_election(request)
    level = request.GET.get("level", "")
    level = level if level in Level.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in TestKind.values else ""
    rows = item_rows(
        request.user,
        election_id=election.pk if election else None,
        level=level,
        kind=kind,
    )
    language = getattr(request, "LANGUAGE_CODE", "ru") or "ru"
    table = [
        {
            "row": r,
            "text": r.question.text(language),
            "topic": topic_label(r.question.topic, language),
            "p": round(100 * r.stat.p),
            "r": None if r.stat.point_biserial is None else f"{r.stat.point_biserial:.2f}",
            "ul": None if r.stat.upper_lower is None else f"{r.stat.upper_lower:.2f}",
            "flags": [FLAG_LABELS[f] for f in r.stat.flags],
        }
        for r in rows
    ]
    return render(
        request,
        "commissions/items.html",
        {
            "table": table,
            "to_revise": sum(1 for r in rows if r.to_revise),
            "election": election,
            "elections": elections,
            "levels": Level.choices,
            "level": level,
            "kinds": TestKind.choices,
            "kind": kind,
        },
    )


def _effect(request: HttpRequest) -> tuple[Any, Any, Any]:
    election, elections = pick_election(request)
    report = training_effect(request.user, election) if election is not None else None
    return election, elections, report


@login_required
def effect(request: HttpRequest) -> HttpResponse:
    election, elections, report = _effect(request)
    return render(
        request,
        "commissions/effect.html",
        {"election": election, "elections": elections, "report": report},
    )


@login_required
def effect_print(request: HttpRequest) -> HttpResponse:
    election, _elections, report = _effect(request)
    if report is None:
        raise Http404("no election")
    title = gettext("Effect of training") + f": {election}"
    response = HttpResponse(effect_pdf(report, title=title), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="training-effect.pdf"'
    return response


def _exercise_enrolment(request: HttpRequest, pk: int) -> Enrolment:
    enrolment: Enrolment = get_or_404(
        Enrolment.objects.filter(session__in=sessions_for(request.user)).select_related(
            "session__trainer", "member__person"
        ),
        pk,
    )
    if not can_manage_session(request.user, enrolment.session):
        raise PermissionDenied("not your session")
    return enrolment


@login_required
def exercise(request: HttpRequest, pk: int, scenario: str = "") -> HttpResponse:
    """The election-day exercise of one enrolment: the scenarios with the last try of each,
    and the protocol form of the chosen scenario."""
    enrolment = _exercise_enrolment(request, pk)
    language = getattr(request, "LANGUAGE_CODE", "ru") or "ru"
    if scenario and scenario not in SCENARIOS:
        raise Http404("unknown scenario")
    chosen = SCENARIOS.get(scenario)
    form = ExerciseForm(request.POST or None, language=language) if chosen else None
    result = None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            result = submit_exercise(
                actor=request.user,
                enrolment=enrolment,
                scenario=scenario,
                lines=dict(form.cleaned_data),
                language=language,
            )
        except CommissionsError as exc:
            report_error(request, exc, form)
    tries = {
        t.scenario: t
        for t in ExerciseAttempt.objects.filter(enrolment=enrolment).order_by("submitted_at")
    }
    return render(
        request,
        "commissions/exercise.html",
        {
            "enrolment": enrolment,
            "scenarios": [
                (s, text_in(s.title, language), tries.get(s.code)) for s in SCENARIOS.values()
            ],
            "chosen": chosen,
            "title": text_in(chosen.title, language) if chosen else "",
            "story": text_in(chosen.story, language) if chosen else "",
            "traps": text_in(chosen.traps, language) if chosen else "",
            "form": form,
            "result": result,
            "messages_of": [(f.severity, f.message(language)) for f in _findings(result)],
            "wrong_labels": [
                text_in(LINE_LABELS[w], language) if w in LINE_LABELS else w
                for w in (result.wrong_lines if result else [])
            ],
        },
    )


def _findings(result: ExerciseAttempt | None) -> list[Finding]:
    if result is None:
        return []
    # The stored codes, re-checked for their numbers: run the law's checks on the lines again.
    protocol = protocol_from_dict(
        {
            "election": "exercise",
            "precinct_no": 1,
            **{k: result.lines.get(k) for k in LINES},
            "votes": [{"code": p, "votes": result.lines.get(f"votes_{p}")} for p in PARTIES],
        }
    )
    return check_protocol(protocol)
