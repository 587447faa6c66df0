import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from saylau.law.protocol import check_protocol, protocol_from_dict
from saylau.web.elections import demo as elections_demo
from saylau.web.elections.models import BallotDraw, Candidate, Election
from saylau.web.results import demo as results_demo
from saylau.web.results.models import Distribution, DistrictResult, Mandate, Protocol
from tests.factories import DistrictFactory, PrecinctFactory, RegionFactory

pytestmark = pytest.mark.django_db


@dataclass
class Ctx:
    data_dir: Path = Path(".")
    scale: float = 1.0
    seed: int = 7
    said: list[str] = field(default_factory=list)
    logins: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def say(self, text: str) -> None:
        self.said.append(text)


def test_the_demo_leaves_a_finished_published_oblast_maslikhat_election(client) -> None:  # type: ignore[no-untyped-def]
    region = RegionFactory()
    for _ in range(2):
        district = DistrictFactory(region=region)
        for _ in range(3):
            PrecinctFactory(district=district)
    ctx = Ctx(extra={"region": region})
    elections_demo.load(ctx)
    results_demo.load(ctx)
    election = Election.objects.get()
    assert election.status == Election.Status.PUBLISHED
    assert (
        election.party_lists.count() == 6 and BallotDraw.objects.filter(election=election).exists()
    )
    assert Candidate.objects.filter(election=election).count() == 60
    assert Protocol.objects.filter(election=election, is_current=True).count() == 12
    assert (
        Protocol.objects.filter(election=election, is_current=True, race="single_member").count()
        == 6
    )
    # six precincts: six single-member districts of one precinct, each with a winner
    results = DistrictResult.objects.filter(distribution__election=election)
    assert results.count() == 6 and all(r.winner_id for r in results)
    assert (
        Protocol.objects.filter(election=election, status=Protocol.Status.SUPERSEDED).count() == 1
    )
    d = Distribution.objects.get(election=election)
    # half by lists, half in districts: six list seats beside the six districts
    assert election.list_seats == 6
    assert sum(d.allocation["seats"].values()) == 6 and Mandate.objects.count() == 6
    assert client.get(reverse("results:public", args=[election.pk])).status_code == 200
    # running it again changes nothing
    elections_demo.load(ctx)
    results_demo.load(ctx)
    assert Election.objects.count() == 1 and Protocol.objects.count() == 13


def test_demo_protocols_always_pass_the_control_ratios() -> None:
    rng = random.Random(3)
    for voters in (1, 10, 600, 2800):
        for _ in range(50):
            data = results_demo.make_protocol(rng, voters, ["a", "b", "c"])
            p = protocol_from_dict({"election": "x", "precinct_no": 1, **data})
            assert [f.code for f in check_protocol(p) if f.severity == "error"] == []
