"""The append-only audit log: one structured event for every change of state."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    code = "audit_append_only"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        msg = "audit events are append-only"
        raise AppendOnlyError(msg)

    def delete(self) -> tuple[int, dict[str, int]]:
        msg = "audit events are append-only"
        raise AppendOnlyError(msg)


#: The rule the newest events are sealed by (``saylau.web.audit.services.event_digest``):
#: 1 sealed every column but the actor's user id; 2 seals every column (issue 11, item 4).
HASH_VERSION = 2


class AuditEvent(models.Model):
    """One change of state. ``hash`` covers every other column of the event (``id`` is only
    the database's row key: the log is ordered and linked by ``seq``) and ``prev_hash``, so
    that editing or deleting any event breaks the chain (``saylau audit-log verify``).

    ``hash_version`` names the rule the hash was computed by; events written before version 2
    keep verifying by the rule they were sealed with (their actor's user id is not sealed).
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("target type"), max_length=64)
    target_id = models.CharField(_("target id"), max_length=64, db_index=True)
    old = models.JSONField(_("old values"), null=True, blank=True)
    new = models.JSONField(_("new values"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    hash_version = models.PositiveSmallIntegerField(default=HASH_VERSION)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_creating", False):
            msg = "audit events are append-only"
            raise AppendOnlyError(msg)
        kwargs.pop("_creating", None)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        msg = "audit events are append-only"
        raise AppendOnlyError(msg)
