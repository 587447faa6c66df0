"""Reading users and what they may see."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models import ROLE_LEVEL, Level


def territory_label(user: Any) -> str:
    """Where ``user`` works, in the active language: "Precinct №105, Taraz city" and so on."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    level = ROLE_LEVEL.get(user.role)
    if level is Level.COUNTRY:
        return _("Republic of Kazakhstan")
    if level is Level.PRECINCT and user.precinct_id:
        precinct = user.precinct
        return _("Precinct %(number)s, %(district)s") % {
            "number": precinct,
            "district": precinct.district.name,
        }
    if level is Level.DISTRICT and user.district_id:
        return str(user.district.name)
    if level is Level.REGION and user.region_id:
        return str(user.region.name)
    return _("no territory assigned")
