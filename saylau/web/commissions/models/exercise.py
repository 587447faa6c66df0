"""The election-day exercise: a trainee fills a precinct protocol from a scenario."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Member, Person
from .training import Enrolment


class ExerciseAttempt(models.Model):
    """One submitted protocol of one scenario, graded by ``saylau.law.protocol`` and by the
    scenario's expected lines (``services.exercise``). Several tries are kept, each its own row."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="exercises")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="exercises")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="exercises")
    scenario = models.CharField(_("scenario"), max_length=40)
    language = models.CharField(_("language"), max_length=2)
    lines = models.JSONField(_("protocol as filled"))
    #: control-ratio finding codes of the filled protocol (``saylau.law.protocol``)
    findings = models.JSONField(default=list, blank=True)
    #: protocol lines that differ from what the scenario's events give
    wrong_lines = models.JSONField(default=list, blank=True)
    score = models.PositiveIntegerField(_("score"))
    max_score = models.PositiveIntegerField(_("maximum score"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["person", "scenario"])]
        verbose_name = _("election-day exercise")
        verbose_name_plural = _("election-day exercises")

    def __str__(self) -> str:
        return f"exercise {self.scenario} of enrolment {self.enrolment_id}"
