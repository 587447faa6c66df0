"""The public home page and the role dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from saylau.web.accounts.scope import scope_for
from saylau.web.territory import selectors as territory

from .dashboard import collect_panels, todo_list
from .templatetags.saylau import reverse_or_none


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "find_precinct_url": reverse_or_none("register:find_precinct"),
            "results_url": reverse_or_none("results:public_index"),
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_for(user)
    counts = territory.counts_for(scope)
    return render(
        request,
        "core/dashboard.html",
        {
            "scope": scope,
            "counts": counts,
            "panels": collect_panels(user=user, scope=scope),
            "todos": todo_list(user=user, scope=scope, counts=counts),
            "districts_url": reverse_or_none("territory:districts"),
            "precincts_url": reverse_or_none("territory:precincts"),
        },
    )
