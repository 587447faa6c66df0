"""Find my precinct: what a voter may learn by IIN, and nothing more.

Found and not found answer in the same shape and (padded to a minimum duration) the same
time; each client has a small budget of lookups per minute.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from saylau.law.errors import InvalidIIN
from saylau.law.iin import parse_iin
from saylau.web.core import ratelimit

from ..models import Person

#: Lookups per client per window (seconds).
RATE_LIMIT = 10
RATE_WINDOW = 60
#: Every answer takes at least this long (seconds), found or not.
MIN_SECONDS = 0.4


@dataclass(frozen=True)
class LookupAnswer:
    found: bool
    limited: bool = False
    masked_name: str | None = None
    precinct_number: int | None = None
    polling_address: str | None = None
    polling_place: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    accessibility: dict[str, bool] = field(default_factory=dict)
    accessibility_notes: str | None = None
    precinct: Any = None


def rate_limited(client: str) -> bool:
    """Counted in the database, so that every worker process shares the client's budget."""
    return ratelimit.hit(
        f"register:lookup:{client}",
        limit=int(getattr(settings, "SAYLAU_LOOKUP_RATE", RATE_LIMIT)),
        window=int(getattr(settings, "SAYLAU_LOOKUP_WINDOW", RATE_WINDOW)),
    )


def find_precinct(*, iin: str, client: str) -> LookupAnswer:
    started = time.monotonic()
    try:
        return _answer(iin, client)
    finally:
        minimum = float(getattr(settings, "SAYLAU_LOOKUP_MIN_SECONDS", MIN_SECONDS))
        rest = minimum - (time.monotonic() - started)
        if rest > 0:
            time.sleep(rest)


def _answer(iin: str, client: str) -> LookupAnswer:
    if rate_limited(client):
        return LookupAnswer(found=False, limited=True)
    try:
        value = parse_iin(iin.strip()).value
    except InvalidIIN:
        value = None
    # The same query whether the IIN is valid or not.
    person = (
        Person.private_objects.filter(
            iin=value or "", active=True, death_date__isnull=True, address__precinct__isnull=False
        )
        .select_related("address__precinct")
        .first()
    )
    if person is None or person.address is None or person.address.precinct is None:
        return LookupAnswer(found=False)
    p = person.address.precinct
    return LookupAnswer(
        found=True,
        masked_name=person.masked_name,
        precinct_number=p.number,
        polling_address=p.polling_address,
        polling_place=p.polling_place or None,
        opens_at=p.opens_at.strftime("%H:%M"),
        closes_at=p.closes_at.strftime("%H:%M"),
        accessibility=p.accessibility,
        accessibility_notes=p.accessibility_notes or None,
        precinct=p,
    )
