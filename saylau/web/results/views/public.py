"""Public results: no login, and nothing before the commission publishes them: first the
preliminary results (marked so), then the official ones after the sign-off, which replace them."""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..exports import (
    district_names,
    party_list_protocols,
    precinct_rows,
    public_results,
    results_csv,
    single_member_csv,
)
from ..hemicycle import hemicycle_svg, legend
from ..nist import nist_cdf
from ..public_cache import cached_public
from ..signing import signatures_of

#: Rows of the per-precinct table on one page (a national election has ~10,000 precincts).
PRECINCTS_PER_PAGE = 100


def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "results/public_index.html", {"elections": selectors.published_elections()}
    )


@cached_public("published")
def public_detail(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    results = public_results(election, distribution, with_precincts=False)
    codes = [p["code"] for p in results["parties"]]
    page = Paginator(party_list_protocols(election), PRECINCTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    protocols = list(page.object_list)
    signatures = signatures_of(election.pk, [p.pk for p in protocols])
    rows = precinct_rows(protocols, district_names(distribution), signatures)
    for row in rows:
        row["vote_list"] = [row["votes"].get(code, 0) for code in codes]
    seated = _seats_by_party(results)
    return render(
        request,
        "results/public.html",
        {
            "election": election,
            "distribution": distribution,
            "official": selectors.is_official(distribution),
            "results": results,
            "precinct_page": page,
            "precinct_rows": rows,
            "hemicycle": hemicycle_svg(seated, title=_("Seats by party")),
            "legend": legend(seated),
            "steps": _steps(distribution),
        },
    )


def _steps(distribution: Any) -> list[str]:
    """How the seats were distributed, in the reader's language, as the official protocol
    prints it (without the points still to confirm: those are the legal-basis page's)."""
    from ..wording import trace_lines

    # One wording with the protocol (parties by name); the page numbers the steps itself (an
    # ordered list) and its heading names the election.
    lines = trace_lines(distribution, selectors.language())[1:]
    return [step for step in (re.sub(r"^\d+\.\s", "", line) for line in lines) if step]


def _seats_by_party(results: dict[str, Any]) -> list[tuple[str, int]]:
    """List seats plus single-member districts won, per party (self-nominated apart)."""
    key = "name_kk" if selectors.language() == "kk" else "name_ru"
    names = {p["code"]: p[key] for p in results["parties"]}
    seats: dict[str, int] = {names[p["code"]]: p["seats"] for p in results["parties"]}
    for district in results["single_member"]:
        winner = next((c for c in district["candidates"] if c["id"] == district["winner"]), None)
        if winner is None:
            continue
        if winner["party"]:
            name = names.get(winner["party"]) or winner["party_name_ru"] or winner["party"]
        else:
            name = str(_("Self-nominated"))
        seats[name] = seats.get(name, 0) + 1
    return [(name, n) for name, n in seats.items() if n]


@cached_public("published")
def public_json(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    return JsonResponse(
        public_results(election, distribution), json_dumps_params={"ensure_ascii": False}
    )


def _mark(distribution: Any) -> str:
    """A downloaded file of preliminary results says so in its name (the JSON in ``status``)."""
    return "" if selectors.is_official(distribution) else "-preliminary"


def _csv(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cached_public("published")
def public_csv(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    return _csv(
        results_csv(public_results(election, distribution)),
        f"results-{election.pk}{_mark(distribution)}.csv",
    )


@cached_public("published")
def public_csv_single_member(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    return _csv(
        single_member_csv(public_results(election, distribution)),
        f"results-{election.pk}-single-member{_mark(distribution)}.csv",
    )


@cached_public("published")
def public_nist(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    body = json.dumps(
        nist_cdf(public_results(election, distribution)), ensure_ascii=False, indent=1
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"results-{election.pk}-nist-cdf{_mark(distribution)}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
