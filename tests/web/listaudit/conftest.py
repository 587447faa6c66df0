"""A small imported region whose compiled lists no longer match the register, and a user per role.

After the lists were compiled, the register changed: Иванова (precinct 101, district D1) died,
Бекова (precinct 201, district D2) moved into precinct 102's area, and a new voter (Жаңа Адам)
registered at an address of precinct 102. A run over the stored register must say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from saylau.web.elections.models import Election
from saylau.web.register.models import Person
from saylau.web.register.services.importing import import_registry
from saylau.web.register.services.voter_lists import compile_lists
from saylau.web.territory.models import Address, District, Precinct, Region
from tests.factories import ElectionFactory, RegionFactory, user_for
from tests.web.register.builders import Extract, person, standard_persons

DAY = date(2099, 3, 21)


@dataclass
class World:
    region: Region
    d1: District
    d2: District
    precincts: dict[int, Precinct]
    election: Election
    users: dict[str, Any]
    tmp: Path


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()  # the analysis caches voter figures by the register's version


@pytest.fixture
def world(db: None, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_registry(directory=Extract(persons=standard_persons()).write(tmp_path / "x"), actor="t")
    region = Region.objects.get(code="ZHA")
    election: Election = ElectionFactory(region=region, day=DAY)  # type: ignore[no-untyped-call,assignment]
    compile_lists(election=election, actor="t")
    change_register_after_compiling()
    d1 = District.objects.get(code="D1")
    d2 = District.objects.get(code="D2")
    p = {x.number: x for x in Precinct.objects.all()}
    other = RegionFactory(code="OTH")  # type: ignore[no-untyped-call]
    users = {
        "cec": user_for("cec"),
        "regional": user_for("regional", place=region),
        "regional_other": user_for("regional", place=other),
        "akimat_d1": user_for("akimat", place=d1),
        "akimat_d2": user_for("akimat", place=d2),
        "territorial_d2": user_for("territorial", place=d2),
        "precinct_101": user_for("precinct", place=p[101]),
        "observer": user_for("observer", place=region),
    }
    return World(region, d1, d2, p, election, users, tmp_path)


def change_register_after_compiling() -> None:
    persons = Person.private_objects
    persons.filter(last_name="Иванова").update(death_date=date(2099, 1, 5))
    persons.filter(last_name="Бекова").update(address=Address.objects.get(address_id="A3"))
    newcomer = person(40, "Жаңа", "Адам", address_id="A3")
    persons.create(
        iin=newcomer.iin,
        last_name=newcomer.last_name,
        first_name=newcomer.first_name,
        birth_date=date.fromisoformat(newcomer.birth_date),
        sex="M",
        region=Region.objects.get(code="ZHA"),
        address=Address.objects.get(address_id="A3"),
    )
