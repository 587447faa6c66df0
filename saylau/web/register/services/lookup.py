"""Find my precinct: what a voter may learn by IIN, and nothing more.

For each coming election: its name and date, the precinct where the voter votes, its address,
hours, a map link and the accessibility of the entrance, and where an absentee certificate or
a request to vote at home changes that, what happens instead. Eligibility is the law layer's
(through :mod:`..eligibility`). Someone not on a list (unknown IIN, under age, not a citizen,
dead, declared incapable, imprisoned, ...) gets one uniform answer naming whom to contact,
never the reason. A malformed IIN gets its own answer (its format is no secret).

Every answer has the same shape and (padded to a minimum duration) takes the same time; each
client has a small budget of lookups per minute.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

from saylau.law.errors import InvalidIIN
from saylau.law.iin import parse_iin
from saylau.web.core import clock, ratelimit
from saylau.web.elections.models import Election
from saylau.web.territory.models import Precinct

from ..eligibility import voter_reasons_for
from ..models import OutsideVotingRequest, Person, VoterList, VoterListEntry

#: Lookups per client per window (seconds).
RATE_LIMIT = 10
RATE_WINDOW = 60
#: Every answer takes at least this long (seconds), found or not.
MIN_SECONDS = 0.4

FOUND, NOT_LISTED, MALFORMED, LIMITED = "found", "not_listed", "malformed", "limited"


@dataclass(frozen=True)
class Place:
    """Where the voter votes in one coming election (``election`` None: none is called; the
    precinct of the registered address is shown)."""

    election: Election | None
    precinct: Precinct
    #: ``list`` (main list), ``additional`` (added where a certificate was presented),
    #: ``absentee`` (holds a certificate: votes where it is presented), ``home`` (the portable
    #: box comes), ``assistance`` (asked for help at the station), ``provisional`` (lists not
    #: compiled yet: the precinct of the address), ``address`` (no election called).
    how: str
    certificate_number: int | None = None

    @property
    def map_url(self) -> str:
        return map_url(self.precinct.polling_address)

    @property
    def election_name(self) -> str:
        """The election's name in the active language."""
        lang = (get_language() or "ru")[:2]
        return self.election.name_in(lang) if self.election else ""

    def to_json(self, language: str) -> dict[str, object]:
        p = self.precinct
        return {
            "election": self.election.name_in(language) if self.election else None,
            "election_day": self.election.day.isoformat() if self.election else None,
            "how": self.how,
            "certificate_number": self.certificate_number,
            "precinct_number": p.number,
            "polling_address": p.polling_address,
            "polling_place": p.polling_place or None,
            "opens_at": p.opens_at.strftime("%H:%M"),
            "closes_at": p.closes_at.strftime("%H:%M"),
            "map_url": self.map_url,
            "accessibility": p.accessibility,
            "accessibility_notes": p.accessibility_notes or None,
        }


@dataclass(frozen=True)
class LookupAnswer:
    found: bool
    limited: bool = False
    status: str = NOT_LISTED
    masked_name: str | None = None
    places: list[Place] = field(default_factory=list)

    @property
    def first(self) -> Place | None:
        return self.places[0] if self.places else None

    # The first place's details, as the answer carried them before there were several.
    @property
    def precinct(self) -> Precinct | None:
        return self.first.precinct if self.first else None

    @property
    def precinct_number(self) -> int | None:
        return self.first.precinct.number if self.first else None

    @property
    def polling_address(self) -> str | None:
        return self.first.precinct.polling_address if self.first else None

    @property
    def polling_place(self) -> str | None:
        return (self.first.precinct.polling_place or None) if self.first else None

    @property
    def opens_at(self) -> str | None:
        return self.first.precinct.opens_at.strftime("%H:%M") if self.first else None

    @property
    def closes_at(self) -> str | None:
        return self.first.precinct.closes_at.strftime("%H:%M") if self.first else None

    @property
    def accessibility(self) -> dict[str, bool]:
        return self.first.precinct.accessibility if self.first else {}

    @property
    def accessibility_notes(self) -> str | None:
        return (self.first.precinct.accessibility_notes or None) if self.first else None


def map_url(address: str) -> str:
    """A link that opens a map at the polling station's address (OpenStreetMap search).

    >>> map_url("г. Тараз, ул. Абая, 1")
    'https://www.openstreetmap.org/search?query=%D0%B3.%20%D0%A2%D0%B0%D1%80%D0%B0%D0%B7%2C%20%D1%83%D0%BB.%20%D0%90%D0%B1%D0%B0%D1%8F%2C%201'
    """
    return "https://www.openstreetmap.org/search?query=" + quote(address, safe="")


def rate_limited(client: str, *, bucket: str = "lookup") -> bool:
    """Counted in the database, so that every worker process shares the client's budget."""
    return ratelimit.hit(
        f"register:{bucket}:{client}",
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


def coming_elections(today: date) -> list[Election]:
    return list(
        Election.objects.filter(day__gte=today)
        .exclude(status=Election.Status.PUBLISHED)
        .order_by("day", "pk")
    )


def votes_in(election: Election, precinct: Precinct) -> bool:
    if election.district_id is not None:
        return precinct.district_id == election.district_id
    if election.region_id is not None:
        return precinct.region_id == election.region_id
    return True


def place_in(election: Election, person: Person) -> Place | None:
    """Where ``person`` votes in ``election``, or None (not a voter, or not on its lists)."""
    if voter_reasons_for(person, election.day):
        return None
    entries = list(
        VoterListEntry.objects.filter(voter_list__election=election, person=person)
        .select_related("voter_list__precinct", "certificate")
        .order_by("part")  # "additional" before "main": the place of the vote first
    )
    extra = (
        OutsideVotingRequest.objects.filter(election=election, person=person)
        .exclude(status=OutsideVotingRequest.Status.REFUSED)
        .first()
    )
    if entries:
        entry = entries[0]
        precinct = entry.voter_list.precinct
        cert = entry.certificate
        if entry.part == VoterListEntry.Part.ADDITIONAL:
            return Place(election, precinct, "additional", cert.number if cert else None)
        if cert is not None and cert.cancelled_on is None:
            return Place(election, precinct, "absentee", cert.number)
        if extra is not None:
            return Place(election, precinct, str(extra.kind))
        return Place(election, precinct, "list")
    home = person.address.precinct if person.address is not None else None
    if home is None or not votes_in(election, home):
        return None
    if VoterList.objects.filter(election=election).exists():
        return None  # the lists are compiled and the person is not on them
    return Place(election, home, "provisional")


def _answer(iin: str, client: str) -> LookupAnswer:
    if rate_limited(client):
        return LookupAnswer(found=False, limited=True, status=LIMITED)
    try:
        value = parse_iin(iin.strip()).value
    except InvalidIIN:
        return LookupAnswer(found=False, status=MALFORMED)
    person = (
        Person.private_objects.filter(iin=value, active=True)
        .select_related("address__precinct")
        .first()
    )
    if person is None:
        return LookupAnswer(found=False)
    today = clock.today()
    elections = coming_elections(today)
    places = [p for e in elections if (p := place_in(e, person)) is not None]
    if not elections and not voter_reasons_for(person, today):
        home = person.address.precinct if person.address is not None else None
        if home is not None:
            places = [Place(None, home, "address")]
    if not places:
        return LookupAnswer(found=False)
    return LookupAnswer(found=True, status=FOUND, masked_name=person.masked_name, places=places)


def public_elections() -> Any:
    """Coming elections, for the public request form."""
    return Election.objects.filter(day__gte=clock.today()).exclude(
        Q(status=Election.Status.PUBLISHED)
    )
