"""Small shared tables of the core app: rate counters, and the fields of a background job's row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from saylau.errors import InputError, SaylauError


class RateCounter(models.Model):
    """One client's count of requests in the current window of one limit
    (:mod:`saylau.web.core.ratelimit`). In the database, so that every worker process of
    gunicorn and every restart sees the same count (a per-process cache let 3 workers answer
    three times the budget)."""

    key = models.CharField(max_length=200, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


#: The error a job row holds when its worker stopped without finishing it (shown translated).
WORKER_LOST = "worker_lost"

#: How much of the English detail a job's error keeps (the column is text; a page shows it).
DETAIL_CHARS = 1500


def job_error(exc: BaseException, *roots: str | Path | None) -> str:
    """What a failed job stores in its ``error``: a JSON object with the error's stable
    ``code``, its ``params`` and where it was (``file``, ``line``, ``field``), for the page
    to say in the reader's language, and the English ``detail`` for the log. The server's
    folders (``roots``, the data folder) are cut from every text (:func:`~.paths.hide_paths`)."""
    from .paths import hide_paths

    def hidden(value: object) -> object:
        return hide_paths(value, *roots) if isinstance(value, str) else value

    record: dict[str, Any] = {"detail": hide_paths(str(exc), *roots)[:DETAIL_CHARS]}
    if isinstance(exc, SaylauError):
        record["code"] = exc.code
        params = getattr(exc, "params", None) or {}
        record["params"] = {str(k): hidden(v) for k, v in params.items()}
    if isinstance(exc, InputError):
        record["message"] = hide_paths(str(exc.message), *roots)[:DETAIL_CHARS]
        record.update(file=hidden(exc.file), line=exc.line, field=exc.field)
    return json.dumps(record, ensure_ascii=False)


def _record(error: str) -> dict[str, Any] | None:
    if not error.startswith("{"):
        return None
    try:
        found = json.loads(error)
    except ValueError:
        return None
    return found if isinstance(found, dict) and "detail" in found else None


def where_lead(file: str | None, line: int | None, field: str | None) -> str:
    """The lead sentence of a file that cannot be read, naming the file, line and column."""
    names = {"file": file, "line": line, "column": field}
    if line and field:
        return _("The file %(file)s cannot be read: line %(line)s, column %(column)s.") % names
    if line:
        return _("The file %(file)s cannot be read: line %(line)s.") % names
    if field:
        return _("The file %(file)s cannot be read: column %(column)s.") % names
    return _("The file %(file)s cannot be read.") % names


class JobRow(models.Model):
    """A row that a background job (saylau.web.core.jobs) reports its progress in.

    The concrete model has a ``status`` with QUEUED, DONE and FAILED among its choices (any
    other status means "running") and an ``error`` text: :data:`WORKER_LOST`, a record of
    :func:`job_error`, or (older rows) plain text.
    """

    #: Written by the job every few seconds while it runs; a running job whose heartbeat is
    #: older than SAYLAU_JOB_STALE_MINUTES lost its worker (core.jobs.reap_stale).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    #: How many times a worker has started the job (a resumed job counts again).
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The task queue's id of the job's latest task (django-tasks), to resume it.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    def error_sentence(self, code: str, params: dict[str, Any]) -> str | None:
        """The sentence of an error ``code`` of this kind of job in the reader's language
        (``None``: not one of its codes). The concrete model says its own."""
        return None

    @property
    def error_detail(self) -> str:
        """The error in English as the worker wrote it (for the log and the command line)."""
        error = str(getattr(self, "error", ""))
        record = _record(error)
        return str(record["detail"]) if record is not None else error

    @property
    def error_text(self) -> str:
        """The error for people, in the reader's language: the worker-lost marker; a refusal
        with a code this kind of job knows, as its sentence; a file that cannot be read, as a
        sentence naming the file, line and column, then the reason in the reader's language
        (:mod:`.reading`; an older row: its English detail); otherwise (an older
        row, an unexpected error) the stored text."""
        error = str(getattr(self, "error", ""))
        if error == WORKER_LOST:
            return str(
                _(
                    "The worker running this job stopped before it finished; nothing of it "
                    "was applied. Start it again."
                )
            )
        record = _record(error)
        if record is None:
            return error
        params = dict(record.get("params") or {})
        params.setdefault("file", record.get("file") or "")
        params.setdefault("line", record.get("line") or "")
        said = self.error_sentence(str(record.get("code") or ""), params)
        if said is not None:
            return said
        if record.get("file"):
            from .reading import sentence

            lead = where_lead(record["file"], record.get("line"), record.get("field"))
            reason = sentence(str(record.get("code") or ""), params)
            return f"{lead} {reason or record.get('message') or record['detail']}"
        return str(record["detail"])
