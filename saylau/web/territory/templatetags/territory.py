"""Showing a polling station's accessibility: a sign and a text for each feature."""

from __future__ import annotations

from typing import Any

from django import template

from saylau.web.territory.models import Precinct

register = template.Library()


@register.filter
def accessibility_items(precinct: Precinct) -> list[dict[str, Any]]:
    """Each accessibility feature with its translated name and whether the station has it."""
    return [
        {
            "name": name,
            "label": getattr(Precinct._meta.get_field(name), "verbose_name", name),
            "present": bool(getattr(precinct, name)),
        }
        for name in Precinct.ACCESSIBILITY_FIELDS
    ]
