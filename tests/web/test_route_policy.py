"""Every route x every role: the access policy as the pages and the API enforce it.

Every URL pattern of the site and every route of the JSON API is enumerated from Django's
URL resolver (so that a new route is caught automatically) and requested, on the demo data,
by anonymous and by each demo role with GET, and the routes that write with POST too (with
the form that would succeed for a role allowed to). The test fails on

* a route missing from :data:`ROUTES` ("route X is not covered by the policy test");
* a 2xx answer to a role the table does not allow;
* a POST by a role the table does not allow that is not refused (401, 403, 404, 405, or the
  sign-in page for the anonymous): a redirect elsewhere means the view went ahead;
* any change of state by a role the table does not allow (a row of any table of the
  application inserted, updated or deleted: temporary triggers on SQLite, PostgreSQL's own
  per-transaction counters), and any change of state at all on GET;
* an allowed GET that does not answer (4xx or 5xx): the table is out of date.

Each request runs in a savepoint that is rolled back, so that every probe sees the demo as
loaded. To cover a new route add one line to :data:`ROUTES`: which roles may read it (GET),
which may write with it (POST; ``None`` for a page that only reads), its URL arguments from
the demo objects, and the form that would succeed.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ANON = "anonymous"
CEC, REGIONAL, TERRITORIAL, PRECINCT = "cec", "regional", "territorial", "precinct"
AKIMAT, TRAINER, OBSERVER = "akimat", "trainer", "observer"
ROLES = (ANON, CEC, REGIONAL, TERRITORIAL, PRECINCT, AKIMAT, TRAINER, OBSERVER)
SIGNED_IN = frozenset(ROLES) - {ANON}
PUBLIC = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
COMMISSIONS = frozenset({CEC, REGIONAL, TERRITORIAL, PRECINCT})
HIGHER = frozenset({CEC, REGIONAL, TERRITORIAL})
PERSONAL = frozenset({CEC, REGIONAL, TERRITORIAL, PRECINCT, AKIMAT})
CEC_REGIONAL = frozenset({CEC, REGIONAL})


def but(roles: frozenset[str], *without: str) -> frozenset[str]:
    return roles - set(without)


Objects = dict[str, Any]


@dataclass(frozen=True)
class Route:
    """What the policy says of one route: who may GET it (2xx), who may POST to it (``None``:
    the route only reads, a POST must change nothing), its URL arguments and POST body."""

    get: frozenset[str] | Callable[[Objects], frozenset[str]]
    post: frozenset[str] | None = None
    args: Callable[[Objects], dict[str, Any]] = field(default=lambda o: {})
    data: Callable[[Objects], dict[str, Any]] = field(default=lambda o: {})
    json: bool = False  # the body is JSON (the API)


def _e(key: str, name: str = "election_pk") -> Callable[[Objects], dict[str, Any]]:
    return lambda o: {name: o[key].pk}


def _protocol_form(o: Objects) -> dict[str, Any]:
    """The web form of a consistent protocol for the demo election's lists."""
    from saylau.web.results.forms import LINES

    data = dict.fromkeys((name for name, _label, _required in LINES), 0)
    data |= {f"vote_{pl.party.code}": 0 for pl in o["election"].party_lists.select_related("party")}
    data["reason"] = "a probe of the policy test"
    return data


def _lists_route(o: Objects) -> dict[str, Any]:
    return {"election_id": o["lists_election"].pk, "precinct_id": o["precinct"].pk}


def _results_precinct(o: Objects) -> dict[str, Any]:
    return {"election_pk": o["election"].pk, "precinct_pk": o["precinct"].pk}


def _api_precinct(o: Objects) -> dict[str, Any]:
    return {"election_id": o["election"].pk, "precinct_id": o["precinct"].pk}


NEW_ELECTION = {
    "name_ru": "Проба",
    "name_kk": "Сынақ",
    "body": "maslikhat_oblast",
    "day": "2027-06-06",
    "list_seats": "10",
    "single_member_districts": "0",
}
#: The demo election is an oblast maslikhat's: set up, tabulated and decided by the regional
#: commission (and the CEC), not by a territorial one (whose district is narrower).
OBLAST = CEC_REGIONAL

