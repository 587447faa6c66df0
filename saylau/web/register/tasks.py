"""The register's background jobs on the task queue (saylau.web.core.jobs)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django_tasks import task

from saylau.web.core import jobs

from .models import RegisterImport


@task()
def import_registry_job(job_id: int, directory: str, region_code: str | None) -> None:
    """Import the extract in ``directory`` for the queued import ``job_id``, acting for the
    user who started it."""
    from .services.importing import import_registry

    def work() -> None:
        job = RegisterImport.objects.select_related("started_by").get(pk=job_id)
        import_registry(
            directory=Path(directory),
            region_code=region_code,
            actor=job.started_by or "saylau import-registry",
            job=job,
        )

    jobs.run_job(
        RegisterImport,
        job_id,
        work,
        task=import_registry_job,
        args=(job_id, directory, region_code),
    )


def forget_import(job_id: int) -> None:
    """What an abandoned import leaves: its staged rows and its unpacked upload."""
    from .services.diff import clear_staging
    from .services.jobs import upload_root

    clear_staging(import_ids=[job_id])
    shutil.rmtree(upload_root() / f"job-{job_id}", ignore_errors=True)


jobs.register_kind(RegisterImport, running=RegisterImport.Status.STAGING, cleanup=forget_import)
