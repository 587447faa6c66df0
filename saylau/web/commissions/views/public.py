"""The public certificate check: no login, the name masked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from saylau.web.core import clock

from ..selectors import certificate_by_code


def verify(request: HttpRequest, code: str) -> HttpResponse:
    cert = certificate_by_code(code)
    today = clock.today()
    status = 404 if cert is None else 200
    return render(
        request,
        "commissions/verify.html",
        {"cert": cert, "valid": cert is not None and cert.valid_on(today), "today": today},
        status=status,
    )
