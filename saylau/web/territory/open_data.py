"""Open data: the accessibility of every public polling station, as JSON and CSV at stable
URLs (``/open-data/precinct-accessibility.json`` and ``.csv``), no login.

Special precincts (hospitals, military units, places of detention) are not open to the public
and are left out.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from .models import Precinct

FORMAT = "saylau-precinct-accessibility/1"
COLUMNS = (
    "region_code",
    "district_code",
    "district_name_kk",
    "district_name_ru",
    "precinct_no",
    "kind",
    "polling_address",
    "polling_place",
    "opens_at",
    "closes_at",
    *Precinct.ACCESSIBILITY_FIELDS,
    "accessibility_notes",
)


def rows() -> list[dict[str, Any]]:
    qs = (
        Precinct.objects.exclude(kind=Precinct.Kind.SPECIAL)
        .select_related("region", "district")
        .order_by("region__code", "number")
    )
    return [
        {
            "region_code": p.region.code,
            "district_code": p.district.code,
            "district_name_kk": p.district.name_kk,
            "district_name_ru": p.district.name_ru,
            "precinct_no": p.number,
            "kind": p.kind,
            "polling_address": p.polling_address,
            "polling_place": p.polling_place,
            "opens_at": p.opens_at.strftime("%H:%M"),
            "closes_at": p.closes_at.strftime("%H:%M"),
            **p.accessibility,
            "accessibility_notes": p.accessibility_notes,
        }
        for p in qs
    ]


@require_GET
def accessibility_json(request: HttpRequest) -> HttpResponse:
    body = {"format": FORMAT, "columns": list(COLUMNS), "precincts": rows()}
    resp = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
    )
    resp["Access-Control-Allow-Origin"] = "*"
    return resp


@require_GET
def accessibility_csv(request: HttpRequest) -> HttpResponse:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for row in rows():
        w.writerow({k: (int(v) if isinstance(v, bool) else v) for k, v in row.items()})
    resp = HttpResponse(buf.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'inline; filename="precinct-accessibility.csv"'
    resp["Access-Control-Allow-Origin"] = "*"
    return resp


urlpatterns = [
    path("precinct-accessibility.json", accessibility_json, name="accessibility_json"),
    path("precinct-accessibility.csv", accessibility_csv, name="accessibility_csv"),
]
