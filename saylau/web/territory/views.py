"""Territory pages: districts, precincts and a precinct's polling station (scoped, read-only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saylau.web.accounts.scope import scope_for

from . import selectors
from .models import Precinct
from .services import may_edit_accessibility, update_accessibility

PAGE_SIZE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("territory:precincts")


@login_required
def district_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    page = Paginator(selectors.district_list(scope), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "territory/district_list.html", {"page": page})


@login_required
def precinct_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    district_id = _int_or_none(request.GET.get("district"))
    district = None
    if district_id is not None:
        district = selectors.districts_for(scope).filter(id=district_id).first()
        if district is None:
            district_id = -1  # outside the scope: an empty list, not someone else's precincts
    qs = selectors.precinct_list(scope, district_id=district_id)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.address_counts([p.id for p in page.object_list])
    for precinct in page.object_list:
        precinct.address_count = counts.get(precinct.id, 0)
    return render(
        request,
        "territory/precinct_list.html",
        {
            "page": page,
            "district": district,
            "extra_query": f"district={district.id}" if district is not None else "",
        },
    )


@login_required
def precinct_detail(request: HttpRequest, precinct_id: int) -> HttpResponse:
    precinct = selectors.precinct_detail(scope_for(request.user), precinct_id)
    return render(
        request,
        "territory/precinct_detail.html",
        {"precinct": precinct, "can_edit": may_edit_accessibility(request.user, precinct)},
    )


@login_required
def accessibility_edit(request: HttpRequest, precinct_id: int) -> HttpResponse:
    """The akimat or the territorial commission describes how a voter gets in."""
    precinct = selectors.precinct_detail(scope_for(request.user), precinct_id)
    if not may_edit_accessibility(request.user, precinct):
        raise PermissionDenied("not your precinct, or not your role")
    if request.method == "POST":
        update_accessibility(
            actor=request.user,
            precinct=precinct,
            features={name: name in request.POST for name in Precinct.ACCESSIBILITY_FIELDS},
            notes=request.POST.get("accessibility_notes", "")[:2000],
        )
        messages.success(request, _("The accessibility of the polling station is saved."))
        return redirect("territory:precinct", precinct_id=precinct.pk)
    return render(request, "territory/accessibility_edit.html", {"precinct": precinct})


def _int_or_none(raw: str | None) -> int | None:
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)
