"""Find my precinct: public, no login, the same answer shape and time for everyone."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from saylau.web.core.client import client_address

from ..forms import FindPrecinctForm
from ..services.lookup import find_precinct


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
        request, "register/find_precinct.html", {"form": form, "answer": answer}, status=status
    )
