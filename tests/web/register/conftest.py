"""A small imported region with an election, compiled lists and one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from saylau.web.elections.models import Election
from saylau.web.register.services.importing import import_registry
from saylau.web.register.services.voter_lists import compile_lists
from saylau.web.territory.models import District, Precinct, Region
from tests.factories import ElectionFactory, user_for

from .builders import Extract, standard_persons


@dataclass
class World:
    region: Region
    d1: District
    d2: District
    p101: Precinct
    p102: Precinct
    p201: Precinct
    election: Election
    users: dict[str, Any]


@pytest.fixture
def world(db: None, tmp_path: Path, settings: Any) -> World:
    settings.SAYLAU_LOOKUP_MIN_SECONDS = 0
    import_registry(directory=Extract(persons=standard_persons()).write(tmp_path / "x"), actor="t")
    region = Region.objects.get(code="ZHA")
    election: Election = ElectionFactory(region=region, day=date(2099, 3, 21))  # type: ignore[no-untyped-call,assignment]
    compile_lists(election=election, actor="t")
    # Between the public review and election day: absentee certificates and applications to
    # vote outside the premises are in their windows (saylau.law.windows).
    settings.SAYLAU_AS_OF = "2099-03-10T10:00"
    d1 = District.objects.get(code="D1")
    d2 = District.objects.get(code="D2")
    p = {x.number: x for x in Precinct.objects.all()}
    users = {
        "cec": user_for("cec"),
        "regional": user_for("regional", place=region),
        "akimat_d1": user_for("akimat", place=d1),
        "akimat_d2": user_for("akimat", place=d2),
        "precinct_101": user_for("precinct", place=p[101]),
        "precinct_102": user_for("precinct", place=p[102]),
        "observer": user_for("observer", place=region),
    }
    return World(region, d1, d2, p[101], p[102], p[201], election, users)
