"""The calendar as a tool: an iCalendar feed per election and per commission, and the CEC's
"legal basis" page, the one place that lists the points of the calendar still to confirm."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from saylau.law.calendar import election_calendar
from saylau.law.windows import windows
from saylau.web.accounts.scope import scope_for
from saylau.web.core import clock

from .ical import calendar_ics
from .models import Election
from .selectors import elections_for


def _ics(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


@login_required
def election_ics(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(elections_for(request.user), pk=pk)
    lang = (get_language() or "ru")[:2]
    return _ics(calendar_ics([election], lang=lang, stamp=clock.now()), f"election-{pk}")


def commission_of(user: Any) -> Any:
    """The commission whose territory is the user's own (its calendar feed), or ``None``."""
    from saylau.web.commissions.models import Commission, Level

    precinct_id = getattr(user, "precinct_id", None)
    district_id = getattr(user, "district_id", None)
    region_id = getattr(user, "region_id", None)
    if precinct_id:
        return Commission.objects.filter(precinct_id=precinct_id).first()
    if district_id:
        return Commission.objects.filter(level=Level.TERRITORIAL, district_id=district_id).first()
    if region_id:
        return Commission.objects.filter(level=Level.REGIONAL, region_id=region_id).first()
    return None


@login_required
def commission_ics(request: HttpRequest, commission_pk: int) -> HttpResponse:
    """Every election a commission works on (its territory's and those above it)."""
    from saylau.web.commissions.models import Commission

    commission = get_object_or_404(Commission, pk=commission_pk)
    scope = scope_for(request.user)
    place = {"region_id": commission.region_id, "district_id": commission.district_id}
    if not scope.covers(**place, precinct_id=commission.precinct_id):
        raise PermissionDenied
    elections = [
        e
        for e in Election.objects.filter(day__gte=clock.today()).order_by("day")
        if (e.region_id is None or e.region_id == commission.region_id)
        and (e.district_id is None or e.district_id == commission.district_id)
    ]
    lang = (get_language() or "ru")[:2]
    text = calendar_ics(elections, lang=lang, stamp=clock.now())
    return _ics(text, f"commission-{commission_pk}")


#: How many names without a translation the page lists (the count says how many there are).
MISSING_SHOWN = 500


@login_required
def legal_basis(request: HttpRequest) -> HttpResponse:
    """For the CEC only: every deadline and window with its article, the source the notes
    found it in and, where they could not confirm it for the current law, why (law-notes
    sections 3, 4 and 9); saylau's own configurable training rules; and the names of the
    data still missing a translation (they show in Russian until the CEC fills them in)."""
    if not scope_for(request.user).is_country:
        raise PermissionDenied
    from datetime import date

    from saylau.web.commissions.rules import training_rules
    from saylau.web.core.names import current_language, missing_translations

    lang = current_language()
    missing = missing_translations()
    sample = {
        body: election_calendar(body, date(2027, 3, 21)) for body in ("mazhilis", "maslikhat")
    }
    rows = {d.code: d for cal in sample.values() for d in cal}
    rules = training_rules()
    training = [
        (
            _("Pass mark of a test"),
            f"{rules.pass_mark_percent} %",
            _("No published pass mark was found."),
        ),
        (
            _("Validity of a training certificate"),
            ngettext("%(n)d day", "%(n)d days", rules.certificate_valid_days)
            % {"n": rules.certificate_valid_days},
            _("No published period was found."),
        ),
        (
            _("Trainers need a valid trainer certificate"),
            _("yes") if rules.trainer_certification_required else _("no"),
            _(
                "saylau's own scheme: the published sources speak of a trainer corps, "
                "not of a certification."
            ),
        ),
        (
            _("Training deadline"),
            rules.training_deadline_anchor or "",
            _(
                "The law calendar sets no training deadline; taking a date of the calendar "
                "(or a number of days before election day) is saylau's configurable choice."
            ),
        ),
    ]
    return render(
        request,
        "elections/legal_basis.html",
        {
            "deadlines": [
                {
                    "d": d,
                    "what": d.what if lang == "en" else d.describe(lang),
                    "source": d.source_in(lang),
                    "unconfirmed": d.unconfirmed_in(lang) or "",
                }
                for d in rows.values()
            ],
            "windows": [
                {"w": w, "what": w.describe(lang), "unconfirmed": w.unconfirmed_in(lang) or ""}
                for w in windows(sample["maslikhat"])
            ],
            "sample_day": date(2027, 3, 21),
            "training": training,
            "missing": missing[:MISSING_SHOWN],
            "missing_total": len(missing),
        },
    )
