"""Find my precinct: public, no login, the same answer shape and time for everyone."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from saylau.web.core import clock
from saylau.web.core.client import client_address
from saylau.web.elections.windows import OutsideWindow, window_of

from ..forms import FindPrecinctForm, ListCorrectionForm, PublicHelpForm
from ..services.list_review import public_list_correction
from ..services.lookup import find_precinct, public_elections
from ..services.outside import application_deadline
from ..services.public_help import request_help


def client_key(request: HttpRequest) -> str:
    """The client a rate limit counts against.

    Its address as :func:`saylau.web.core.client.client_address` trusts it: the TCP peer, or
    behind ``SAYLAU_TRUSTED_PROXY_COUNT`` reverse proxies the address the outermost one saw
    (never what a client writes into X-Forwarded-For). An IPv6 client counts by its /64, the
    block one subscriber is given and may pick any address from; an IPv4-mapped IPv6 address
    counts as the IPv4 address it is.

    >>> from django.test import RequestFactory
    >>> client_key(RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1"))
    '2001:db8:1:2::/64'
    >>> client_key(RequestFactory().get("/", REMOTE_ADDR="::ffff:203.0.113.7"))
    '203.0.113.7'
    """
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def find_precinct_view(request: HttpRequest) -> HttpResponse:
    form = FindPrecinctForm(request.POST or None)
    answer = None
    status = 200
    if request.method == "POST":
        # Invalid input still takes the same path, so it takes the same time.
        iin = form.data.get("iin", "") if not form.is_valid() else form.cleaned_data["iin"]
        answer = find_precinct(iin=str(iin), client=client_key(request))
        if answer.limited:
            status = 429
    return render(
        request,
        "register/find_precinct.html",
        {"form": form, "answer": answer, "help_elections": _help_elections()},
        status=status,
    )


def _help_elections() -> list[tuple[Any, str, Any]]:
    """(election, its name, deadline of requests to vote at home) of the coming elections."""
    lang = (get_language() or "ru")[:2]
    return [
        (e, e.name_in(lang), clock.localtime(application_deadline(e)))
        for e in public_elections().order_by("day")
    ]


def help_request_view(request: HttpRequest) -> HttpResponse:
    """Voters with disabilities ask for home voting or assistance at the polling station."""
    elections = _help_elections()
    choices = [(e.pk, f"{name} ({e.day:%d.%m.%Y})") for e, name, _d in elections]
    form = PublicHelpForm(request.POST or None, elections=choices)
    answer = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        election = next(e for e, _n, _d in elections if e.pk == data["election"])
        answer = request_help(
            iin=data["iin"],
            election=election,
            kind=data["kind"],
            reason=data["reason"],
            where=data["where"],
            phone=data["phone"],
            applicant=data["applicant"],
            applicant_name=data["applicant_name"],
            client=client_key(request),
        )
        status = 429 if answer.status == "limited" else 200
        if answer.status == "received":
            form = PublicHelpForm(elections=choices)
    return render(
        request,
        "register/help_request.html",
        {"form": form, "answer": answer, "elections": elections},
        status=status,
    )


def _review_elections() -> list[tuple[Any, str, Any, Any]]:
    """(election, its name, when its lists open for review, until when) of coming elections."""
    lang = (get_language() or "ru")[:2]
    rows = []
    for e in public_elections().order_by("day"):
        w = window_of(e, "list_review")
        rows.append((e, e.name_in(lang), _local(w.opens), _local(w.closes)))
    return rows


def _local(moment: Any) -> Any:
    return moment.replace(tzinfo=clock.local_zone()) if moment is not None else None


def list_correction_view(request: HttpRequest) -> HttpResponse:
    """During the public review of the lists a voter asks to correct the list (Art. 26 p. 4);
    outside it the request is refused with the rule, its article and the date it opens."""
    elections = _review_elections()
    choices = [(e.pk, f"{name} ({e.day:%d.%m.%Y})") for e, name, _o, _c in elections]
    form = ListCorrectionForm(request.POST or None, elections=choices)
    answer = None
    refusal = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        election = next(e for e, _n, _o, _c in elections if e.pk == data["election"])
        try:
            answer = public_list_correction(
                iin=data["iin"],
                election=election,
                kind=data["kind"],
                details=data["details"],
                phone=data["phone"],
                client=client_key(request),
            )
        except OutsideWindow as exc:
            refusal = exc  # the page says the rule, its article and when it opens
        else:
            status = 429 if answer.status == "limited" else 200
            if answer.status == "received":
                form = ListCorrectionForm(elections=choices)
    return render(
        request,
        "register/list_correction.html",
        {"form": form, "answer": answer, "refusal": refusal, "elections": elections},
        status=status,
    )
