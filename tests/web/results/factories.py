"""Builders for results tests: an election with lists and candidates, and consistent protocols."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from saylau.law.iin import make_iin
from saylau.web.elections.models import (
    Candidate,
    Election,
    Party,
    PartyList,
    SingleMemberCandidate,
    SingleMemberDistrict,
)
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


def single_member_districts(
    election: Election, precincts: list[Precinct], *, districts: int = 2, candidates: int = 3
) -> list[SingleMemberDistrict]:
    """Split ``precincts`` into ``districts`` single-member districts of ``candidates`` each
    (the first candidate of each district of the first party, the last self-nominated)."""
    party = Party.objects.order_by("code").first()
    made = []
    per = max(1, len(precincts) // districts)
    for n in range(1, districts + 1):
        smd = SingleMemberDistrict.objects.create(
            election=election, number=n, name_ru=f"Округ {n}", name_kk=f"{n}-округ"
        )
        chunk = precincts[(n - 1) * per : n * per if n < districts else len(precincts)]
        smd.precincts.set(chunk)
        for i in range(candidates):
            serial = 5000 + n * 10 + i
            SingleMemberCandidate.objects.create(
                district=smd,
                election=election,
                full_name=f"Кандидат {n}.{i + 1}",
                iin=synthetic_iin(serial),
                birth_date=dt.date(1980, 1 + serial % 12, 1 + serial % 28),
                party=party if i == 0 else None,
            )
        made.append(smd)
    return made


def single_member_data(
    precinct: Precinct, district: SingleMemberDistrict, votes: list[int], *, against_all: int = 10
) -> dict[str, Any]:
    """A consistent single-member protocol: ``votes`` for the district's candidates in order."""
    ids = [str(pk) for pk in district.candidates.order_by("pk").values_list("pk", flat=True)]
    data = protocol_data(precinct, dict(zip(ids, votes, strict=True)), against_all=against_all)
    data["race"] = "single_member"
    data["district"] = district.number
    return data


def officials_of(election: Election) -> tuple[Any, Any]:
    """The chair and the secretary of the commission deciding ``election`` (an oblast
    maslikhat: the regional commission), each with a login linked to their seat."""
    from saylau.web.accounts.models import Role
    from saylau.web.commissions.models import Commission, MemberRole
    from tests.factories import user_for
    from tests.web.commissions.factories import MemberFactory, PersonFactory

    commission, _ = Commission.objects.get_or_create(
        level="regional",
        region=election.region,
        defaults={"name_ru": "Областная комиссия", "name_kk": "Облыстық комиссия"},
    )
    users = []
    for role in (MemberRole.CHAIR, MemberRole.SECRETARY):
        user = user_for(Role.REGIONAL, place=election.region)
        MemberFactory(commission=commission, role=role, person=PersonFactory(user=user))
        users.append(user)
    return users[0], users[1]
