from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from saylau.web.accounts.scope import scope_for

from . import selectors
from .readable import readable

PAGE_SIZE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", None) not in selectors.READER_ROLES:
        raise PermissionDenied("the audit log is for the CEC and regional commissions")
    scope = scope_for(request.user)
    action = request.GET.get("action", "").strip()[:64]
    page = Paginator(selectors.events_for(scope, action=action), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/index.html",
        {
            "page": page,
            "rows": readable(page.object_list),
            "action": action,
            "actions": selectors.actions_for(scope),
            "extra_query": urlencode({"action": action}) if action else "",
            "head": selectors.chain_head(),
        },
    )
