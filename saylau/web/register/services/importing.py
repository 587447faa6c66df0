"""``import_registry``: one import of a registry extract, a new version of the register.

1. The extract's checksum; the same extract as the last import of the region changes nothing
   (unless ``full``).
2. Districts and precincts are read whole (small); addresses and persons are read in polars
   batches by ``lists.io`` and checked column-wise (:mod:`.reading`); a person equal to the
   register is only counted, the others go into the staging tables (COPY on PostgreSQL).
3. In ONE transaction: territory updated in place, the set-based diff applied, the import
   recorded with its counts and one audit event. A crash before the commit leaves the register
   as it was; a re-run starts a new staging and finishes without duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from saylau.web.accounts.policy import COUNTRY, Action, ActorLike, allows, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import jobs
from saylau.web.core.models import job_error
from saylau.web.territory.models import Region

from ..models import ImportRejection, Person, RegisterImport
from ..sentences import Refused
from . import diff, import_guards
from .extract import Rejection, extract_checksum
from .reading import PERSONS_FILE, PersonStager, stage_addresses
from .staging import known_persons
from .territory import (
    read_districts,
    read_precincts,
    region_identity,
    upsert_region,
    upsert_territory,
)

#: How many rejections are kept in the database per import (all are counted).
KEEP_REJECTIONS = 10_000

Progress = Callable[[RegisterImport, str], None]


class RejectionLog:
    def __init__(self, on_reject: Callable[[Rejection], None] | None) -> None:
        self.items: list[Rejection] = []
        self.count = 0
        self.by_file: dict[str, int] = {}
        self.on_reject = on_reject

    def add(self, rejection: Rejection) -> None:
        self.count += 1
        self.by_file[rejection.file] = self.by_file.get(rejection.file, 0) + 1
        if len(self.items) < KEEP_REJECTIONS:
            self.items.append(rejection)
        if self.on_reject is not None:
            self.on_reject(rejection)

    def extend(self, rejections: list[Rejection]) -> None:
        for r in rejections:
            self.add(r)


def _save_progress(job: RegisterImport, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(job, key, value)
    RegisterImport.objects.filter(pk=job.pk).update(**fields)


def import_registry(
    *,
    directory: Path,
    region_code: str | None = None,
    actor: ActorLike = None,
    job: RegisterImport | None = None,
    full: bool = False,
    progress: Progress | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    allow_removals: bool = False,
) -> RegisterImport:
    """Import the extract in ``directory``; returns the finished import (its ``summary()``).

    Raises :class:`~saylau.errors.InputError` (nothing applied) when a file is structurally unusable, lists
    no person, or removes more than the set share of the region without ``allow_removals``
    (or the job's own confirmation): see :mod:`.import_guards`.
    """
    require(actor, Action.REGISTER_IMPORT)
    directory = Path(directory)
    if not directory.is_dir():
        raise Refused("folder_missing", "not a directory", file=str(directory))
    if job is None:
        job = RegisterImport.objects.create(source=str(directory), started_by=_user(actor))
    say: Progress = progress or (lambda _job, _text: None)
    allow = allow_removals or bool(getattr(job, "allow_removals", False))
    try:
        with jobs.heartbeat(RegisterImport, job.pk):
            return _import(
                directory, region_code, actor, job, full, say, RejectionLog(on_reject), allow
            )
    except BaseException as exc:
        RegisterImport.objects.filter(pk=job.pk).update(
            status=RegisterImport.Status.FAILED,
            error=job_error(exc, directory),
            finished_at=timezone.now(),
        )
        diff.clear_staging(import_ids=[job.pk])
        raise
    finally:
        _untune_connection()


def _require_region_in_scope(actor: ActorLike, code: str) -> None:
    """A regional commission imports its own region's extract only (the policy's
    :attr:`Action.REGISTER_IMPORT` at the region; a region not yet known is the country's)."""
    region = Region.objects.filter(code=code).first()
    if not allows(actor, Action.REGISTER_IMPORT, region if region is not None else COUNTRY):
        msg = f"the extract is of region {code}, outside your territory"
        raise Refused("region_outside_scope", msg, file="region.json", field="code", region=code)


def _user(actor: ActorLike) -> Any:
    return user_of(actor)


def _import(
    directory: Path,
    region_code: str | None,
    actor: ActorLike,
    job: RegisterImport,
    full: bool,
    say: Progress,
    log: RejectionLog,
    allow_removals: bool = False,
) -> RegisterImport:
    identity = region_identity(directory, region_code)
    _require_region_in_scope(actor, identity["code"])
    _tune_connection()
    checksum, total = extract_checksum(directory)
    _save_progress(job, checksum=checksum, bytes_total=total, status=RegisterImport.Status.STAGING)
    # Imports whose worker died before their commit: resumed or failed, their staging cleared.
    jobs.reap_stale(RegisterImport)
    region = Region.objects.filter(code=identity["code"]).first()
    if region is not None and not full:
        last = (
            RegisterImport.objects.filter(region=region, status=RegisterImport.Status.DONE)
            .order_by("-pk")
            .first()
        )
        if last is not None and last.checksum == checksum:
            say(job, "the extract is the same as the last import: nothing to change")
            with transaction.atomic():
                _finish(
                    job,
                    region,
                    actor,
                    diff.DiffCounts(
                        unchanged=Person.private_objects.filter(region=region, active=True).count()
                    ),
                    log,
                    rejected=last.rejected_rows,
                    same_as=last.pk,
                )
            return job

    rejections: list[Rejection] = []
    districts = read_districts(directory, rejections)
    precincts = read_precincts(directory, {d.code for d in districts}, rejections)
    log.extend(rejections)
    sizes = {
        "districts.csv": (directory / "districts.csv").stat().st_size,
        "precincts.csv": (directory / "precincts.csv").stat().st_size,
        "registry/addresses.csv": (directory / "registry/addresses.csv").stat().st_size,
    }
    done = sizes["districts.csv"] + sizes["precincts.csv"]

    def ticker(offset: int, label: str) -> Callable[[int], None]:
        def tick(read: int) -> None:
            _save_progress(job, bytes_read=offset + read)
            say(job, label)

        return tick

    # The register as this import compares with it; an import that finishes meanwhile would
    # make the comparison stale (checked again under the lock below).
    mark = _last_done_import()
    known = known_persons(region.pk if region is not None else None)
    codes = stage_addresses(directory, job.pk, log.add, ticker(done, "addresses"))
    done += sizes["registry/addresses.csv"]
    stager = PersonStager(import_id=job.pk, known=known, address_codes=codes, reject=log.add)
    del known, codes
    tally = stager.run(directory, ticker(done, "persons"))
    del stager
    known_count = _known_count(region)
    removable = import_guards.check_removals(
        listed=tally.listed,
        gone=tally.gone,
        known=known_count,
        rejected_persons=log.by_file.get(PERSONS_FILE, 0),
        region_code=identity["code"],
        allow_removals=allow_removals,
    )
    withheld = tally.gone - removable
    diff.analyze_staging()
    address_dups = diff.duplicate_address_lines(import_id=job.pk)
    for line, code in address_dups:
        log.add(
            Rejection(
                "registry/addresses.csv",
                line,
                "address_id",
                f"address {code} is listed twice",
                "address_listed_twice",
                {"address": code},
            )
        )
    diff.delete_lines(
        "register_stagingaddress", import_id=job.pk, lines=[d[0] for d in address_dups]
    )
    diff.delete_lines("register_stagingperson", import_id=job.pk, lines=tally.duplicate_lines)

    _save_progress(job, status=RegisterImport.Status.APPLYING, bytes_read=total)
    say(job, "applying the changes")
    with transaction.atomic():
        region = upsert_region(identity)
        Region.objects.select_for_update().filter(pk=region.pk).first()
        if _last_done_import() != mark:
            msg = "another import finished while this one read the extract: run it again"
            raise Refused("concurrent_import", msg, file=str(directory))
        upsert_territory(region, districts, precincts)
        diff.analyze(diff.TD, diff.TP)
        diff.apply_addresses(import_id=job.pk, region_id=region.pk)
        for line, code in diff.resolve_person_addresses(import_id=job.pk):
            log.add(
                Rejection(
                    "registry/persons.csv",
                    line,
                    "address_id",
                    f"address {code} is not in registry/addresses.csv",
                    "address_not_listed",
                    {"address": code},
                )
            )
        for line, iin, code in import_guards.foreign_persons(import_id=job.pk, region_id=region.pk):
            log.add(import_guards.foreign_rejection(line, iin, code))
        counts = diff.apply_persons(import_id=job.pk, region_id=region.pk, gone=removable)
        counts.unchanged += tally.unchanged
        job.removals_withheld = withheld
        _finish(job, region, actor, counts, log, rejected=log.count)
        diff.clear_staging(import_ids=[job.pk])
    return job


def _known_count(region: Region | None) -> int:
    if region is None:
        return 0
    return Person.private_objects.filter(region=region, active=True).count()


def _last_done_import() -> int:
    last = (
        RegisterImport.objects.filter(status=RegisterImport.Status.DONE)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return int(last or 0)


#: SQLite page cache for an import (KiB, negative as SQLite wants it): the staging and person
#: indexes of a national extract do not fit the 2 MB default, and every cache miss is a read.
SQLITE_CACHE_KIB = 512 * 1024


#: PostgreSQL memory for the import's sorts and hashes and for indexing the staged rows (the
#: server's defaults, 4 MB and 64 MB, spill a national extract's sorts to disk).
PG_SETTINGS = {"work_mem": "256MB", "maintenance_work_mem": "512MB"}


def _tune_connection() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name, value in PG_SETTINGS.items():
                cursor.execute(f"SET {name} = '{value}'")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            # Temporary tables and the sorts that build indexes stay in files (SQLite's
            # default): in memory they took a national import past 2 GB.


def _untune_connection() -> None:
    from django.db import connection

    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for name in PG_SETTINGS:
                cursor.execute(f"RESET {name}")


def _finish(
    job: RegisterImport,
    region: Region,
    actor: ActorLike,
    counts: diff.DiffCounts,
    log: RejectionLog,
    *,
    rejected: int,
    same_as: int | None = None,
) -> None:
    job.region = region
    job.status = RegisterImport.Status.DONE
    job.finished_at = timezone.now()
    job.bytes_read = job.bytes_total
    job.persons_added = counts.added
    job.persons_changed = counts.changed
    job.persons_removed = counts.removed
    job.unchanged = counts.unchanged
    job.rejected_rows = rejected
    job.save()
    ImportRejection.objects.bulk_create(
        [
            ImportRejection(
                register_import=job,
                file=r.file,
                line=r.line,
                column=r.column,
                reason=r.reason[:300],
                code=r.code,
                params=r.params,
            )
            for r in log.items
        ],
        batch_size=2000,
    )
    new: dict[str, Any] = {"region": region.code, "checksum": job.checksum, **job.summary()}
    if same_as is not None:
        new["same_as_import"] = same_as
    record_event(actor=actor, action=AuditAction.REGISTER_IMPORT, target=job, new=new)
