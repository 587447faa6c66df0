"""Reading the audit log for a user: the CEC sees every event, others the events of actors
inside their territory."""

from __future__ import annotations

from django.db.models import QuerySet

from saylau.web.accounts.models import Role
from saylau.web.accounts.scope import Scope

from .models import AuditEvent

#: Roles that may read the audit log.
READER_ROLES = frozenset({Role.CEC, Role.REGIONAL})


def events_for(scope: Scope, *, action: str = "") -> QuerySet[AuditEvent]:
    qs = scope.restrict(
        AuditEvent.objects.select_related("actor"),
        region="actor__region_id",
        district="actor__district_id",
        precinct="actor__precinct_id",
    )
    if action:
        qs = (
            qs.filter(action__startswith=action)
            if action.endswith(".")
            else qs.filter(action=action)
        )
    return qs.order_by("-seq")


def actions_for(scope: Scope) -> list[str]:
    """The distinct action codes the user may filter by."""
    qs = events_for(scope).order_by().values_list("action", flat=True).distinct()
    return sorted(qs)


def chain_head() -> tuple[int, str] | None:
    """The newest event's ``(seq, hash)``: the anchor to publish outside saylau."""
    return AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
