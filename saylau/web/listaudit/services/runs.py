"""Starting and running an audit: a job row and a task on the queue (listaudit.tasks) that a
worker runs, reporting progress in that row (saylau.web.core.jobs), or a run in-process."""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saylau.errors import SaylauError
from saylau.lists import io
from saylau.lists.audit import CHECKS, AuditConfig, AuditInputs, audit_frame, read_inputs
from saylau.web.accounts.policy import COUNTRY, Action, ActorLike, allows, require
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import jobs
from saylau.web.core.models import job_error
from saylau.web.core.uploads import unpack_zip
from saylau.web.elections.models import Election
from saylau.web.register.models import VoterList
from saylau.web.territory.models import Region

from ..models import AuditRun
from .export import Places, register_inputs
from .store import store_findings

logger = logging.getLogger(__name__)

#: Checks that need no list lines: what a run over the register without lists can decide.
REGISTER_ONLY_CHECKS = frozenset({"OVERCROWDED_ADDRESS", "ADDRESS_WITHOUT_PRECINCT"})


class RunFailed(SaylauError):
    code = "listaudit_run_failed"


def upload_root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "listaudit"
    root.mkdir(parents=True, exist_ok=True)
    return root


def can_run(user: ActorLike, region: Region) -> bool:
    return allows(user, Action.LIST_AUDIT_RUN, region)


def _unpack(run: AuditRun, upload: Any) -> tuple[str, Path]:
    """Unpack an uploaded ZIP (or a single voter_lists.csv) and say what it holds."""
    target = upload_root() / f"run-{run.pk}"
    target.mkdir(parents=True, exist_ok=True)
    name = str(getattr(upload, "name", "upload"))
    if name.lower().endswith(".csv"):
        dest = target / "lists" / "voter_lists.csv"
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return AuditRun.Source.UPLOAD_LISTS, target
    unpack_zip(upload, target, not_a_zip=_("The file is neither a ZIP archive nor a CSV file."))
    full = next(iter(sorted(target.rglob("districts.csv"))), None)
    if full is not None:
        return AuditRun.Source.UPLOAD_FULL, full.parent
    lists = next(iter(sorted(target.rglob("voter_lists.csv"))), None)
    if lists is None:
        raise ValidationError(_("The archive has neither districts.csv nor voter_lists.csv."))
    if lists.parent.name != "lists":
        dest = target / "_set" / "lists" / "voter_lists.csv"
        dest.parent.mkdir(parents=True, exist_ok=True)
        lists.replace(dest)
        return AuditRun.Source.UPLOAD_LISTS, dest.parent.parent
    return AuditRun.Source.UPLOAD_LISTS, lists.parent.parent


def start_run(
    *,
    user: Any,
    region: Region,
    election: Election | None = None,
    election_date: date | None = None,
    upload: Any = None,
    directory: Path | None = None,
    queue: bool = True,
) -> AuditRun:
    """Queue a run over ``region`` (its stored lists of ``election``, an uploaded set, or a set
    in a ``directory`` on the server: the CEC's only) as a task (listaudit.tasks) that starts
    once committed; ``queue=False`` leaves it to the caller (:func:`execute_run`). Raises
    PermissionDenied outside the user's scope."""
    from ..tasks import audit_run_job

    require(user, Action.LIST_AUDIT_RUN, region)
    if directory is not None and not allows(user, Action.LIST_AUDIT_RUN, COUNTRY):
        raise PermissionDenied("server folders are for the CEC")
    if election is not None and election_date is None:
        election_date = election.day
    if election_date is None:
        raise ValidationError(_("Give the election day."))
    if upload is None and election is not None:
        has_lists = VoterList.objects.filter(election=election, precinct__region=region).exists()
        if not has_lists:
            raise ValidationError(_("This election has no compiled voter lists in the region."))
    with transaction.atomic():
        run = AuditRun.objects.create(
            region=region,
            election=election,
            election_date=election_date,
            source=AuditRun.Source.DATABASE,
            source_name=str(getattr(upload, "name", "")),
            started_by=user,
        )
        if upload is not None:
            source, directory = _unpack(run, upload)
            run.source, run.directory = source, str(directory)
            run.save(update_fields=["source", "directory"])
        elif directory is not None:
            full = (Path(directory) / "districts.csv").is_file()
            run.source = AuditRun.Source.UPLOAD_FULL if full else AuditRun.Source.UPLOAD_LISTS
            run.directory = str(directory)
            run.source_name = run.source_name or str(directory)
            run.save(update_fields=["source", "directory", "source_name"])
        record_event(
            actor=user,
            action=AuditAction.LISTAUDIT_RUN_START,
            target=run,
            new={
                "region": region.code,
                "source": run.source,
                "election": election.pk if election else None,
                "election_date": election_date,
            },
        )
        if queue:
            jobs.enqueue(audit_run_job, run, run.pk)
    return run


