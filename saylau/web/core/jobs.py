"""Background jobs: one runner for every long piece of work started from the web.

A job is a row of a model derived from :class:`~saylau.web.core.models.JobRow` (the register's
imports, the list audit's runs) and a task on the task queue (django-tasks with the database
backend; ``saylau worker`` runs the tasks, ``saylau serve`` starts one beside the server).

- :func:`enqueue` hands the row's task to the queue once the row is committed.
- :func:`run_job` (inside the task) starts a QUEUED row only (a task delivered twice does the
  work once), retries database hiccups (the work is all or nothing, so a retry is safe) and
  records any other failure on the row.
- :func:`heartbeat` writes a sign of life on the row every few seconds while the work runs.
- :func:`reap_stale` finds rows "running" whose heartbeat stopped for
  ``SAYLAU_JOB_STALE_MINUTES`` (their worker was killed): each is resumed while it has
  attempts left, else marked failed for the page to say so, and its leftovers are cleaned.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.db.models import F, Model, Q
from django.utils import timezone

from .models import WORKER_LOST

logger = logging.getLogger(__name__)

#: Errors after which the same work may simply be tried again (the database went away or
#: was locked): the jobs are all or nothing, so a retry neither loses nor duplicates a row.
TRANSIENT: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)

QUEUED, DONE, FAILED = "queued", "done", "failed"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def stale_after() -> timedelta:
    return timedelta(minutes=_setting("SAYLAU_JOB_STALE_MINUTES", 10))


def max_attempts() -> int:
    return _setting("SAYLAU_JOB_MAX_ATTEMPTS", 3)


def heartbeat_seconds() -> int:
    return _setting("SAYLAU_JOB_HEARTBEAT_SECONDS", 15)


@dataclass(frozen=True)
class JobKind:
    """A model whose rows are jobs, and what to clean when one of them is abandoned."""

    model: type[Model]
    #: The status a row takes the moment a worker starts it (it is "running" from then on,
    #: so that a worker dying at any point leaves a row the reaper finds).
    running: str = ""
    cleanup: Callable[[int], None] | None = None


#: Every kind of job, registered by its app's ``tasks`` module (read by the worker).
KINDS: dict[str, JobKind] = {}


def register_kind(
    model: type[Model], *, running: str, cleanup: Callable[[int], None] | None = None
) -> None:
    KINDS[model._meta.label] = JobKind(model, running, cleanup)


def _rows(model: type[Model]) -> Any:
    return model._default_manager


def enqueue(task: Any, row: Model, *args: Any) -> None:
    """Put ``task(*args)`` on the queue when the current transaction commits (so the worker
    finds the row) and remember its id on the row (to resume it)."""
    model, pk = type(row), row.pk

    def send() -> None:
        result = task.enqueue(*args)
        _rows(model).filter(pk=pk).update(task_id=str(result.id))

    transaction.on_commit(send)


def beat(model: type[Model], pk: Any) -> None:
    _rows(model).filter(pk=pk).update(heartbeat_at=timezone.now())


@contextlib.contextmanager
def heartbeat(model: type[Model], pk: Any, *, every: float | None = None) -> Iterator[None]:
    """Write a sign of life on the row every ``every`` seconds (a thread with its own
    connection) while the block runs. A beat that cannot be written (SQLite locked by the
    work's own transaction) is skipped: the next one tries again."""
    beat(model, pk)
    interval = heartbeat_seconds() if every is None else every
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.wait(interval):
                with contextlib.suppress(DatabaseError):
                    beat(model, pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=loop, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def run_job(
    model: type[Model],
    pk: Any,
    work: Callable[[], Any],
    *,
    task: Any,
    args: Sequence[Any],
) -> None:
    """Carry out ``work`` for the QUEUED row ``pk`` of ``model`` (called inside a task).

    A row that is not QUEUED (done, failed, or taken by another worker) is left alone: a task
    delivered twice does its work once. ``work`` records its own progress and outcome on the
    row; a transient database error is retried (the row queued again) up to
    ``SAYLAU_JOB_MAX_ATTEMPTS``; anything else leaves the row failed and is re-raised for the
    queue's own record.
    """
    fields: dict[str, Any] = {
        "attempts": F("attempts") + 1,
        "heartbeat_at": timezone.now(),
        "error": "",
    }
    kind = KINDS.get(model._meta.label)
    if kind is not None and kind.running:
        fields["status"] = kind.running
    started = _rows(model).filter(pk=pk, status=QUEUED).update(**fields)
    if not started:
        logger.info("%s %s is not queued: nothing to do", model.__name__, pk)
        return
    try:
        work()
    except TRANSIENT as exc:
        attempts = _rows(model).filter(pk=pk).values_list("attempts", flat=True).first() or 0
        if attempts < max_attempts():
            logger.warning("%s %s: %s; trying again", model.__name__, pk, exc)
            _requeue(model, pk, task, args, attempts)
            return
        _fail(model, pk, str(exc))
        raise
    except Exception as exc:
        _fail(model, pk, str(exc), only_unfinished=True)
        raise


def _fail(model: type[Model], pk: Any, error: str, *, only_unfinished: bool = False) -> None:
    rows = _rows(model).filter(pk=pk)
    if only_unfinished:
        rows = rows.exclude(status__in=[DONE, FAILED])
    fields: dict[str, Any] = {"status": FAILED, "error": error[:2000]}
    if any(f.name == "finished_at" for f in model._meta.get_fields()):
        fields["finished_at"] = timezone.now()
    rows.update(**fields)


def _requeue(model: type[Model], pk: Any, task: Any, args: Sequence[Any], attempts: int) -> None:
    delay = timedelta(seconds=_setting("SAYLAU_JOB_RETRY_SECONDS", 30) * 2 ** max(attempts - 1, 0))
    _rows(model).filter(pk=pk).update(status=QUEUED, error="", heartbeat_at=None)
    backend = task.get_backend()
    later = task.using(run_after=timezone.now() + delay) if backend.supports_defer else task
    result = later.enqueue(*args)
    _rows(model).filter(pk=pk).update(task_id=str(result.id))


def stale(model: type[Model]) -> Any:
    """Rows that say they run but whose heartbeat stopped ``SAYLAU_JOB_STALE_MINUTES`` ago."""
    cutoff = timezone.now() - stale_after()
    return (
        _rows(model)
        .exclude(status__in=[QUEUED, DONE, FAILED])
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
    )


def reap_stale(model: type[Model]) -> list[Any]:
    """Resume or fail every stale row of ``model``; returns the ids handled.

    A row held by a live transaction (PostgreSQL: locked; SQLite: the database locked) is
    alive and skipped. A resumed row is queued again with the same task and arguments; a
    row out of attempts (or whose task cannot be found) becomes FAILED with
    :data:`WORKER_LOST`, which its page shows in words.
    """
    kind = KINDS.get(model._meta.label, JobKind(model))
    handled: list[Any] = []
    for pk in list(stale(model).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                row = stale(model).select_for_update(skip_locked=True).filter(pk=pk).first()
                if row is None:
                    continue
                resumed = _resume(row)
                if not resumed:
                    _fail(model, pk, WORKER_LOST)
                _forget_task(row.task_id)
        except OperationalError:
            continue  # SQLite: another connection is writing; the row may well be alive
        handled.append(pk)
        logger.warning(
            "%s %s lost its worker: %s", model.__name__, pk, "resumed" if resumed else "failed"
        )
        if not resumed and kind.cleanup is not None:
            kind.cleanup(pk)
    return handled


def reap_all() -> list[str]:
    """Reap every registered kind of job (the worker does it when it starts)."""
    return [f"{label} {pk}" for label, kind in KINDS.items() for pk in reap_stale(kind.model)]


def _resume(row: Any) -> bool:
    if row.attempts >= max_attempts() or not row.task_id:
        return False
    from django_tasks import default_task_backend

    try:
        old = default_task_backend.get_result(row.task_id)
    except Exception:  # noqa: BLE001 - no such result, or a backend that keeps none
        return False
    type(row)._default_manager.filter(pk=row.pk).update(status=QUEUED, heartbeat_at=None)
    result = old.task.enqueue(*old.args, **old.kwargs)
    type(row)._default_manager.filter(pk=row.pk).update(task_id=str(result.id))
    return True


def _forget_task(task_id: str) -> None:
    """Mark the abandoned task result failed too (the database backend would show it running
    for ever)."""
    if not task_id:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return
    from django.core.exceptions import ValidationError

    with contextlib.suppress(ValidationError):  # an id of another backend (not a UUID)
        DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
            status="FAILED", finished_at=timezone.now()
        )
