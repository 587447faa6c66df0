"""The effect of training on election night: precinct commissions whose members were trained
against those that were not, per district, with the numbers behind each figure.

* **trained commission**: on election day at least half of its sitting members held a
  training certificate valid that day and not revoked (saylau's own line, stated on the page);
* **refused protocols**: submissions refused by the control ratios, counted from the audit
  log (action ``results.protocol.refuse`` on the precinct; the results app records it);
* **corrections**: protocol versions after the first (every correction submitted);
* **time to submit**: from the close of the polls (20:00 local time, election law Art. 40)
  to the first accepted version of the party-list protocol.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Race
from saylau.web.audit.models import AuditEvent
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.results.models import Protocol

from ..models import Certificate, Level, Member
from .scoped import commissions_for

REFUSAL_ACTIONS = ("results.protocol.refuse",)
TRAINED_SHARE = (1, 2)  # at least half of the sitting members
POLLS_CLOSE = dt.time(20, 0)


@dataclass
class Figures:
    precincts: int = 0
    submitted: int = 0
    refused: int = 0
    precincts_refused: int = 0
    corrections: int = 0
    precincts_corrected: int = 0
    minutes: list[int] = field(default_factory=list)

    @property
    def median_minutes(self) -> int | None:
        return int(median(self.minutes)) if self.minutes else None

    def percent(self, part: int) -> int | None:
        return round(100 * part / self.precincts) if self.precincts else None

    @property
    def refused_percent(self) -> int | None:
        return self.percent(self.precincts_refused)

    @property
    def corrected_percent(self) -> int | None:
        return self.percent(self.precincts_corrected)

    def add(self, other: Figures) -> None:
        for name in ("precincts", "submitted", "refused", "precincts_refused", "corrections"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.precincts_corrected += other.precincts_corrected
        self.minutes += other.minutes


@dataclass
class DistrictEffect:
    district: Any
    trained: Figures
    untrained: Figures

    @property
    def groups(self) -> list[tuple[str, Figures]]:
        return [(str(_("trained")), self.trained), (str(_("not trained")), self.untrained)]


@dataclass
class EffectReport:
    election: Election
    rows: list[DistrictEffect]
    trained: Figures
    untrained: Figures
    refusals_recorded: bool

    @property
    def groups(self) -> list[tuple[str, Figures]]:
        return [(str(_("trained")), self.trained), (str(_("not trained")), self.untrained)]


def trained_precincts(commission_ids: list[int], day: dt.date) -> set[int]:
    """Commissions (ids) with at least half of their members sitting on ``day`` certified."""
    sitting: dict[int, set[int]] = defaultdict(set)
    for commission, person in Member.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        commission_id__in=commission_ids,
        term_start__lte=day,
    ).values_list("commission_id", "person_id"):
        sitting[commission].add(person)
    people = {p for ps in sitting.values() for p in ps}
    certified = set(
        Certificate.objects.filter(
            person_id__in=people, revoked=False, issued_on__lte=day, valid_until__gte=day
        ).values_list("person_id", flat=True)
    )
    num, den = TRAINED_SHARE
    return {c for c, ps in sitting.items() if ps and len(ps & certified) * den >= num * len(ps)}


def training_effect(user: Any, election: Election) -> EffectReport:
    commissions = commissions_for(user).filter(level=Level.PRECINCT).select_related("district")
    if election.region_id:
        commissions = commissions.filter(region_id=election.region_id)
    rows = list(commissions.values_list("pk", "precinct_id", "district_id"))
    trained = trained_precincts([c for c, _, _ in rows], election.day)
    precinct_ids = [p for _, p, _ in rows]
    close = dt.datetime.combine(election.day, POLLS_CLOSE, tzinfo=clock.local_zone())
    first: dict[int, dt.datetime] = {}
    corrections: dict[int, int] = defaultdict(int)
    for precinct, version, race, at in Protocol.objects.filter(
        election=election, precinct_id__in=precinct_ids
    ).values_list("precinct_id", "version", "race", "submitted_at"):
        if version == 1 and race == Race.PARTY_LIST:
            first[precinct] = at
        elif version > 1:
            corrections[precinct] += 1
    refused: dict[int, int] = defaultdict(int)
    events = AuditEvent.objects.filter(
        action__in=REFUSAL_ACTIONS,
        target_type="territory.precinct",
        target_id__in=[str(p) for p in precinct_ids],
    ).values_list("target_id", "new")
    for target, new in events:
        if not isinstance(new, dict) or new.get("election") in (None, election.pk):
            refused[int(target)] += 1
    by_district: dict[int, DistrictEffect] = {}
    districts = {c.district_id: c.district for c in commissions}
    for commission, precinct, district in rows:
        row = by_district.setdefault(
            district, DistrictEffect(districts.get(district), Figures(), Figures())
        )
        figures = row.trained if commission in trained else row.untrained
        figures.precincts += 1
        figures.refused += refused[precinct]
        figures.precincts_refused += bool(refused[precinct])
        figures.corrections += corrections[precinct]
        figures.precincts_corrected += bool(corrections[precinct])
        if precinct in first:
            figures.submitted += 1
            figures.minutes.append(max(0, int((first[precinct] - close).total_seconds() // 60)))
    total_trained, total_untrained = Figures(), Figures()
    for row in by_district.values():
        total_trained.add(row.trained)
        total_untrained.add(row.untrained)
    ordered = sorted(by_district.values(), key=lambda r: getattr(r.district, "code", ""))
    return EffectReport(
        election=election,
        rows=ordered,
        trained=total_trained,
        untrained=total_untrained,
        refusals_recorded=AuditEvent.objects.filter(action__in=REFUSAL_ACTIONS).exists(),
    )