def reap_stale_runs() -> None:
    """Runs whose worker died: resumed or failed, before a page shows them."""
    jobs.reap_stale(AuditRun)


def _set(run_id: int, **fields: Any) -> None:
    AuditRun.objects.filter(pk=run_id).update(**fields)


def _inputs(run: AuditRun) -> AuditInputs:
    region_id = int(run.region_id)
    if run.source == AuditRun.Source.DATABASE:
        return register_inputs(region_id, election_id=run.election_id)
    directory = Path(run.directory)
    if run.source == AuditRun.Source.UPLOAD_FULL:
        _check_region_file(run, directory)
        return read_inputs(directory)
    stored = register_inputs(region_id, election_id=None)
    return AuditInputs(
        persons=stored.persons,
        addresses=stored.addresses,
        precincts=stored.precincts,
        lines=io.read_table(directory, io.LISTS),
    )


def _check_region_file(run: AuditRun, directory: Path) -> None:
    from saylau.lists.io.limits import load_json

    meta = directory / "region.json"
    if not meta.is_file():
        return
    try:
        data = load_json(meta.read_text(encoding="utf-8"), file="region.json")
    except (SaylauError, UnicodeDecodeError) as exc:
        msg = f"region.json: not a JSON file ({exc})"
        raise RunFailed(msg) from exc
    if not isinstance(data, dict):
        raise RunFailed("region.json: must be a JSON object")
    code = data.get("code")
    if code and code != run.region.code:
        msg = f"region.json: the set is of region {code}, the run is for {run.region.code}"
        raise RunFailed(msg)


def execute_run(run_id: int, *, reraise: tuple[type[BaseException], ...] = ()) -> AuditRun:
    """Carry out a queued run: read, check, store. A failure is recorded on the run (with the
    file, line and column of bad input) and no finding of it is kept; one of ``reraise`` (the
    task's retryable errors) is raised after that, and the upload kept for the retry."""
    run = AuditRun.objects.select_related("region", "started_by").get(pk=run_id)
    _set(run_id, status=AuditRun.Status.READING, percent=5, stage="", error="")
    keep_upload = False
    try:
        with jobs.heartbeat(AuditRun, run_id):
            _execute(run)
    except Exception as exc:  # the job must end as failed, whatever stopped it
        if not isinstance(exc, SaylauError | OSError | ValueError):
            logger.exception("list audit run %s failed", run_id)
        _set(
            run_id,
            status=AuditRun.Status.FAILED,
            finished_at=timezone.now(),
            # The code and where it was, for the page to say in the reader's language.
            error=job_error(exc, run.directory, upload_root()),
        )
        if isinstance(exc, reraise):
            keep_upload = True
            raise
    finally:
        if run.directory and not keep_upload:
            shutil.rmtree(upload_root() / f"run-{run.pk}", ignore_errors=True)
    run.refresh_from_db()
    return run


def _execute(run: AuditRun) -> None:
    run_id = run.pk
    inputs = _inputs(run)
    _set(run_id, status=AuditRun.Status.CHECKING, percent=30)
    checks = frozenset(CHECKS)
    if run.source == AuditRun.Source.DATABASE and run.election_id is None:
        checks = REGISTER_ONLY_CHECKS
    done = [0]

    def on_check(text: str) -> None:
        done[0] += 1
        _set(run_id, percent=30 + 55 * done[0] // len(checks), stage=text.split(":")[0])

    frame = audit_frame(
        inputs,
        election_date=run.election_date,
        config=AuditConfig(checks=checks),
        progress=on_check,
    )
    _set(run_id, status=AuditRun.Status.STORING, percent=85, stage="")
    places = Places.of_region(int(run.region_id))
    with transaction.atomic():
        total = store_findings(run, frame, inputs, places)
        counts = {c: n for c, n in frame["check"].value_counts().iter_rows()}
        AuditRun.objects.filter(pk=run_id).update(
            status=AuditRun.Status.DONE,
            percent=100,
            finished_at=timezone.now(),
            persons=inputs.persons.height,
            lines=inputs.lines.height,
            findings_total=total,
            counts=counts,
        )
        record_event(
            actor=run.started_by or "saylau listaudit",
            action=AuditAction.LISTAUDIT_RUN_DONE,
            target=run,
            new={"findings": total, "counts": counts},
        )
