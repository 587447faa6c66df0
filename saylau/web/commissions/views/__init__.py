"""Views of the commissions app (thin: parse, check access, call one service, render)."""

from .manage import budget_edit, enrol, plans, session_add, trainer_add
from .public import verify
from .quality import effect, effect_print, exercise, items
from .registry import commission_detail, dismiss, index, replace, seat_existing
from .reports import budget, budget_print, coverage, coverage_export, trainers_export
from .sessions import session_cancel, session_edit
from .training import (
    attendance,
    certificate_download,
    certificate_revoke,
    session_detail,
    sessions,
    take_test,
    trainers,
)

__all__ = [
    "attendance",
    "budget_edit",
    "enrol",
    "plans",
    "replace",
    "seat_existing",
    "session_add",
    "trainer_add",
    "budget",
    "budget_print",
    "certificate_download",
    "certificate_revoke",
    "commission_detail",
    "coverage",
    "coverage_export",
    "dismiss",
    "effect",
    "effect_print",
    "exercise",
    "items",
    "index",
    "session_cancel",
    "session_detail",
    "session_edit",
    "sessions",
    "take_test",
    "trainers",
    "trainers_export",
    "verify",
]
