"""Users, their role and their territorial scope."""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CEC = "cec", _("Central Election Commission")
    REGIONAL = "regional", _("regional election commission")
    TERRITORIAL = "territorial", _("territorial election commission")
    PRECINCT = "precinct", _("precinct election commission")
    AKIMAT = "akimat", _("akimat voter-register officer")
    TRAINER = "trainer", _("trainer")
    OBSERVER = "observer", _("observer (read-only)")


class Level(StrEnum):
    """The territorial levels: a scope, a place or a commission is at one of them."""

    COUNTRY = "country"
    REGION = "region"
    DISTRICT = "district"
    PRECINCT = "precinct"
    #: No territory at all (not signed in, or an account without its place): sees nothing.
    NONE = "none"


#: Which territorial level each role's scope is pinned to.
ROLE_LEVEL: dict[str, Level] = {
    Role.CEC: Level.COUNTRY,
    Role.REGIONAL: Level.REGION,
    Role.TERRITORIAL: Level.DISTRICT,
    Role.PRECINCT: Level.PRECINCT,
    Role.AKIMAT: Level.DISTRICT,
    Role.TRAINER: Level.REGION,
    Role.OBSERVER: Level.REGION,
}

#: Roles that only read.
READ_ONLY_ROLES = frozenset({Role.OBSERVER})


class User(AbstractUser):
    """An official, trainer or observer. Every query made for a user goes through their scope
    (:mod:`saylau.web.accounts.scope`)."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OBSERVER)
    region = models.ForeignKey(
        "territory.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    preferred_language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        level = ROLE_LEVEL.get(self.role, Level.REGION)
        errors: dict[str, str] = {}
        if level is Level.REGION and self.region_id is None:
            errors["region"] = str(_("This role needs a region."))
        if level is Level.DISTRICT and self.district_id is None:
            errors["district"] = str(_("This role needs a district."))
        if level is Level.PRECINCT and self.precinct_id is None:
            errors["precinct"] = str(_("This role needs a precinct."))
        if errors:
            raise ValidationError(errors)

    @property
    def is_read_only(self) -> bool:
        return self.role in READ_ONLY_ROLES
