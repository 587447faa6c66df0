"""The register panel of the dashboard: persons in the scope, the last import."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saylau.web.accounts.models import Level
from saylau.web.accounts.policy import Action, allows
from saylau.web.accounts.scope import Scope

from . import selectors
from .models import RegisterImport


def panel(*, user: Any, scope: Scope) -> dict[str, Any] | None:
    if scope.level is Level.NONE:
        return None
    counts = selectors.person_counts(user)
    last = None
    if allows(user, Action.REGISTER_IMPORT):
        last = selectors.imports_for(user).filter(status=RegisterImport.Status.DONE).first()
    return {
        "title": _("Voter register"),
        "template": "register/_panel.html",
        "order": 20,
        "context": {"persons": sum(r["total"] for r in counts), "last_import": last},
    }
