"""Persons of the state registry, the imports that bring them in and the history of each change."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from saylau.web.core.models import JobRow


class RegisterImport(JobRow):
    """One import of a registry extract: a version of the register of one region.

    Also the job row a web-started import reports its progress in.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        STAGING = "staging", _("reading the extract")
        APPLYING = "applying", _("applying the changes")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    region = models.ForeignKey(
        "territory.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=500)
    checksum = models.CharField(_("SHA-256 of the extract"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    started_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    bytes_total = models.BigIntegerField(default=0)
    bytes_read = models.BigIntegerField(default=0)
    persons_added = models.PositiveIntegerField(default=0)
    persons_changed = models.PositiveIntegerField(default=0)
    persons_removed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected_rows = models.PositiveIntegerField(default=0)
    #: Persons the extract no longer lists but this import did not remove: some row of
    #: persons.csv was rejected, and a removal needs a complete, valid extract.
    removals_withheld = models.PositiveIntegerField(default=0)
    #: The user confirmed a removal of more than the set share of the region.
    allow_removals = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"

    def error_sentence(self, code: str, params: dict[str, Any]) -> str | None:
        from ..sentences import sentence

        return sentence(code, params)

    @property
    def version(self) -> int:
        return int(self.pk)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.bytes_total:
            return 0
        # Reading is most of the work; applying the diff is the last tenth.
        share = min(self.bytes_read / self.bytes_total, 1.0) * 90
        return int(share) + (5 if self.status == self.Status.APPLYING else 0)

    def summary(self) -> dict[str, int]:
        return {
            "persons_added": self.persons_added,
            "persons_changed": self.persons_changed,
            "persons_removed": self.persons_removed,
            "unchanged": self.unchanged,
            "rejected_rows": self.rejected_rows,
            # Only when it happened, so that the usual summary keeps its shape.
            **({"removals_withheld": self.removals_withheld} if self.removals_withheld else {}),
        }


class ImportRejection(models.Model):
    """A row of an extract or an events file that could not be used, and why."""

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.CASCADE, related_name="rejections"
    )
    file = models.CharField(max_length=200)
    line = models.PositiveIntegerField()
    column = models.CharField(max_length=64, blank=True)
    #: For the log and the command line (English).
    reason = models.CharField(max_length=300)
    #: The reason's stable code and its params, for the page (:mod:`..sentences`); empty in
    #: older rows and for a reason the register has no sentence of (``reason`` is shown).
    code = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.column}: {self.reason}"

    @property
    def words(self) -> str:
        """The reason in the reader's language where the register knows it, else ``reason``."""
        from ..sentences import reason

        return reason(self.code, self.params) or self.reason


class Person(models.Model):
    """A person registered by residence, as the registry (and its events) describe them.

    Personal data: there is no bare ``objects``. Services use ``private_objects``; every query
    made for a user goes through :mod:`saylau.web.register.selectors`, which applies the scope.
    """

    class Sex(models.TextChoices):
        MALE = "M", _("male")
        FEMALE = "F", _("female")

    iin = models.CharField(_("IIN"), max_length=12, unique=True)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    citizenship = models.CharField(_("citizenship"), max_length=2, default="KZ")
    # No database constraint on region and address: a national import inserts 12 million
    # persons, and a constraint costs each of them a trigger, an index probe and a lock on the
    # referenced row. The import takes both ids from joins with the rows themselves, and
    # territory rows are never deleted (PROTECT still guards the ORM). The (region, active)
    # index serves the region's lookups, the address index the address's.
    region = models.ForeignKey(
        "territory.Region",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        db_constraint=False,
        db_index=False,
    )
    address = models.ForeignKey(
        "territory.Address",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    death_date = models.DateField(_("death date"), null=True, blank=True)
    incapable = models.BooleanField(_("declared incapable by a court"), default=False)
    imprisoned = models.BooleanField(_("imprisoned by a court sentence"), default=False)
    #: False once an extract no longer lists the person (kept for history, never deleted).
    active = models.BooleanField(default=True)
    #: Digest of the extract row the person was last imported from (fast unchanged check).
    row_hash = models.CharField(max_length=32, blank=True)
    # Versions are never deleted; no database constraint, so that a national import does not
    # pay two foreign-key checks per person at commit, and no index (nothing looks persons up
    # by version; each index is one more B-tree insert per person).
    first_seen = models.ForeignKey(
        RegisterImport,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    last_changed = models.ForeignKey(
        RegisterImport,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    last_event_date = models.DateField(null=True, blank=True)

    private_objects = models.Manager()

    class Meta:
        base_manager_name = "private_objects"
        default_manager_name = "private_objects"
        ordering = ["last_name", "first_name", "patronymic", "iin"]
        indexes = [models.Index(fields=["region", "active"])]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def masked_name(self) -> str:
        """First letters only: what the public lookup may show (А. Б. В.)."""
        return " ".join(f"{p[0]}." for p in (self.last_name, self.first_name, self.patronymic) if p)


class RegistryEvent(models.Model):
    """A registry event applied to the register (``event_id`` makes a re-application a no-op)."""

    class Kind(models.TextChoices):
        DEATH = "death", _("death")
        RESIDENCE_CHANGE = "residence_change", _("change of residence")
        NAME_CHANGE = "name_change", _("change of name")
        CITIZENSHIP_ACQUIRED = "citizenship_acquired", _("citizenship acquired")
        CITIZENSHIP_LOST = "citizenship_lost", _("citizenship lost")
        INCAPACITY_DECLARED = "incapacity_declared", _("incapacity declared")
        INCAPACITY_LIFTED = "incapacity_lifted", _("incapacity lifted")
        IMPRISONED = "imprisoned", _("imprisoned")
        RELEASED = "released", _("released")

    event_id = models.CharField(_("event id"), max_length=64, unique=True)
    event_date = models.DateField(_("event date"))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events")
    data = models.JSONField(default=dict)
    digest = models.CharField(max_length=32)
    source = models.CharField(max_length=500, blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("registry event")
        verbose_name_plural = _("registry events")

    def __str__(self) -> str:
        return f"{self.event_id} {self.kind}"


class PersonChange(models.Model):
    """One field of one person changed by an import or an event: the register's history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    event = models.ForeignKey(
        RegistryEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    field = models.CharField(max_length=32)
    # NULL (no value, e.g. no death date) differs from an empty string here.
    old = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    new = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["person", "id"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} -> {self.new}"


class StagingAddress(models.Model):
    """Rows of registry/addresses.csv of an import in progress (deleted when it finishes)."""

    # Scratch rows: no database constraint (a foreign-key check per row would slow the COPY).
    register_import = models.ForeignKey(
        RegisterImport,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    line = models.PositiveIntegerField()
    address_code = models.CharField(max_length=64)
    district_code = models.CharField(max_length=32)
    locality = models.CharField(max_length=200)
    street = models.CharField(max_length=200)
    house = models.CharField(max_length=50)
    flat = models.CharField(max_length=50)
    precinct_no = models.IntegerField(null=True)

    # Indexed after loading, like StagingPerson.

    def __str__(self) -> str:
        return f"{self.register_import_id}:{self.line}"


class StagingPerson(models.Model):
    """Rows of registry/persons.csv of an import in progress (deleted when it finishes).

    Only rows that may change the register are staged (the reader counts the unchanged ones):
    ``ok`` rows are new, changed or moved persons; ``ok`` is false for a row whose address is
    not in the territory after all (the person is left as they were) and for ``gone`` rows.
    UNLOGGED on PostgreSQL (scratch rows need no write-ahead log).
    """

    # Scratch rows: no database constraint (a foreign-key check per row would slow the COPY).
    register_import = models.ForeignKey(
        RegisterImport,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    line = models.PositiveIntegerField()
    ok = models.BooleanField(default=True)
    #: A person of the region the extract no longer lists (only ``iin`` is set).
    gone = models.BooleanField(default=False)
    iin = models.CharField(max_length=12)
    last_name = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100)
    patronymic = models.CharField(max_length=100)
    birth_date = models.DateField(null=True)
    sex = models.CharField(max_length=1)
    citizenship = models.CharField(max_length=2)
    address_code = models.CharField(max_length=64)
    address_pk = models.BigIntegerField(null=True)
    death_date = models.DateField(null=True)
    incapable = models.BooleanField(default=False)
    imprisoned = models.BooleanField(default=False)
    row_hash = models.CharField(max_length=32)

    # No index here: the import loads the rows, then builds the index it needs
    # (services.diff.index_staging), which is much faster than keeping it up to date per row.

    def __str__(self) -> str:
        return f"{self.register_import_id}:{self.line}"
