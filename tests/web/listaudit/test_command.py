"""``saylau listaudit run``: the same run from the command line, and a web-started job row."""

from __future__ import annotations

import json

import pytest

from saylau.cli import main
from saylau.web.listaudit.models import AuditRun

from .conftest import World


def test_the_command_audits_a_regions_stored_lists_and_prints_a_summary(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["listaudit", "run", "--region-code", "ZHA", "--election", str(world.election.pk)]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["status"] == "done" and summary["findings"] == 3
    assert AuditRun.objects.get(pk=summary["run"]).counts["DECEASED"] == 1


def test_the_task_finishes_a_job_row_started_on_the_web_and_a_second_delivery_does_nothing(
    world: World,
) -> None:
    from saylau.web.audit.models import AuditEvent
    from saylau.web.listaudit.models import Finding
    from saylau.web.listaudit.tasks import audit_run_job

    run = AuditRun.objects.create(
        region=world.region,
        election=world.election,
        election_date=world.election.day,
        source=AuditRun.Source.DATABASE,
        started_by=world.users["regional"],
    )
    assert audit_run_job.enqueue(run.pk).status == "SUCCESSFUL"
    run.refresh_from_db()
    assert run.status == "done" and run.findings_total == 3 and run.percent == 100
    assert run.attempts == 1 and run.heartbeat_at is not None
    events = AuditEvent.objects.filter(action="listaudit.run.done").count()
    audit_run_job.enqueue(run.pk)  # delivered again: the run is done, nothing is repeated
    assert Finding.objects.filter(run=run).count() == 3
    assert AuditEvent.objects.filter(action="listaudit.run.done").count() == events


def test_an_unknown_region_is_an_input_error(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["listaudit", "run", "--region-code", "NOPE", "--election-date", "2099-03-21"]) == 2
    assert "NOPE" in capsys.readouterr().err
