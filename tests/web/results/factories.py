"""Builders for results tests: an election with lists and candidates, and consistent protocols."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from saylau.law.iin import make_iin
from saylau.web.elections.models import Candidate, Election, Party, PartyList
from saylau.web.territory.models import Precinct
from tests.factories import DistrictFactory, ElectionFactory, PrecinctFactory, RegionFactory

PARTIES = (("amanat", "Аманат"), ("auyl", "Ауыл"), ("ak-zhol", "Ак жол"))


def synthetic_iin(serial: int, year: int = 1980) -> str:
    born = dt.date(year, 1 + serial % 12, 1 + serial % 28)
    for extra in range(10):
        value = make_iin(born, "F" if serial % 2 else "M", (serial * 7 + extra) % 10000)
        if value is not None:
            return value
    raise AssertionError("no IIN")


def election_with_lists(
    *, precincts_per_district: int = 2, districts: int = 2, seats: int = 5, candidates: int = 6
) -> tuple[Election, list[Precinct]]:
    region = RegionFactory()
    election = ElectionFactory(region=region, list_seats=seats, rule_set="")
    from saylau.law.seats import rules_for

    election.rule_set = rules_for("maslikhat", election.day).name
    election.save()
    base = timezone.now() - dt.timedelta(days=40)
    serial = 0
    for i, (code, name) in enumerate(PARTIES):
        party, _ = Party.objects.get_or_create(
            code=code, defaults={"name_ru": name, "name_kk": name}
        )
        pl = PartyList.objects.create(
            election=election, party=party, registered_at=base + dt.timedelta(minutes=i)
        )
        for pos in range(1, candidates + 1):
            serial += 1
            iin = synthetic_iin(serial)
            Candidate.objects.create(
                election=election,
                party_list=pl,
                position=pos,
                full_name=f"{name} кандидат {pos}",
                iin=iin,
                birth_date=dt.date(1980, 1 + serial % 12, 1 + serial % 28),
                sex="F" if serial % 2 else "M",
            )
    precincts = []
    for _d in range(districts):
        district = DistrictFactory(region=region)
        precincts += [PrecinctFactory(district=district) for _ in range(precincts_per_district)]
    return election, precincts


def protocol_data(
    precinct: Precinct,
    votes: dict[str, int] | None = None,
    *,
    against_all: int = 10,
    invalid: int = 5,
) -> dict[str, Any]:
    """A protocol whose control ratios hold."""
    votes = votes or {"amanat": 500, "auyl": 200, "ak-zhol": 100}
    valid = sum(votes.values()) + against_all
    issued = valid + invalid
    return {
        "voters_main_list": issued + 300,
        "voters_additional_list": 10,
        "ballots_received": issued + 200,
        "ballots_issued_premises": issued - 20,
        "ballots_issued_outside": 20,
        "absentee_certificate_voters": 2,
        "ballots_cancelled": 200,
        "ballots_spoiled": 0,
        "ballots_in_stationary_boxes": issued - 20,
        "ballots_in_portable_boxes": 20,
        "valid": valid,
        "invalid": invalid,
        "against_all": against_all,
        "votes": [{"code": c, "votes": n} for c, n in votes.items()],
    }
