"""Elections, and (added by the results work) parties, party lists and candidates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Election(models.Model):
    """One election: which body, which territory, which day.

    The rule set of the law layer (``saylau.law.seats.rules_for(body, day)``) is chosen from
    ``law_body`` and ``day`` and stored by name in ``rule_set`` so that a later change of the
    code never changes a past result silently.
    """

    class Body(models.TextChoices):
        MAZHILIS = "mazhilis", _("Mazhilis of the Parliament")
        OBLAST_MASLIKHAT = (
            "oblast_maslikhat",
            _("oblast (city of republican significance) maslikhat"),
        )
        CITY_MASLIKHAT = "city_maslikhat", _("city maslikhat")
        DISTRICT_MASLIKHAT = "district_maslikhat", _("district maslikhat")

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("preparation")
        VOTING = "voting", _("voting and counting")
        TABULATED = "tabulated", _("results tabulated")
        PUBLISHED = "published", _("results published")

    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    body = models.CharField(_("body"), max_length=32, choices=Body.choices)
    day = models.DateField(_("election day"))
    region = models.ForeignKey(
        "territory.Region",
        on_delete=models.PROTECT,
        related_name="elections",
        null=True,
        blank=True,
    )
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.PROTECT,
        related_name="elections",
        null=True,
        blank=True,
        help_text=_("for a city or district maslikhat"),
    )
    list_seats = models.PositiveIntegerField(_("seats by party lists"), default=0)
    single_member_districts = models.PositiveIntegerField(_("single-member districts"), default=0)
    rule_set = models.CharField(_("rule set"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREPARATION
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "id"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return self.name_ru

    @property
    def law_body(self) -> str:
        """The body as the law layer names it: ``mazhilis`` or ``maslikhat``."""
        return "mazhilis" if self.body == self.Body.MAZHILIS else "maslikhat"