#: The whole table. Keys are the URL patterns as Django prints them.
ROUTES: dict[str, Route] = {
    # core, accounts, audit, territory
    "": Route(get=PUBLIC),
    "dashboard/": Route(get=SIGNED_IN),
    "accounts/": Route(get=SIGNED_IN),
    "accounts/login/": Route(get=PUBLIC, post=PUBLIC, data=lambda o: {"username": "x"}),
    "accounts/logout/": Route(get=NOBODY, post=PUBLIC),
    "accounts/otp/verify/": Route(get=SIGNED_IN, post=SIGNED_IN),
    "accounts/otp/enrol/": Route(get=SIGNED_IN, post=SIGNED_IN),
    "audit/": Route(get=CEC_REGIONAL),
    "territory/": Route(get=NOBODY),  # a redirect to the districts
    "territory/districts/": Route(get=SIGNED_IN),
    "territory/precincts/": Route(get=SIGNED_IN),
    "territory/precincts/<int:precinct_id>/": Route(
        get=SIGNED_IN, args=lambda o: {"precinct_id": o["precinct"].pk}
    ),
    "i18n/setlang/": Route(get=NOBODY, post=PUBLIC, data=lambda o: {"language": "ru"}),
    # register and voter lists
    "register/": Route(get=SIGNED_IN),
    "register/find/": Route(get=PUBLIC, post=PUBLIC, data=lambda o: {"iin": o["person"].iin}),
    "register/persons/": Route(get=PERSONAL),
    "register/persons/<int:person_id>/": Route(
        get=PERSONAL, args=lambda o: {"person_id": o["person"].pk}
    ),
    "register/imports/": Route(get=CEC_REGIONAL, post=CEC_REGIONAL),
    "register/imports/<int:import_id>/": Route(
        get=CEC_REGIONAL, args=lambda o: {"import_id": o["import"].pk}
    ),
    "register/events/": Route(
        get=frozenset({CEC, REGIONAL, AKIMAT}), post=frozenset({CEC, REGIONAL, AKIMAT})
    ),
    "register/elections/<int:election_id>/lists/": Route(
        get=SIGNED_IN, args=_e("lists_election", "election_id")
    ),
    "register/elections/<int:election_id>/lists/compile/": Route(
        get=NOBODY,
        post=frozenset({CEC, REGIONAL, AKIMAT}),
        args=_e("lists_election", "election_id"),
    ),
    "register/elections/<int:election_id>/lists/<int:precinct_id>/": Route(
        get=PERSONAL, args=_lists_route
    ),
    "register/elections/<int:election_id>/lists/<int:precinct_id>/export.<str:fmt>": Route(
        get=PERSONAL, args=lambda o: _lists_route(o) | {"fmt": "csv"}
    ),
    "register/elections/<int:election_id>/lists/<int:precinct_id>/absentee/": Route(
        get=NOBODY, post=COMMISSIONS, args=_lists_route, data=lambda o: {"entry": o["entry"].pk}
    ),
    "register/elections/<int:election_id>/lists/<int:precinct_id>/additional/": Route(
        get=NOBODY, post=PERSONAL, args=_lists_route, data=lambda o: {"iin": o["person"].iin}
    ),
    "register/elections/<int:election_id>/special-stay/": Route(
        get=NOBODY, post=PERSONAL, args=_e("lists_election", "election_id")
    ),
    "register/elections/<int:election_id>/outside/": Route(
        get=PERSONAL,
        post=PERSONAL,
        args=_e("lists_election", "election_id"),
        data=lambda o: {
            "iin": o["person"].iin,
            "reason": "illness",
            "applicant": "voter",
            "where": "home",
        },
    ),
    "register/outside/<int:request_id>/status/": Route(
        get=NOBODY,
        post=PERSONAL,
        args=lambda o: {"request_id": o["outside"].pk},
        data=lambda o: {"status": "visited"},
    ),
    "register/elections/<int:election_id>/outside/<int:precinct_id>/route.pdf": Route(
        get=PERSONAL, args=_lists_route
    ),
    # elections
    "elections/": Route(get=SIGNED_IN),
    "elections/new/": Route(
        get=CEC_REGIONAL,
        post=CEC_REGIONAL,
        data=lambda o: NEW_ELECTION | {"region": o["region"].pk},
    ),
    "elections/<int:pk>/": Route(get=SIGNED_IN, args=_e("election", "pk")),
    "elections/<int:pk>/lists/": Route(
        get=NOBODY, post=OBLAST, args=_e("election", "pk"), data=lambda o: {"party": 1}
    ),
    "elections/<int:pk>/lists/<int:list_pk>/candidates/": Route(
        get=NOBODY,
        post=OBLAST,
        args=lambda o: {"pk": o["election"].pk, "list_pk": o["party_list"].pk},
        data=lambda o: {"full_name": "Проба Пробаев", "iin": o["person"].iin},
    ),
    "elections/<int:pk>/draw/": Route(
        get=NOBODY, post=OBLAST, args=_e("election", "pk"), data=lambda o: {"witnesses": "A\nB"}
    ),
    "elections/<int:pk>/districts/": Route(
        get=NOBODY,
        post=OBLAST,
        args=_e("election", "pk"),
        data=lambda o: {"number": 99, "name_ru": "Проба", "name_kk": "Сынақ"},
    ),
    "elections/<int:pk>/districts/<int:district_pk>/candidates/": Route(
        get=NOBODY,
        post=OBLAST,
        args=lambda o: {"pk": o["election"].pk, "district_pk": o["smd"].pk if o["smd"] else 0},
        data=lambda o: {"full_name": "Проба Пробаев", "iin": o["person"].iin},
    ),
    # results
    "results/": Route(get=SIGNED_IN),
    "results/elections/<int:election_pk>/": Route(get=SIGNED_IN, args=_e("election")),
    "results/elections/<int:election_pk>/qr/": Route(
        get=NOBODY, post=HIGHER, args=_e("election"), data=lambda o: {"qr": "SAYLAU-PROTOCOL/1 x"}
    ),
    "results/elections/<int:election_pk>/distribute/": Route(
        get=NOBODY, post=OBLAST, args=_e("election")
    ),
    "results/elections/<int:election_pk>/sign-off/": Route(
        get=NOBODY, post=OBLAST, args=_e("election")
    ),
    "results/elections/<int:election_pk>/publish-preliminary/": Route(
        get=NOBODY, post=OBLAST, args=_e("election")
    ),
    "results/elections/<int:election_pk>/publish/": Route(
        get=NOBODY, post=OBLAST, args=_e("election")
    ),
    "results/elections/<int:election_pk>/mandates.pdf": Route(get=SIGNED_IN, args=_e("election")),
    "results/elections/<int:election_pk>/mandates/": Route(get=SIGNED_IN, args=_e("election")),
    "results/elections/<int:election_pk>/mandates/decisions/": Route(
        get=NOBODY, post=OBLAST, args=_e("election")
    ),
    "results/elections/<int:election_pk>/precincts/<int:precinct_pk>/enter/": Route(
        get=NOBODY, post=COMMISSIONS, args=_results_precinct, data=_protocol_form
    ),
    "results/elections/<int:election_pk>/precincts/<int:precinct_pk>/enter/check/": Route(
        get=NOBODY, post=None, args=_results_precinct, data=_protocol_form
    ),
    "results/elections/<int:election_pk>/precincts/<int:precinct_pk>/single-member/": Route(
        get=NOBODY, post=COMMISSIONS, args=_results_precinct, data=_protocol_form
    ),
    "results/elections/<int:election_pk>/precincts/<int:precinct_pk>/single-member/check/": Route(
        get=NOBODY, post=None, args=_results_precinct, data=_protocol_form
    ),
    "results/protocols/<int:pk>/correct-single-member/": Route(
        get=NOBODY, post=COMMISSIONS, args=_e("protocol", "pk"), data=_protocol_form
    ),
    "results/protocols/<int:pk>/": Route(get=SIGNED_IN, args=_e("protocol", "pk")),
    "results/protocols/<int:pk>/correct/": Route(
        get=COMMISSIONS, post=COMMISSIONS, args=_e("protocol", "pk"), data=_protocol_form
    ),
    "results/protocols/<int:pk>/decide/": Route(
        get=NOBODY, post=HIGHER, args=_e("protocol", "pk"), data=lambda o: {"decision": "accept"}
    ),
    "results/protocols/<int:pk>/print.pdf": Route(get=SIGNED_IN, args=_e("protocol", "pk")),
    "results/public/": Route(get=PUBLIC),
    "results/public/<int:election_pk>/": Route(get=PUBLIC, args=_e("election")),
    "results/public/<int:election_pk>/results.json": Route(get=PUBLIC, args=_e("election")),
    "results/public/<int:election_pk>/results.csv": Route(get=PUBLIC, args=_e("election")),
    "results/public/<int:election_pk>/results-single-member.csv": Route(
        get=PUBLIC, args=_e("election")
    ),
    "results/public/<int:election_pk>/nist-cdf.json": Route(get=PUBLIC, args=_e("election")),
    # commissions and training
    "commissions/": Route(get=SIGNED_IN),
    "commissions/<int:pk>/": Route(
        get=SIGNED_IN, post=HIGHER, args=lambda o: {"pk": o["commission"].pk}
    ),
    "commissions/members/<int:pk>/dismiss/": Route(
        get=NOBODY,
        post=HIGHER,
        args=lambda o: {"pk": o["member"].pk},
        data=lambda o: {"on": "2026-10-01", "reason": "probe"},
    ),
    "commissions/members/<int:pk>/replace/": Route(
        get=NOBODY, post=HIGHER, args=lambda o: {"pk": o["member"].pk}
    ),
    "commissions/trainers/": Route(get=SIGNED_IN),
    "commissions/trainers/add/": Route(get=NOBODY, post=CEC_REGIONAL),
    "commissions/plans/": Route(get=SIGNED_IN, post=CEC_REGIONAL),
    "commissions/sessions/add/": Route(get=NOBODY, post=HIGHER),
    # the demo trainer gives the demo session: it records its enrolment, attendance and tests
    "commissions/sessions/<int:pk>/enrol/": Route(
        get=NOBODY, post=HIGHER | {TRAINER}, args=lambda o: {"pk": o["session"].pk}
    ),
    "commissions/sessions/<int:pk>/budget/": Route(
        get=NOBODY, post=HIGHER | {AKIMAT}, args=lambda o: {"pk": o["session"].pk}
    ),
    "commissions/sessions/": Route(get=SIGNED_IN),
    # a district's training session: not a precinct commission's to see
    "commissions/sessions/<int:pk>/": Route(
        get=but(SIGNED_IN, PRECINCT), args=lambda o: {"pk": o["session"].pk}
    ),
    # its trainer moves it (commissions' own rule on top of the policy)
    "commissions/sessions/<int:pk>/edit/": Route(
        get=HIGHER | {TRAINER}, post=HIGHER | {TRAINER}, args=lambda o: {"pk": o["session"].pk}
    ),
    "commissions/sessions/<int:pk>/cancel/": Route(
        get=NOBODY, post=HIGHER | {TRAINER}, args=lambda o: {"pk": o["session"].pk}
    ),
    "commissions/sessions/<int:pk>/attendance/": Route(
        get=NOBODY, post=HIGHER | {TRAINER}, args=lambda o: {"pk": o["session"].pk}
    ),
    "commissions/enrolments/<int:pk>/test/<str:kind>/": Route(
        get=HIGHER | {TRAINER},
        post=HIGHER | {TRAINER},
        args=lambda o: {"pk": o["enrolment"].pk, "kind": "entry"},
    ),
    "commissions/certificates/<int:pk>.pdf": Route(
        get=lambda o: o["certificate_readers"],
        args=lambda o: {"pk": o["certificate"].pk if o["certificate"] else 0},
    ),
    "commissions/verify/<str:code>/": Route(
        get=PUBLIC,
        args=lambda o: {"code": o["certificate"].verification_code if o["certificate"] else "none"},
    ),
    "commissions/coverage/": Route(get=SIGNED_IN),
    "commissions/coverage.xlsx": Route(get=SIGNED_IN),
    "commissions/trainers.xlsx": Route(get=SIGNED_IN),
    "commissions/budget/": Route(get=SIGNED_IN),
    "commissions/budget.pdf": Route(get=SIGNED_IN),
    # --- routes added in the second wave: four eyes, open data, absentee certificates, the
    # calendar, verification, live night, turnout, signing keys, training ---
    "api/results/elections/<election_id>/requests": Route(
        get=NOBODY,
        post=OBLAST,
        args=lambda o: {"election_id": o["election"].pk},
        data=lambda o: {"action": "sign_off"},
        json=True,
    ),
    "api/results/requests/<request_id>/confirm": Route(
        get=NOBODY,
        post=OBLAST,
        args=lambda o: {"request_id": o["request"].pk if o["request"] else 0},
        json=True,
    ),
    "open-data/precinct-accessibility.json": Route(get=PUBLIC),
    "open-data/precinct-accessibility.csv": Route(get=PUBLIC),
    # those who know the building: the akimat and the territorial commission (and above)
    "territory/precincts/<int:precinct_id>/accessibility/": Route(
        get=but(PERSONAL, PRECINCT),
        post=but(PERSONAL, PRECINCT),
        args=lambda o: {"precinct_id": o["precinct"].pk},
    ),
    # the voter's own request for home voting or assistance: public, rate-limited
    "register/find/help/": Route(get=PUBLIC, post=PUBLIC),
    "register/find/correction/": Route(get=PUBLIC, post=PUBLIC),
    "register/elections/<int:election_id>/lists/<int:precinct_id>/corrections/": Route(
        get=NOBODY,
        post=PERSONAL,
        args=_lists_route,
        data=lambda o: {
            "corr-iin": o["entry"].person.iin,
            "corr-kind": "wrong_details",
            "corr-details": "a probe of the policy test",
        },
    ),
    "register/elections/<int:election_id>/lists/<int:precinct_id>/corrections/<int:request_id>/": (
        Route(
            get=NOBODY,
            post=PERSONAL,
            args=lambda o: _lists_route(o) | {"request_id": o["correction"].pk},
            data=lambda o: {"status": "refused", "decision": "a probe of the policy test"},
        )
    ),
    "register/elections/<int:election_id>/absentee/": Route(
        get=but(SIGNED_IN, TRAINER, OBSERVER),
        args=lambda o: {"election_id": o["lists_election"].pk},
    ),
    "register/elections/<int:election_id>/absentee/register.<str:fmt>": Route(
        get=but(SIGNED_IN, TRAINER, OBSERVER),
        args=lambda o: {"election_id": o["lists_election"].pk, "fmt": "csv"},
    ),
    # the demo's coming election has no certificate in the demo precinct yet: every role gets
    # 404 (the page of the register above is where readers are told apart)
    "register/elections/<int:election_id>/absentee/<int:number>.pdf": Route(
        get=NOBODY,
        args=lambda o: {"election_id": o["lists_election"].pk, "number": o["absentee"]},
    ),
    "register/elections/<int:election_id>/absentee/<int:number>/cancel/": Route(
        get=NOBODY,
        post=COMMISSIONS,
        args=lambda o: {"election_id": o["lists_election"].pk, "number": o["absentee"]},
        data=lambda o: {"reason": "probe"},
    ),
    "elections/<int:pk>/calendar.ics": Route(get=SIGNED_IN, args=_e("election", "pk")),
    "elections/commissions/<int:commission_pk>/calendar.ics": Route(
        get=SIGNED_IN, args=lambda o: {"commission_pk": o["commission"].pk}
    ),
    # the points still to be confirmed: the CEC's page only
    "elections/legal-basis/": Route(get=frozenset({CEC})),
    "results/elections/<int:election_pk>/register-mandates/": Route(
        get=NOBODY, post=OBLAST, args=_e("election")
    ),
    "results/requests/<int:request_pk>/": Route(
        get=NOBODY,
        post=OBLAST,
        args=lambda o: {"request_pk": o["request"].pk if o["request"] else 0},
    ),
    "results/protocols/<int:pk>/cancel/": Route(
        get=NOBODY, post=OBLAST, args=_e("protocol", "pk"), data=lambda o: {"reason": "probe"}
    ),
    "results/public/<int:election_pk>/verify/": Route(get=PUBLIC, post=PUBLIC, args=_e("election")),
    "results/public/<int:election_pk>/screening/": Route(get=PUBLIC, args=_e("election")),
    "results/live/<int:election_pk>/": Route(get=PUBLIC, args=_e("election")),
    "results/live/<int:election_pk>/live.json": Route(get=PUBLIC, args=_e("election")),
    "results/live/<int:election_pk>/live.csv": Route(get=PUBLIC, args=_e("election")),
    "results/live/<int:election_pk>/districts/<int:district_pk>/": Route(
        get=PUBLIC,
        args=lambda o: {"election_pk": o["election"].pk, "district_pk": o["district"].pk},
    ),
    "results/live/<int:election_pk>/precincts/<int:precinct_pk>/": Route(
        get=PUBLIC, args=_results_precinct
    ),
    # the precinct commission reports its own turnout
    "results/elections/<int:election_pk>/precincts/<int:precinct_pk>/turnout/": Route(
        get=SIGNED_IN, post=COMMISSIONS, args=_results_precinct
    ),
    "signing/keys.json": Route(get=PUBLIC),
    "signing/audit-heads.json": Route(get=PUBLIC),
    "signing/audit-heads/<str:day>.json": Route(get=NOBODY, args=lambda o: {"day": "2000-01-01"}),
    "commissions/<int:pk>/seat/": Route(
        get=NOBODY, post=HIGHER, args=lambda o: {"pk": o["commission"].pk}
    ),
    "commissions/enrolments/<int:pk>/exercise/": Route(
        get=HIGHER | {TRAINER}, args=lambda o: {"pk": o["enrolment"].pk}
    ),
    "commissions/enrolments/<int:pk>/exercise/<str:scenario>/": Route(
        get=HIGHER | {TRAINER},
        post=HIGHER | {TRAINER},
        args=lambda o: {"pk": o["enrolment"].pk, "scenario": "spoiled"},
    ),
    "commissions/certificates/<int:pk>/revoke/": Route(
        get=NOBODY,
        post=HIGHER | {TRAINER},
        args=lambda o: {"pk": o["certificate"].pk if o["certificate"] else 0},
    ),
    "commissions/questions/statistics/": Route(get=SIGNED_IN),
    "commissions/effect/": Route(get=SIGNED_IN),
    "commissions/effect.pdf": Route(get=SIGNED_IN),
    # list audit
    "listaudit/": Route(get=SIGNED_IN, post=CEC_REGIONAL),
    "listaudit/runs/<int:run_id>/": Route(get=SIGNED_IN, args=lambda o: {"run_id": o["run"].pk}),
    "listaudit/runs/<int:run_id>/findings/": Route(
        get=but(SIGNED_IN, TRAINER, OBSERVER), args=lambda o: {"run_id": o["run"].pk}
    ),
    "listaudit/findings/<int:finding_id>/": Route(
        get=but(SIGNED_IN, TRAINER, OBSERVER),
        post=frozenset({CEC, REGIONAL, TERRITORIAL, AKIMAT}),
        args=lambda o: {"finding_id": o["finding"].pk},
        data=lambda o: {"status": "confirmed", "reason": "probe"},
    ),
    "listaudit/regions/<int:region_id>/analysis/": Route(
        get=SIGNED_IN, args=lambda o: {"region_id": o["region"].pk}
    ),
    "listaudit/regions/<int:region_id>/analysis.pdf": Route(
        get=SIGNED_IN, args=lambda o: {"region_id": o["region"].pk}
    ),
    # the JSON API (django-ninja; its routes are Django URL patterns too)
    "api/": Route(get=NOBODY),  # django-ninja's root: nothing there
    "api/openapi.json": Route(get=PUBLIC),
    "api/docs": Route(get=PUBLIC),
    "api/register/find-precinct": Route(
        get=NOBODY, post=PUBLIC, json=True, data=lambda o: {"iin": o["person"].iin}
    ),
    "api/register/list-corrections": Route(
        get=NOBODY,
        post=PUBLIC,
        json=True,
        data=lambda o: {
            "iin": o["person"].iin,
            "election_id": o["lists_election"].pk,
            "kind": "wrong_details",
            "details": "a probe of the policy test",
        },
    ),
    "api/register/counts": Route(get=SIGNED_IN),
    "api/register/elections/<election_id>/lists": Route(
        get=SIGNED_IN, args=_e("lists_election", "election_id")
    ),
    "api/register/elections/<election_id>/lists/<precinct_id>": Route(
        get=PERSONAL, args=_lists_route
    ),
    "api/results/elections/<election_id>/precincts/<precinct_id>/protocol": Route(
        get=NOBODY, post=COMMISSIONS, json=True, args=_api_precinct
    ),
    "api/results/elections/<election_id>/precincts/<precinct_id>/check": Route(
        get=NOBODY, post=None, json=True, args=_api_precinct
    ),
    "api/results/device-tokens": Route(get=NOBODY, post=COMMISSIONS, json=True),
    "api/results/device-tokens/<token_id>/revoke": Route(
        get=NOBODY,
        post=NOBODY,
        json=True,
        args=lambda o: {"token_id": o["token"].pk if o["token"] else 0},
    ),
    "api/results/protocols/<protocol_id>": Route(
        get=SIGNED_IN, args=lambda o: {"protocol_id": o["protocol"].pk}
    ),
    "api/results/elections/<election_id>/live": Route(
        get=SIGNED_IN, args=_e("election", "election_id")
    ),
    "api/results/public/<election_id>": Route(get=PUBLIC, args=_e("election", "election_id")),
    "api/commissions/": Route(get=SIGNED_IN),
    "api/commissions/coverage/<election_id>": Route(
        get=SIGNED_IN, args=_e("lists_election", "election_id")
    ),
    "api/commissions/verify/<code>": Route(
        get=PUBLIC,
        args=lambda o: {"code": o["certificate"].verification_code if o["certificate"] else "none"},
    ),
}


