"""The demo step imports a generated extract and leaves the region for the next steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from saylau.web.core.demo import DemoContext
from saylau.web.register import demo
from saylau.web.register.models import Person
from saylau.web.territory.models import Precinct

from .builders import Extract, standard_persons

pytestmark = pytest.mark.django_db


def test_the_demo_step_imports_the_region_and_varies_accessibility(tmp_path: Path) -> None:
    data = Extract(
        precincts=[(str(n), "D1", f"г. Тараз, школа № {n}", "ordinary") for n in range(101, 131)],
        persons=standard_persons(),
    ).write(tmp_path / "region")
    said: list[str] = []
    ctx = DemoContext(data_dir=data, scale=0.02, seed=1, say=said.append)
    demo.load(ctx)
    assert ctx.extra["region"].code == "ZHA"
    assert Person.private_objects.filter(active=True).count() == 6
    ramps = Precinct.objects.filter(ramp=True).count()
    assert 0 < ramps < 30
    assert any("register" in s for s in said)


def test_the_demo_step_works_on_the_real_generator_when_it_is_there(tmp_path: Path) -> None:
    generator = pytest.importorskip("saylau.lists.demo")
    data = tmp_path / "region"
    generator.generate_region(data, scale=0.002, seed=7)
    ctx = DemoContext(data_dir=data, scale=0.002, seed=7, say=lambda _t: None)
    demo.load(ctx)
    job = ctx.extra["register_import"]
    assert job.persons_added > 0
    assert Person.private_objects.filter(active=True).count() == job.persons_added
