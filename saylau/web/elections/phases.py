"""Where an election stands: its phase from the calendar, the clock and the recorded facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from saylau.law.calendar import election_calendar
from saylau.law.citations import cite
from saylau.law.phases import PHASES, Facts, PhaseState, phase_of, phase_text
from saylau.web.core import clock

from .models import Election

#: "The caller did not say": read the distribution from the database.
_UNKNOWN: Any = object()


def facts_of(election: Election, distribution: Any = _UNKNOWN) -> Facts:
    """What is recorded about ``election``: its lists, and the results' sign-off, publication
    and registered mandates (the results app's ``Distribution``, read by its relation name
    unless the caller has it already: ``None`` when there is none)."""
    if distribution is _UNKNOWN:
        try:
            distribution = election.distribution
        except ObjectDoesNotExist:  # nothing distributed yet
            distribution = None
    return Facts(
        lists_registered=distribution is not None
        or election.party_lists.exists()
        or election.single_member_district_set.filter(candidates__isnull=False).exists(),
        preliminary_published=bool(getattr(distribution, "preliminary_published_at", None)),
        signed=bool(getattr(distribution, "signed_off_at", None)),
        published=bool(getattr(distribution, "published_at", None)),
        mandates_registered=bool(getattr(distribution, "mandates_registered_at", None)),
    )


def phase_of_election(
    election: Election, *, at: datetime | None = None, distribution: Any = _UNKNOWN
) -> PhaseState:
    """The phase of ``election`` now (or ``at``), in local time."""
    calendar = election_calendar(election.law_body, election.day)
    return phase_of(calendar, at or clock.now(), facts_of(election, distribution))


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


def phase_context(state: PhaseState, lang: str) -> dict[str, Any]:
    """What the election page shows: the phase, what comes next and when, every step."""
    return {
        "code": state.phase,
        "name": phase_text(state.phase, lang),
        "next": phase_text(state.next, lang) if state.next else "",
        "next_from": state.next_from.replace(tzinfo=clock.local_zone())
        if state.next_from
        else None,
        "next_by": state.next_by,
        "next_by_article": cite(state.next_by_article or "", lang),
        "steps": [{**step, "name": phase_text(step["code"], lang)} for step in phase_steps(state)],
    }


def calendar_rows(election: Election, lang: str) -> list[dict[str, Any]]:
    """The statutory deadlines in ``lang``, each with its article and whether its day has
    come; without the UNCONFIRMED notes (those are for the CEC's legal-basis page only)."""
    today = clock.today()
    return [
        {
            "on": d.on,
            "at": d.at,
            "relation": d.relation,
            "what": d.what if lang == "en" else d.describe(lang),
            "article": cite(d.article, lang),
            "past": d.on < today,
        }
        for d in election_calendar(election.law_body, election.day)
    ]
