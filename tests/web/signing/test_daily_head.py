"""The audit chain's head is signed once a day by the worker, through the task queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from saylau.web.core import clock
from saylau.web.signing.models import Signature
from saylau.web.signing.tasks import ensure_scheduled, next_run, publish_daily_audit_head

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db


def waiting() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            task_path=publish_daily_audit_head.module_path, status=TaskResultStatus.READY
        )
    )


def test_the_next_run_is_five_past_midnight_local_time() -> None:
    with clock.travel(datetime(2027, 3, 21, 23, 59, tzinfo=clock.local_zone())):
        run = next_run()
    assert (run.date().isoformat(), run.hour, run.minute) == ("2027-03-22", 0, 5)
    assert run.utcoffset() == clock.local_zone().utcoffset(run)


def test_a_worker_start_queues_one_run_however_often_it_starts(settings: Any) -> None:
    settings.TASKS = DB_TASKS
    assert ensure_scheduled() is True
    assert ensure_scheduled() is False  # a second worker, a restart
    assert len(waiting()) == 1


def test_a_run_signs_today_once_and_queues_tomorrow(settings: Any) -> None:
    settings.TASKS = DB_TASKS
    with clock.travel(datetime(2027, 3, 22, 0, 5, tzinfo=clock.local_zone())):
        assert publish_daily_audit_head.call() == "2027-03-22"
        queued = waiting()
        assert len(queued) == 1
        assert clock.localtime(queued[0].run_after).isoformat().startswith("2027-03-23T00:05")
        # A late or doubled run on the same day signs nothing new and queues nothing more.
        queued[0].delete()
        assert publish_daily_audit_head.call() == "2027-03-22"
    heads = Signature.objects.filter(kind="audit_head")
    assert [h.subject for h in heads] == ["2027-03-22"]
    assert heads[0].fields["seq"] >= 1  # the key's creation is an event before the head
