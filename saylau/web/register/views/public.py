"""Find my precinct: public, no login, the same answer shape and time for everyone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..forms import FindPrecinctForm
from ..services.lookup import find_precinct


def client_key(request: HttpRequest) -> str:
    """The client a rate limit counts against (the address the request came from)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


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
