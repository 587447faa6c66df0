"""The results panel of the dashboard: protocols in / expected for the user's area."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saylau.web.accounts.models import Level
from saylau.web.accounts.policy import Action, allows
from saylau.web.accounts.scope import Scope
from saylau.web.elections.selectors import elections_for

from .models import Distribution
from .services import live_tally


def panel(*, user: Any, scope: Scope) -> dict[str, Any] | None:
    if scope.level is Level.NONE:
        return None
    election = elections_for(user).filter(party_lists__isnull=False).distinct().first()
    if election is None:
        return None
    result, expected = live_tally(election, scope)
    distribution = Distribution.objects.filter(election=election).first()
    return {
        "title": _("Protocols and results"),
        "template": "results/_panel.html",
        "order": 20,
        "context": {
            "election": election,
            "received": result.total.protocols,
            "expected": sum(expected.values()),
            "distribution": distribution,
            "my_precinct": scope.precinct_id,
            "can_submit": allows(user, Action.PROTOCOL_SUBMIT),
        },
    }
