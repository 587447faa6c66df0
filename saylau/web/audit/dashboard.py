"""The audit log's dashboard panel: the latest changes in the user's territory."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saylau.web.accounts.scope import Scope

from . import selectors
from .readable import readable


def panel(*, user: Any, scope: Scope) -> dict[str, Any] | None:
    if getattr(user, "role", None) not in selectors.READER_ROLES:
        return None
    latest = list(selectors.events_for(scope)[:5])
    return {
        "title": _("Latest changes"),
        "template": "audit/_panel.html",
        "context": {"events": readable(latest)},
        "order": 90,
    }
