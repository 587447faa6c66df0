"""Small shared tables of the core app."""

from __future__ import annotations

from django.db import models


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
