"""Election night in public: preliminary totals ("X of Y protocols"), turnout during the day,
and the drill-down region → district → precinct → the protocol with every version and what
each correction changed. No login; from voting day on; marked preliminary until the results
are published, then official."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from saylau.law.protocol import Race
from saylau.law.tally import percent_text
from saylau.web.core import clock
from saylau.web.core.refusals import refusal_text
from saylau.web.elections.models import Election
from saylau.web.territory.models import District

from .. import selectors
from ..errors import ResultsError
from ..forms import LINES
from ..models import Distribution, Protocol, TurnoutReport
from ..public_cache import cached_public
from ..services import live_tally, precincts_of
from ..turnout import report_turnout, turnout_series, turnout_svg


def _election(election_pk: int) -> tuple[Election, bool]:
    """The election once voting day has come, and whether its results are official."""
    election = get_object_or_404(Election, pk=election_pk)
    if election.day > clock.today():
        raise Http404("voting day has not come")
    official = Distribution.objects.filter(
        election=election, published_at__isnull=False, signed_off_at__isnull=False
    ).exists()
    return election, official


def _parties(election: Election, votes: dict[str, int], against_all: int) -> list[dict[str, Any]]:
    valid = sum(votes.values()) + against_all
    key = "name_kk" if selectors.language() == "kk" else "name_ru"
    return [
        {
            "name": getattr(pl.party, key),
            "votes": votes.get(pl.party.code, 0),
            "percent": percent_text(Fraction(votes.get(pl.party.code, 0), valid or 1)),
        }
        for pl in selectors.party_lists(election)
    ]


@cached_public("live")
def live(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, official = _election(election_pk)
    tally, expected = live_tally(election)
    districts = District.objects.filter(pk__in=[int(k) for k in expected] or [0]).select_related(
        "region"
    )
    rows = [
        {
            "district": d,
            "region": d.region.name,
            "counted": tally.districts[str(d.pk)].protocols if str(d.pk) in tally.districts else 0,
            "expected": expected.get(str(d.pk), 0),
        }
        for d in sorted(districts, key=lambda d: (d.region.name, d.name))
    ]
    series = turnout_series(election)
    return render(
        request,
        "results/live.html",
        {
            "election": election,
            "official": official,
            "counted": tally.total.protocols,
            "expected": sum(expected.values()),
            "parties": _parties(election, tally.total.votes, tally.total.lines["against_all"]),
            "rows": rows,
            "turnout": series,
            "turnout_svg": turnout_svg(series, title=_("Turnout during voting day, %")),
            "as_of": clock.now(),
        },
    )


@cached_public("live")
def district(request: HttpRequest, election_pk: int, district_pk: int) -> HttpResponse:
    election, official = _election(election_pk)
    place = get_object_or_404(District, pk=district_pk)
    precincts = list(precincts_of(election).filter(district=place).order_by("number"))
    if not precincts:
        raise Http404("the district does not vote in this election")
    current = {
        p.precinct_id: p
        for p in Protocol.objects.filter(
            election=election, is_current=True, race=Race.PARTY_LIST, precinct__district=place
        )
    }
    return render(
        request,
        "results/live_district.html",
        {
            "election": election,
            "official": official,
            "place": place,
            "rows": [(p, current.get(p.pk)) for p in precincts],
            "counted": len(current),
        },
    )


def _diff(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    labels = {name: label for name, label, _required in LINES}
    out = [
        (str(labels[name]), before.get(name), after.get(name))
        for name in labels
        if before.get(name) != after.get(name)
    ]
    old = {line["code"]: line for line in before.get("votes", [])}
    new = {line["code"]: line for line in after.get("votes", [])}
    for code in [*new, *(c for c in old if c not in new)]:
        a, b = old.get(code, {}).get("votes"), new.get(code, {}).get("votes")
        if a != b:
            name = (new.get(code) or old.get(code) or {}).get("name") or code
            out.append((name, a, b))
    return out


@cached_public("live")
def precinct(request: HttpRequest, election_pk: int, precinct_pk: int) -> HttpResponse:
    election, official = _election(election_pk)
    place = get_object_or_404(precincts_of(election).select_related("district"), pk=precinct_pk)
    versions = list(
        Protocol.objects.filter(election=election, precinct=place).order_by("race", "version")
    )
    shown = []
    previous: dict[str, Protocol] = {}
    labels = [(name, label) for name, label, _required in LINES]
    for v in versions:
        before = previous.get(v.race)
        shown.append(
            {
                "row": v,
                "lines": [(label, v.data.get(name)) for name, label in labels],
                "diff": _diff(before.data, v.data) if before else [],
            }
        )
        previous[v.race] = v
    reports = TurnoutReport.objects.filter(election=election, precinct=place).order_by("hour")
    return render(
        request,
        "results/live_precinct.html",
        {
            "election": election,
            "official": official,
            "place": place,
            "versions": shown,
            "turnout": reports,
        },
    )


@login_required
def enter_turnout(request: HttpRequest, election_pk: int, precinct_pk: int) -> HttpResponse:
    election = selectors.election_for(request.user, election_pk)
    place = selectors.precinct_for(request.user, election, precinct_pk)
    if request.method == "POST":
        try:
            report_turnout(
                actor=request.user,
                election=election,
                precinct=place,
                hour=int(request.POST.get("hour", "0")),
                voters=int(request.POST.get("voters", "-1")),
                voted=int(request.POST.get("voted", "-1")),
            )
        except ValueError:
            messages.error(request, _("Each figure is a whole number."))
        except ResultsError as exc:
            messages.error(request, refusal_text(exc))
        else:
            messages.success(request, _("Turnout recorded."))
            return redirect("results:enter_turnout", election.pk, place.pk)
    reports = {r.hour: r for r in TurnoutReport.objects.filter(election=election, precinct=place)}
    return render(
        request,
        "results/turnout_entry.html",
        {
            "election": election,
            "place": place,
            "hours": [(h, reports.get(h)) for h in TurnoutReport.HOURS],
        },
    )


def _live_document(election: Election, official: bool) -> dict[str, Any]:
    tally, expected = live_tally(election)
    names = {
        str(d.pk): d.name_ru
        for d in District.objects.filter(pk__in=[int(k) for k in expected] or [0])
    }
    return {
        "format": "saylau-live/1",
        "election": {
            "id": election.pk,
            "name_ru": election.name_ru,
            "day": election.day.isoformat(),
        },
        "status": "official" if official else "preliminary",
        "as_of": clock.now().replace(microsecond=0).isoformat(),
        "protocols": {"counted": tally.total.protocols, "expected": sum(expected.values())},
        "totals": tally.total.to_json(),
        "districts": [
            {
                "id": key,
                "name": names.get(key, key),
                "expected": n,
                **(tally.districts[key].to_json() if key in tally.districts else {"protocols": 0}),
            }
            for key, n in sorted(expected.items())
        ],
        "turnout": turnout_series(election),
    }


@cached_public("live")
def live_json(request: HttpRequest, election_pk: int) -> HttpResponse:
    from django.http import JsonResponse

    election, official = _election(election_pk)
    return JsonResponse(
        _live_document(election, official), json_dumps_params={"ensure_ascii": False}
    )


@cached_public("live")
def live_csv(request: HttpRequest, election_pk: int) -> HttpResponse:
    import csv
    import io

    election, official = _election(election_pk)
    document = _live_document(election, official)
    codes = [pl.party.code for pl in selectors.party_lists(election)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["status", "district_id", "district", "protocols", "expected", "valid", *codes])
    for d in document["districts"]:
        votes = d.get("votes", {})
        writer.writerow(
            [
                document["status"],
                d["id"],
                d["name"],
                d["protocols"],
                d["expected"],
                d.get("valid", 0),
                *(votes.get(c, 0) for c in codes),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="live-{election.pk}.csv"'
    return response
