"""The demo step: one audit of the demo region with every kind of finding, placed in districts."""

from __future__ import annotations

from pathlib import Path

import pytest

from saylau.lists.demo import generate_region
from saylau.web.core.demo import DemoContext
from saylau.web.listaudit import demo
from saylau.web.listaudit.models import AuditRun, Finding
from saylau.web.register.services.importing import import_registry
from tests.factories import user_for

pytestmark = pytest.mark.django_db


def test_the_demo_audits_a_set_with_known_errors_once(tmp_path: Path) -> None:
    data = tmp_path / "region"
    generate_region(data, scale=0.01, seed=7)
    region = import_registry(directory=data, actor="t").region
    user_for("cec")
    ctx = DemoContext(
        data_dir=data, scale=0.01, seed=7, say=lambda _t: None, extra={"region": region}
    )
    demo.load(ctx)
    run = AuditRun.objects.get()
    assert run.status == "done", run.error
    assert run.source == AuditRun.Source.UPLOAD_FULL
    assert len(run.counts) >= 12  # nearly every check has something to show at this scale
    placed = Finding.objects.filter(run=run, district__isnull=False).count()
    assert placed == run.findings_total
    demo.load(ctx)
    assert AuditRun.objects.count() == 1
