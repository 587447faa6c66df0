"""Audit runs, the findings each run stored, and the resolutions that outlive runs.

A finding's ``fingerprint`` names *what* it is about (the check and the identities of the
lines and persons it names), so the same problem found again on the next run has the same
fingerprint; its ``digest`` names the data it rests on. A :class:`Resolution` is kept per
region and fingerprint: the next run shows a resolved finding as resolved while its digest is
the one the resolution was made on, and as reopened (the old resolution still shown) when the
data changed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from saylau.web.core.models import JobRow


class AuditRun(JobRow):
    """One run of the 16 checks over a region: also the job row the page polls for progress."""

    class Source(models.TextChoices):
        DATABASE = "database", _("the register stored here")
        UPLOAD_LISTS = "upload_lists", _("uploaded voter lists against the stored register")
        UPLOAD_FULL = "upload_full", _("an uploaded set of list and registry files")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        READING = "reading", _("reading the data")
        CHECKING = "checking", _("running the checks")
        STORING = "storing", _("storing the findings")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    region = models.ForeignKey("territory.Region", on_delete=models.PROTECT, related_name="+")
    election = models.ForeignKey(
        "elections.Election", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    election_date = models.DateField(_("election day"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_name = models.CharField(_("file"), max_length=300, blank=True)
    #: Where an uploaded set was unpacked (empty for the stored register).
    directory = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    percent = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    started_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    persons = models.PositiveIntegerField(default=0)
    lines = models.PositiveIntegerField(default=0)
    findings_total = models.PositiveIntegerField(default=0)
    #: check code -> number of findings.
    counts = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["region", "status", "-id"])]
        verbose_name = _("list audit run")
        verbose_name_plural = _("list audit runs")

    def __str__(self) -> str:
        return f"audit run {self.pk} ({self.status})"

    @property
    def running(self) -> bool:
        return self.status not in (self.Status.DONE, self.Status.FAILED)


class Resolution(models.Model):
    """What an authorised user decided about a finding: it holds across runs for its
    fingerprint while the data it was decided on (``digest``) stays the same."""

    class Status(models.TextChoices):
        FIXED = "fixed", _("fixed")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    region = models.ForeignKey("territory.Region", on_delete=models.PROTECT, related_name="+")
    fingerprint = models.CharField(max_length=64)
    check_code = models.CharField(_("check"), max_length=32)
    status = models.CharField(_("resolution"), max_length=16, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    digest = models.CharField(max_length=64)
    resolved_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fingerprint"], name="one_resolution_per_fingerprint"
            )
        ]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return f"{self.check_code} {self.status}"


class Finding(models.Model):
    """One finding of one run, placed in a district and precinct for scoping and filters.

    Personal data (IINs, names in the message): only roles that work with the register see a
    finding one by one; observers get counts.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        REOPENED = "reopened", _("reopened (data changed)")
        FIXED = "fixed", _("fixed")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    class Severity(models.TextChoices):
        ERROR = "error", _("error")
        WARNING = "warning", _("warning")

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="findings")
    region = models.ForeignKey("territory.Region", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "territory.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Other districts the finding's lines lie in (a DUPLICATE_IIN across districts): their
    #: commissions see and resolve it too.
    also_districts = models.ManyToManyField("territory.District", related_name="+", blank=True)
    seq = models.PositiveIntegerField()  # the engine's order within the run
    check_code = models.CharField(_("check"), max_length=32)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    fingerprint = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    # Empty for findings about an address or a precinct (blank, so that resolving one passes
    # full_clean: 58 of the demo's 243 findings have no IIN).
    lines = models.JSONField(default=list, blank=True)  # [[precinct_no, line_no], ...]
    #: Each line as written ({precinct_no, line_no, iin, last_name, ...}): an uploaded set is
    #: deleted after its run; the finding page shows these side by side.
    written = models.JSONField(default=list, blank=True)
    iins = models.JSONField(default=list, blank=True)
    address_code = models.CharField(max_length=64, blank=True)
    precinct_no = models.IntegerField(null=True, blank=True)
    message = models.TextField()
    evidence = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    resolution = models.ForeignKey(
        Resolution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["run", "seq"]
        indexes = [
            models.Index(fields=["run", "seq"]),
            models.Index(fields=["run", "check_code"]),
            models.Index(fields=["run", "district", "seq"]),
            models.Index(fields=["run", "status"]),
            models.Index(fields=["region", "fingerprint"]),
        ]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.check_code} #{self.pk}"

    @property
    def line_labels(self) -> list[str]:
        """``№112: 845``; lines of the additional list (numbered from ADDITIONAL_OFFSET) as
        ``№112: +3``."""
        from .services.export import ADDITIONAL_OFFSET

        out = []
        for precinct_no, line_no in self.lines:
            n = f"+{line_no - ADDITIONAL_OFFSET}" if line_no > ADDITIONAL_OFFSET else str(line_no)
            out.append(f"№{precinct_no}: {n}")
        return out
