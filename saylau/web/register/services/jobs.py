"""Imports started from the web: a job row and a task on the queue (register.tasks) that a
worker runs, reporting its progress in that row (the page polls it with HTMX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from saylau.web.core import jobs
from saylau.web.core.models import job_error
from saylau.web.core.uploads import unpack_zip

from ..models import RegisterImport
from ..sentences import Refused


def upload_root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "register" / "imports"
    root.mkdir(parents=True, exist_ok=True)
    return root


def unpack_upload(job: RegisterImport, upload: Any) -> Path:
    """Unpack an uploaded ZIP of the extract (refusing paths that leave the folder)."""
    target = upload_root() / f"job-{job.pk}"
    unpack_zip(upload, target)
    # A ZIP of the folder itself: use the folder that holds districts.csv.
    found = next(iter(sorted(target.rglob("districts.csv"))), None)
    return found.parent if found is not None else target


def start_import(
    *,
    user: Any,
    directory: Path | None = None,
    upload: Any = None,
    region_code: str | None = None,
    allow_removals: bool = False,
) -> RegisterImport:
    """Record the import and queue it (register.tasks.import_registry_job) once committed."""
    from saylau.web.accounts.policy import Action, require

    from ..tasks import import_registry_job

    # The region is checked again by the import itself, once region.json is read.
    require(user, Action.REGISTER_IMPORT)
    with transaction.atomic():
        job = RegisterImport.objects.create(
            source=(str(directory) if directory else str(getattr(upload, "name", "upload")))[:500],
            started_by=user,
            allow_removals=allow_removals,
        )
        if upload is not None:
            directory = unpack_upload(job, upload)
        if directory is None or not Path(directory).is_dir():
            job.status = RegisterImport.Status.FAILED
            # Said in the reader's language when the page shows it (not the starter's).
            job.error = job_error(Refused("folder_missing", "not a directory"))
            job.save(update_fields=["status", "error"])
            return job
        jobs.enqueue(import_registry_job, job, job.pk, str(directory), region_code)
    return job


def reap_stale_imports() -> None:
    """Imports whose worker died: resumed or failed, before a page shows them."""
    jobs.reap_stale(RegisterImport)
