"""Small shared tables of the core app: rate counters, and the fields of a background job's row."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class JobRow(models.Model):
    """A row that a background job (saylau.web.core.jobs) reports its progress in.

    The concrete model has a ``status`` with QUEUED, DONE and FAILED among its choices (any
    other status means "running") and an ``error`` text.
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

    @property
    def error_text(self) -> str:
        """The error for people: the worker-lost marker in the reader's language."""
        error = str(getattr(self, "error", ""))
        if error == WORKER_LOST:
            return str(
                _(
                    "The worker running this job stopped before it finished; nothing of it "
                    "was applied. Start it again."
                )
            )
        return error
