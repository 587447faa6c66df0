"""What the training achieves: item statistics of the questions, and the effect of training
on the protocols of election night."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..bank import TOPICS
from ..effect_pdf import effect_pdf
from ..models import Level, TestKind
from ..selectors.effect import training_effect
from ..selectors.items import item_rows
from .common import pick_election

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
    title = f"{gettext('Effect of training')}: {election}"
    response = HttpResponse(effect_pdf(report, title=title), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="training-effect.pdf"'
    return response
