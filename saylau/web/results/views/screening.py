"""Public anomaly screening of the published results: flags with their explanations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from saylau.lists.anomalies import NOT_PROOF, explain
from saylau.web.territory.models import District

from .. import selectors
from ..public_cache import cached_public
from ..screening import screen_election


@cached_public("published")
def screening_page(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, _distribution = selectors.published(election_pk)
    result, labels = screen_election(election)
    lang = selectors.language()
    rows = [
        {
            **labels[f.precinct],
            "code": f.code,
            "score": round(f.score, 2),
            "why": explain(f.code, lang),
        }
        for f in sorted(result.flags, key=lambda f: (labels[f.precinct]["number"], f.code))
    ]
    names = {
        str(d.pk): d.name
        for d in District.objects.filter(
            pk__in=[int(f.precinct) for f in result.group_flags] or [0]
        )
    }
    groups = [
        {
            "district": names.get(f.precinct, f.precinct),
            "p": f"{f.score:.1e}",
            "why": explain(f.code, lang),
        }
        for f in result.group_flags
    ]
    return render(
        request,
        "results/screening.html",
        {
            "election": election,
            "rows": rows,
            "groups": groups,
            "flagged": len(result.flagged()),
            "total": len(labels),
            "not_proof": NOT_PROOF.get(lang, NOT_PROOF["en"]),
        },
    )
