"""Region (oblast) -> districts and cities -> precincts -> registry addresses."""

from __future__ import annotations

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _

from saylau.web.core.names import LocalizedName


class Named(LocalizedName, models.Model):
    """A place with its name in Kazakh, Russian and English (``name``: in the reader's language)."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True



class Region(Named):
    """An oblast, a city of republican significance or the capital."""

    code = models.CharField(_("code"), max_length=32, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class District(Named):
    """A district or a city of the region: the area of one territorial election commission."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("city")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(_("code"), max_length=32)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    class Meta:
        ordering = ["region", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"], name="district_code_unique_in_region"
            )
        ]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Precinct(models.Model):
    """An election precinct: its number, polling station and how a voter with a disability gets in."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary")
        SPECIAL = "special", _("special (hospital, military unit, remote pasture, detention)")
        ABROAD = "abroad", _("abroad")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="precincts")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="precincts")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ORDINARY)
    polling_address = models.CharField(_("polling station address"), max_length=300)
    polling_place = models.CharField(_("polling station building"), max_length=200, blank=True)
    opens_at = models.TimeField(_("opens at"), default=time(7, 0))
    closes_at = models.TimeField(_("closes at"), default=time(20, 0))
    # Accessibility of the polling station.
    step_free_entrance = models.BooleanField(_("step-free entrance"), default=False)
    ramp = models.BooleanField(_("ramp"), default=False)
    lift_or_ground_floor = models.BooleanField(_("lift or ground floor"), default=False)
    accessible_booth = models.BooleanField(_("accessible voting booth"), default=False)
    braille_stencils = models.BooleanField(_("braille ballot stencils"), default=False)
    sign_language = models.BooleanField(_("sign-language help"), default=False)
    accessible_parking = models.BooleanField(_("accessible parking"), default=False)
    accessibility_notes = models.TextField(_("how to get in"), blank=True)

    class Meta:
        ordering = ["region", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "number"], name="precinct_number_unique_in_region"
            )
        ]
        indexes = [models.Index(fields=["district", "number"])]
        verbose_name = _("precinct")
        verbose_name_plural = _("precincts")

    ACCESSIBILITY_FIELDS = (
        "step_free_entrance",
        "ramp",
        "lift_or_ground_floor",
        "accessible_booth",
        "braille_stencils",
        "sign_language",
        "accessible_parking",
    )

    def __str__(self) -> str:
        return f"№{self.number}"

    @property
    def accessibility(self) -> dict[str, bool]:
        return {name: bool(getattr(self, name)) for name in self.ACCESSIBILITY_FIELDS}


class Address(models.Model):
    """A registry address (dwelling) and the precinct whose boundary includes it."""

    address_id = models.CharField(_("registry address id"), max_length=64, unique=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="addresses")
    locality = models.CharField(_("locality"), max_length=200)
    street = models.CharField(_("street"), max_length=200, blank=True)
    house = models.CharField(_("house"), max_length=50, blank=True)
    flat = models.CharField(_("flat"), max_length=50, blank=True)
    precinct = models.ForeignKey(
        Precinct, on_delete=models.SET_NULL, null=True, blank=True, related_name="addresses"
    )

    class Meta:
        ordering = ["address_id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        parts = [self.locality, self.street, self.house]
        text = ", ".join(p for p in parts if p)
        return f"{text}, кв. {self.flat}" if self.flat else text