# -- walking the routes ---------------------------------------------------------------


def walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


#: Django's own admin (staff accounts only, with its own permission system) and the static
#: files of DEBUG are not the application's routes.
NOT_OURS = re.compile(r"^(admin/|static/|media/|\^)")


def all_routes() -> list[str]:
    seen: list[str] = []
    for route in walk(get_resolver().url_patterns):
        if NOT_OURS.match(route) or route in seen:
            continue
        seen.append(route)
    return seen


def url_of(route: str, kwargs: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in kwargs:
            raise KeyError(f"route {route!r} needs the URL argument {name!r} in its args")
        return str(kwargs[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


# -- the demo and its objects ----------------------------------------------------------


def demo_objects() -> Objects:
    """The demo's objects the routes are asked about: all in the demo precinct's district
    (where the precinct, territorial, akimat and regional users work), so that a refusal is
    the policy's and not a foreign territory's."""
    from saylau.web.accounts.demo import demo_places
    from saylau.web.accounts.models import User
    from saylau.web.commissions.models import (
        Certificate,
        Commission,
        Enrolment,
        Member,
        TrainingSession,
    )
    from saylau.web.commissions.selectors import sessions_for
    from saylau.web.core import clock
    from saylau.web.elections.models import PartyList, SingleMemberDistrict
    from saylau.web.listaudit.models import AuditRun, Finding
    from saylau.web.register.models import (
        AbsenteeCertificate,
        ListCorrectionRequest,
        OutsideVotingRequest,
        Person,
        RegisterImport,
        VoterListEntry,
    )
    from saylau.web.results.models import ActionRequest, DeviceToken, Protocol

    places = demo_places()
    precinct, district = places["precinct"], places["district"]
    protocol = Protocol.objects.filter(
        precinct=precinct, is_current=True, race="party_list"
    ).first()
    assert protocol is not None, "the demo has no protocol of its precinct"
    election = protocol.election
    entry = (
        VoterListEntry.objects.filter(voter_list__precinct=precinct, part="main")
        .exclude(voter_list__election=election)
        .select_related("voter_list", "person")
        .first()
    )
    assert entry is not None, "the demo has no voter list of the coming election"
    lists_election = entry.voter_list.election
    session = TrainingSession.objects.filter(district=district).first() or (
        TrainingSession.objects.first()
    )
    enrolment = Enrolment.objects.filter(session=session).first() or Enrolment.objects.first()
    certificate = Certificate.objects.order_by("pk").first()
    commission = Commission.objects.filter(district=district).first()
    return {
        "region": places["region"],
        "district": district,
        "precinct": precinct,
        "election": election,
        "protocol": protocol,
        "party_list": PartyList.objects.filter(election=election).first(),
        "smd": SingleMemberDistrict.objects.first(),
        "lists_election": lists_election,
        "entry": entry,
        "person": Person.private_objects.filter(address__precinct=precinct).first(),
        "import": RegisterImport.objects.first(),
        "outside": OutsideVotingRequest.objects.filter(precinct=precinct).first()
        or OutsideVotingRequest.objects.first(),
        "commission": commission,
        "member": Member.objects.filter(commission=commission).first(),
        "session": session,
        "enrolment": enrolment,
        "certificate": certificate,
        # who sees a certificate is who sees its training session (a read rule of the
        # commissions app, not the policy's): asked of the selector itself
        "certificate_readers": frozenset(
            role
            for role in SIGNED_IN
            if certificate is not None
            and sessions_for(User.objects.get(username=role))
            .filter(pk=certificate.enrolment.session_id)
            .exists()
        ),
        "run": AuditRun.objects.first(),
        "finding": Finding.objects.filter(district=district).first() or Finding.objects.first(),
        "token": DeviceToken.objects.first(),
        "absentee": (
            AbsenteeCertificate.objects.filter(election=lists_election)
            .values_list("number", flat=True)
            .first()
            or 1
        ),
        "request": ActionRequest.objects.filter(election=election).first(),
        # the demo has no request to correct a list: one, as a voter would make it
        "correction": ListCorrectionRequest.objects.create(
            election=lists_election,
            precinct=precinct,
            person=entry.person,
            kind="wrong_details",
            details="the birth date is wrong",
            received_at=clock.now(),
        ),
    }


def _tables() -> list[str]:
    return sorted(
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if (m.__module__.startswith("saylau.") or m._meta.app_label in SAYLAU_APPS)
        and m._meta.label not in BOOKKEEPING
    )


#: Tables a refusal writes to by design: the audit log records a refused attempt at what
#: cannot be undone (issue 13: "refused, nothing changed, the attempt audited"), and the rate
#: counters count a client's requests whatever they ask. Every real change also writes its own
#: table, which stays watched.
BOOKKEEPING = {"audit.AuditEvent", "core.RateCounter"}


SAYLAU_APPS = {"accounts", "audit", "territory", "register", "elections", "results"}
SAYLAU_APPS |= {"commissions", "listaudit", "core"}


def watch_changes() -> None:
    """On SQLite, count every row written to a table of the application (temporary triggers;
    PostgreSQL counts them itself in ``pg_stat_xact_user_tables``)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS policy_changes (tbl TEXT)")
        for table in _tables():
            for event in ("INSERT", "UPDATE", "DELETE"):
                name, body = f"policy_{table}_{event}", f"'{table}'"
                sql = f'CREATE TEMP TRIGGER IF NOT EXISTS "{name}" AFTER {event} ON main."{table}" '
                values = f"VALUES ({body}); END"
                cursor.execute(sql + "BEGIN INSERT INTO policy_changes " + values)  # noqa: S608


def state() -> tuple[tuple[str, int], ...]:
    """How many rows of each table of the application were inserted, updated or deleted."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl, count(*) FROM policy_changes GROUP BY tbl ORDER BY tbl")
            return tuple(cursor.fetchall())
        tables = _tables()
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE relname = ANY(%s) ORDER BY relname",
            [tables],
        )
        return tuple(row for row in cursor.fetchall() if row[1])


def refused(response: Any, role: str) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    location = response.get("Location", "")
    return role == ANON and response.status_code == 302 and "/accounts/login/" in location


def probe(
    client: Client, method: str, url: str, route: Route, objects: Objects
) -> tuple[Any, bool]:
    """One request in a savepoint rolled back afterwards: the response and whether it
    changed anything."""
    with transaction.atomic():
        before = state()
        if method == "get":
            response = client.get(url)
        elif route.json:
            body = json.dumps(route.data(objects))
            response = client.post(url, body, content_type="application/json")
        else:
            response = client.post(url, route.data(objects))
        changed = state() != before
        transaction.set_rollback(True)
    return response, changed


def test_every_route_answers_every_role_as_the_policy_says() -> None:
    from saylau.web.accounts.models import User
    from saylau.web.core.demo import load_demo

    load_demo(say=lambda text: None)
    objects = demo_objects()
    watch_changes()
    routes = all_routes()
    if os.environ.get("SAYLAU_ROUTE_DUMP"):
        dump(routes, objects)
        return
    missing = [r for r in routes if r not in ROUTES]
    assert not missing, "\n".join(
        f"route {r!r} is not covered by the policy test: add it to ROUTES in "
        f"tests/web/test_route_policy.py (who may GET, who may POST, its URL arguments)"
        for r in missing
    )
    stale = sorted(set(ROUTES) - set(routes))
    assert not stale, f"ROUTES names routes that no longer exist: {stale}"
    clients: dict[str, Client] = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != ANON:
            client.force_login(User.objects.get(username=role))
        clients[role] = client
    failures: list[str] = []
    for route_pattern in routes:
        route = ROUTES[route_pattern]
        url = url_of(route_pattern, route.args(objects))
        readers = route.get(objects) if callable(route.get) else route.get
        for role in ROLES:
            client = clients[role]
            response, changed = probe(client, "get", url, route, objects)
            ok = 200 <= response.status_code < 300
            if response.status_code >= 500:
                failures.append(f"GET {url} as {role}: {response.status_code}")
            elif ok and role not in readers:
                failures.append(f"GET {url} as {role}: {response.status_code}, not allowed")
            elif role in readers and response.status_code >= 400:
                failures.append(f"GET {url} as {role}: {response.status_code}, allowed")
            if changed:
                failures.append(f"GET {url} as {role}: changed the database")
            if route.post is None:
                continue  # a page that only reads: GET is what it answers
            response, changed = probe(client, "post", url, route, objects)
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            if role != ANON and (cookie is None or not cookie.value):
                client.force_login(User.objects.get(username=role))  # signed out by the probe
            allowed = route.post is not None and role in route.post
            if response.status_code >= 500:
                failures.append(f"POST {url} as {role}: {response.status_code}")
            elif route.post is not None and not allowed and not refused(response, role):
                failures.append(f"POST {url} as {role}: {response.status_code}, not refused")
            if changed and not allowed:
                failures.append(f"POST {url} as {role}: changed the database, not allowed")
    assert not failures, f"{len(failures)} answers differ from the policy:\n" + "\n".join(failures)


def dump(routes: list[str], objects: Objects) -> None:  # pragma: no cover - a tool
    """``SAYLAU_ROUTE_DUMP=1``: print what every role gets, to write a new line of ROUTES."""
    from saylau.web.accounts.models import User

    for route_pattern in routes:
        route = ROUTES.get(route_pattern, Route(get=NOBODY))
        try:
            url = url_of(route_pattern, route.args(objects))
        except KeyError as exc:
            print("NOARGS", route_pattern, exc)
            continue
        row = []
        for role in ROLES:
            client = Client(raise_request_exception=False)
            if role != ANON:
                client.force_login(User.objects.get(username=role))
            g, gc = probe(client, "get", url, route, objects)
            p, pc = probe(client, "post", url, route, objects)
            row.append(
                f"{role[:4]}:{g.status_code}{'*' if gc else ''}/{p.status_code}{'*' if pc else ''}"
            )
        print("ROUTE", route_pattern, " ".join(row))
