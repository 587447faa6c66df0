"""Background jobs on the task queue (saylau.web.core.jobs): a task runs the import, a job whose
worker died is resumed or failed on its page, database hiccups are retried, a task delivered
twice does its work once, and a real worker process runs what the web queued."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saylau.web.audit.models import AuditEvent
from saylau.web.core import jobs
from saylau.web.core.models import WORKER_LOST
from saylau.web.register.models import Person, RegisterImport, StagingPerson
from saylau.web.register.services import importing
from saylau.web.register.services import jobs as register_jobs
from saylau.web.register.tasks import import_registry_job
from tests.factories import user_for

from .builders import Extract, person, standard_persons

REPO = Path(__file__).resolve().parents[3]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def long_ago() -> Any:
    return timezone.now() - timedelta(hours=1)


@pytest.mark.django_db
@pytest.mark.usefixtures("in_russian")
def test_an_import_whose_worker_died_is_marked_failed_and_its_page_says_so(
    tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    user = user_for("cec")
    job = RegisterImport.objects.create(
        source="x",
        started_by=user,
        status=RegisterImport.Status.APPLYING,
        attempts=jobs.max_attempts(),
        heartbeat_at=long_ago(),
    )
    StagingPerson.objects.create(register_import=job, line=2, iin="000000000000")
    c = Client()
    c.force_login(user)
    page = c.get(reverse("register:import", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "failed" and job.error == WORKER_LOST
    assert "Обработчик, выполнявший эту задачу, остановился" in page.content.decode()
    assert b"hx-trigger" not in page.content  # no endless "applying"
    assert not StagingPerson.objects.filter(register_import=job).exists()


@pytest.mark.django_db
def test_a_job_with_a_recent_heartbeat_is_left_alone() -> None:
    job = RegisterImport.objects.create(
        source="x", status=RegisterImport.Status.STAGING, heartbeat_at=timezone.now()
    )
    assert jobs.reap_stale(RegisterImport) == []
    job.refresh_from_db()
    assert job.status == "staging"


# As in production, no transaction around the worker (it closes a connection left in one).
@pytest.mark.django_db(transaction=True)
def test_a_job_of_a_dead_worker_with_attempts_left_is_resumed_once_and_finishes(
    tmp_path: Path, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    job = RegisterImport.objects.create(source=str(directory))
    result = import_registry_job.enqueue(job.pk, str(directory), "ZHA")
    # A worker took it, started, and was killed.
    DBTaskResult.objects.filter(id=result.id).update(status="RUNNING")
    RegisterImport.objects.filter(pk=job.pk).update(
        status="staging", attempts=1, heartbeat_at=long_ago(), task_id=result.id
    )
    assert jobs.reap_all() == [f"register.RegisterImport {job.pk}"]
    job.refresh_from_db()
    assert job.status == "queued" and job.task_id != result.id
    assert DBTaskResult.objects.get(id=result.id).status == "FAILED"
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2 and job.persons_added == 6
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    # Delivered once more (the queue's "at least once"): nothing is applied twice.
    import_registry_job.enqueue(job.pk, str(directory), "ZHA")
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert Person.private_objects.count() == 6
    assert AuditEvent.objects.filter(action="register.import").count() == 1


@pytest.mark.django_db
def test_a_database_hiccup_is_retried_and_the_import_finishes_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importing._finish
    calls = [0]

    def flaky(*args: Any, **kwargs: Any) -> None:
        calls[0] += 1
        if calls[0] == 1:
            raise OperationalError("database is locked")
        real(*args, **kwargs)

    monkeypatch.setattr(importing, "_finish", flaky)
    directory = Extract(persons=[*standard_persons(), person(40, "Жаңа", "Адам")]).write(
        tmp_path / "x"
    )
    job = RegisterImport.objects.create(source=str(directory))
    import_registry_job.enqueue(job.pk, str(directory), None)
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2 and job.persons_added == 7
    assert Person.private_objects.count() == 7
    assert not StagingPerson.objects.exists()


@pytest.mark.django_db
def test_bad_input_is_not_retried_and_the_job_says_why(tmp_path: Path) -> None:
    job = RegisterImport.objects.create(source="missing")
    import_registry_job.enqueue(job.pk, str(tmp_path / "missing"), None)
    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 1 and "not a directory" in job.error


@pytest.mark.slow
def test_a_real_worker_process_runs_the_import_the_web_queued(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "saylau.web.config.settings.local",
        "SAYLAU_DATA_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'saylau.sqlite3'}",
    }
    env.pop("SAYLAU_AS_OF", None)

    def saylau(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "saylau.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert saylau("migrate").returncode == 0
    directory = Extract(persons=standard_persons()).write(tmp_path / "extract")
    queue = (
        "import django; django.setup()\n"
        "from pathlib import Path\n"
        "from saylau.web.register.services.jobs import start_import\n"
        f"print(start_import(user=None, directory=Path({str(directory)!r})).pk)\n"
    )
    queued = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", queue], env=env, capture_output=True, text=True, check=True
    )
    job_id = int(queued.stdout.strip().splitlines()[-1])
    worker = saylau("worker", "--batch")
    assert worker.returncode == 0, worker.stderr
    with sqlite3.connect(tmp_path / "saylau.sqlite3") as db:
        status, added, attempts = db.execute(
            "SELECT status, persons_added, attempts FROM register_registerimport WHERE id = ?",
            [job_id],
        ).fetchone()
        tasks = db.execute(
            "SELECT task_path, status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at"
        ).fetchall()
    assert (status, added, attempts) == ("done", 6, 1)
    imports = [s for path, s in tasks if path.endswith("import_registry_job")]
    assert imports == ["SUCCESSFUL"]
    # The worker's own daily run: today's audit head signed, tomorrow's waiting.
    daily = [s for path, s in tasks if path.endswith("publish_daily_audit_head")]
    assert daily == ["SUCCESSFUL", "READY"]


def test_nothing_in_saylau_starts_a_process_from_a_web_request() -> None:
    web = REPO / "saylau" / "web"
    offenders = [p for p in web.rglob("*.py") if "subprocess" in p.read_text(encoding="utf-8")]
    assert offenders == []
    assert not hasattr(register_jobs, "RUNNER")


@pytest.mark.django_db
def test_a_job_counts_as_running_from_the_moment_a_worker_takes_it() -> None:
    job = RegisterImport.objects.create(source="x")
    seen: list[tuple[str, int]] = []

    def work() -> None:
        row = RegisterImport.objects.get(pk=job.pk)
        seen.append((row.status, row.attempts))  # a worker dying here leaves a row to reap

    jobs.run_job(RegisterImport, job.pk, work, task=import_registry_job, args=())
    assert seen == [("staging", 1)]
