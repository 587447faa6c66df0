"""What a training session costs and which local budget (akimat) pays.

Regional training is paid from local budgets (law notes, section 8: CEC, inform.kz 2021;
Arts. 27, 31 of the law on local government).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .training import TrainingSession

ZERO = Decimal("0")


class SessionBudget(models.Model):
    """Planned and actual costs of one session, in tenge. ``per_participant`` is a unit cost:
    planned for the session's capacity, actual for those who attended."""

    class Payer(models.TextChoices):
        REGION = "region", _("regional (oblast) akimat")
        DISTRICT = "district", _("district or city akimat")

    session = models.OneToOneField(TrainingSession, on_delete=models.CASCADE, related_name="budget")
    payer = models.CharField(_("paid by"), max_length=16, choices=Payer.choices)
    payer_district = models.ForeignKey(
        "territory.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("the district or city akimat that pays, when it is not the oblast akimat"),
    )
    planned_venue = models.DecimalField(
        _("venue, planned"), max_digits=12, decimal_places=2, default=ZERO
    )
    planned_materials = models.DecimalField(
        _("materials, planned"), max_digits=12, decimal_places=2, default=ZERO
    )
    planned_trainer_fee = models.DecimalField(
        _("trainer fees, planned"), max_digits=12, decimal_places=2, default=ZERO
    )
    planned_per_participant = models.DecimalField(
        _("per participant, planned"), max_digits=12, decimal_places=2, default=ZERO
    )
    actual_venue = models.DecimalField(
        _("venue, actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    actual_materials = models.DecimalField(
        _("materials, actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    actual_trainer_fee = models.DecimalField(
        _("trainer fees, actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    actual_per_participant = models.DecimalField(
        _("per participant, actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(payer="region", payer_district__isnull=True)
                | models.Q(payer="district", payer_district__isnull=False),
                name="budget_payer_district_only_for_district_akimat",
            )
        ]
        verbose_name = _("session budget")
        verbose_name_plural = _("session budgets")

    def __str__(self) -> str:
        return f"budget of session {self.session_id}"
