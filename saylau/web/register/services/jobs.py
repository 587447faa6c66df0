"""Imports started from the web: a job row and a real ``saylau import-registry`` subprocess
that reports its progress in that row (the page polls it with HTMX)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import RegisterImport


def run_in_subprocess(job: RegisterImport, directory: Path, region_code: str | None) -> None:
    cmd = [
        sys.executable,
        "-m",
        "saylau.cli",
        "import-registry",
        str(directory),
        "--job",
        str(job.pk),
        "--quiet",
    ]
    if region_code:
        cmd += ["--region-code", region_code]
    log = upload_root() / f"import-{job.pk}.log"
    with log.open("ab") as out:
        subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            cmd, stdout=out, stderr=out, env=os.environ.copy(), start_new_session=True
        )


#: How a job is run; tests swap in a synchronous runner of the same import.
RUNNER: Callable[[RegisterImport, Path, str | None], None] = run_in_subprocess


def upload_root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "register" / "imports"
    root.mkdir(parents=True, exist_ok=True)
    return root


def unpack_upload(job: RegisterImport, upload: Any) -> Path:
    """Unpack an uploaded ZIP of the extract (refusing paths that leave the folder)."""
    target = upload_root() / f"job-{job.pk}"
    target.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(upload) as zf:
            for info in zf.infolist():
                dest = (target / info.filename).resolve()
                if not dest.is_relative_to(target.resolve()):
                    raise ValidationError(_("The archive contains a path outside its folder."))
            zf.extractall(target)  # noqa: S202 - every member checked above
    except zipfile.BadZipFile:
        raise ValidationError(_("The file is not a ZIP archive.")) from None
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
    from saylau.web.accounts.policy import Action, require

    # The region is checked again by the import itself, once region.json is read.
    require(user, Action.REGISTER_IMPORT)
    job = RegisterImport.objects.create(
        source=(str(directory) if directory else str(getattr(upload, "name", "upload")))[:500],
        started_by=user,
        allow_removals=allow_removals,
    )
    if upload is not None:
        directory = unpack_upload(job, upload)
    if directory is None or not Path(directory).is_dir():
        job.status = RegisterImport.Status.FAILED
        job.error = _("The folder does not exist on the server.")
        job.save(update_fields=["status", "error"])
        return job
    RUNNER(job, Path(directory), region_code)
    return job
