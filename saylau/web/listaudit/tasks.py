"""The list audit's background jobs on the task queue (saylau.web.core.jobs)."""

from __future__ import annotations

import shutil

from django_tasks import task

from saylau.web.core import jobs

from .models import AuditRun


@task()
def audit_run_job(run_id: int) -> None:
    """Carry out the queued audit run ``run_id``."""
    from .services.runs import execute_run

    jobs.run_job(
        AuditRun,
        run_id,
        lambda: execute_run(run_id, reraise=jobs.TRANSIENT),
        task=audit_run_job,
        args=(run_id,),
    )


def forget_run(run_id: int) -> None:
    """What an abandoned run leaves: its unpacked upload."""
    from .services.runs import upload_root

    shutil.rmtree(upload_root() / f"run-{run_id}", ignore_errors=True)


jobs.register_kind(AuditRun, running=AuditRun.Status.READING, cleanup=forget_run)
