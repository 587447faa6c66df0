"""Where an election stands: its phase from the calendar, the clock and the recorded facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from saylau.law.calendar import election_calendar
from saylau.law.phases import PHASES, Facts, PhaseState, phase_of
from saylau.web.core import clock

from .models import Election


def facts_of(election: Election) -> Facts:
    """What is recorded about ``election``: its lists, and the results' sign-off, publication
    and registered mandates (the results app's ``Distribution``, read by its relation name)."""
    distribution: Any
    try:
        distribution = election.distribution  # type: ignore[attr-defined]
    except ObjectDoesNotExist:  # nothing distributed yet
        distribution = None
    return Facts(
        lists_registered=election.party_lists.exists()
        or election.single_member_district_set.filter(candidates__isnull=False).exists(),
        preliminary_published=bool(getattr(distribution, "preliminary_published_at", None)),
        signed=bool(getattr(distribution, "signed_off_at", None)),
        published=bool(getattr(distribution, "published_at", None)),
        mandates_registered=bool(getattr(distribution, "mandates_registered_at", None)),
    )


def phase_of_election(election: Election, *, at: datetime | None = None) -> PhaseState:
    """The phase of ``election`` now (or ``at``), in local time."""
    calendar = election_calendar(election.law_body, election.day)
    return phase_of(calendar, at or clock.now(), facts_of(election))


def phase_steps(state: PhaseState) -> list[dict[str, Any]]:
    """Every phase with whether it is done, current or ahead (for the election page)."""
    return [
        {
            "code": code,
            "done": i < state.index,
            "current": i == state.index,
        }
        for i, code in enumerate(PHASES)
    ]
