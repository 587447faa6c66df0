"""The role dashboard: the user's territory in numbers, the apps' panels, and what needs doing.

Each app may contribute a panel with ``saylau.web.<app>.dashboard.panel(user=, scope=)``
returning ``{"title", "template", "context", "order"}`` or ``None``; apps that have no such
module yet are skipped, so the dashboard works while the others are being built.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from saylau.web.accounts.models import Level, Role
from saylau.web.accounts.policy import Action, allows
from saylau.web.accounts.scope import Scope
from saylau.web.territory import selectors as territory

logger = logging.getLogger(__name__)

#: Apps asked for a dashboard panel, in no particular order (panels sort by their "order").
PANEL_APPS: tuple[str, ...] = (
    "register",
    "results",
    "elections",
    "commissions",
    "audit",
    "listaudit",
)


@dataclass(frozen=True)
class Todo:
    text: str
    url: str | None = None


def collect_panels(*, user: Any, scope: Scope) -> list[dict[str, Any]]:
    """Every panel the apps offer this user, sorted by ``order``."""
    panels: list[dict[str, Any]] = []
    for app in PANEL_APPS:
        name = f"saylau.web.{app}.dashboard"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        panel = module.panel(user=user, scope=scope)
        if panel is not None:
            panels.append(panel)
    panels.sort(key=lambda p: (p.get("order", 100), str(p.get("title", ""))))
    return panels


def todo_list(*, user: Any, scope: Scope, counts: territory.TerritoryCounts) -> list[Todo]:
    """What needs doing next for this role, from the state of its territory."""
    from saylau.web.core.templatetags.saylau import reverse_or_none

    items: list[Todo] = []
    if scope.level is Level.NONE:
        items.append(
            Todo(_("Your account has no territory yet: ask the CEC administrator to assign one."))
        )
        return items
    from django_otp import user_has_device

    if user.role != Role.OBSERVER and not user_has_device(user):
        items.append(
            Todo(
                _("Protect your account with a second factor (authenticator app)."),
                reverse_or_none("accounts:otp_enrol"),
            )
        )
    if counts.precincts == 0:
        items.append(
            Todo(_("No precincts are recorded in your territory yet: import the territory."))
        )
    elif counts.precincts_without_accessibility and allows(user, Action.ACCESSIBILITY_EDIT):
        # only for those who can fill it in (the trainer and the observer cannot)
        items.append(
            Todo(
                _(
                    "%(n)s precinct(s) have no accessibility information: describe how voters get in."
                )
                % {"n": counts.precincts_without_accessibility},
                reverse_or_none("territory:precincts"),
            )
        )
    if counts.precincts and counts.addresses_without_precinct:
        items.append(
            Todo(
                _("%(n)s address(es) are not assigned to any precinct.")
                % {"n": counts.addresses_without_precinct},
            )
        )
    if user.role == Role.TRAINER:
        items.append(
            Todo(
                _("Check the training plan of your commissions."),
                reverse_or_none("commissions:index"),
            )
        )
    if user.role in (Role.CEC, Role.REGIONAL):
        items.append(
            Todo(_("Check the audit log for unexpected changes."), reverse_or_none("audit:index"))
        )
    return items
