"""Signing keys of the commissions and the signatures they made.

A key belongs to one commission, named by its level and territory (the CEC: level
``central``, no territory). Only the public half is stored in clear; the private half is
sealed (:mod:`saylau.web.signing.crypto`) with the operator's secret and never leaves the
server. A key is valid from ``valid_from`` until ``valid_until`` (open while ``None``);
rotation and a lost key close it (docs/signing.md). Nothing here is ever deleted.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningKey(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", _("Central Election Commission")
        REGIONAL = "regional", _("regional")
        TERRITORIAL = "territorial", _("territorial")
        PRECINCT = "precinct", _("precinct")

    key_id = models.CharField(max_length=16, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    region = models.ForeignKey(
        "territory.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    public_key = models.CharField(max_length=64)
    #: AES-GCM sealed private key (never in clear, never exported).
    sealed_private = models.TextField()
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    closed_because = models.CharField(_("closed because"), max_length=16, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["level", "precinct", "valid_until"])]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self) -> str:
        return f"{self.level} {self.key_id}"


class Signature(models.Model):
    """One signed statement: ``fields`` rebuild the bytes (``crypto.statement(kind, fields)``)."""

    kind = models.CharField(max_length=16)
    subject = models.CharField(max_length=64)
    key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="signatures")
    fields = models.JSONField()
    signed_at = models.DateTimeField()
    value = models.CharField(max_length=100)

    class Meta:
        ordering = ["signed_at", "id"]
        indexes = [models.Index(fields=["kind", "subject"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject}"

    def published(self) -> dict[str, str]:
        """As it appears in published data beside what it signs."""
        return {
            "key_id": self.key.key_id,
            "signed_at": self.fields["signed_at"],
            "value": self.value,
        }
