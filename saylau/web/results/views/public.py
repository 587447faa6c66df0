"""Public results: no login, and nothing before the commission signs off and publishes."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..exports import nist_cdf, public_results, results_csv
from ..hemicycle import hemicycle_svg, legend


def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "results/public_index.html", {"elections": selectors.published_elections()}
    )


def public_detail(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    results = public_results(election, distribution)
    codes = [p["code"] for p in results["parties"]]
    for row in results["precincts"]:
        row["vote_list"] = [row["votes"].get(code, 0) for code in codes]
    key = "name_kk" if selectors.language() == "kk" else "name_ru"
    seated = [(p[key], p["seats"]) for p in results["parties"] if p["seats"]]
    return render(
        request,
        "results/public.html",
        {
            "election": election,
            "distribution": distribution,
            "results": results,
            "hemicycle": hemicycle_svg(seated, title=_("Seats by party")),
            "legend": legend(seated),
        },
    )


def public_json(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    return JsonResponse(
        public_results(election, distribution), json_dumps_params={"ensure_ascii": False}
    )


def public_csv(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    response = HttpResponse(
        results_csv(public_results(election, distribution)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="results-{election.pk}.csv"'
    return response


def public_nist(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    body = json.dumps(
        nist_cdf(public_results(election, distribution)), ensure_ascii=False, indent=1
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="results-{election.pk}-nist-cdf.json"'
    return response
