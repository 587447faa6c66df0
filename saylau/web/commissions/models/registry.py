"""Election commissions (regional, territorial, precinct) and the people who sit on them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saylau.web.core.names import LocalizedName


class Level(models.TextChoices):
    """The levels of the cascade below the CEC (law notes, section 8)."""

    REGIONAL = "regional", _("regional")
    TERRITORIAL = "territorial", _("territorial")
    PRECINCT = "precinct", _("precinct")


class Commission(LocalizedName, models.Model):
    """One election commission; it mirrors a territory: a region, a district or a precinct.

    ``region`` is always set and ``district`` for the two lower levels, so that a user's
    scope filters commissions with plain lookups.
    """

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    region = models.ForeignKey(
        "territory.Region", on_delete=models.PROTECT, related_name="commissions"
    )
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commissions",
    )
    precinct = models.OneToOneField(
        "territory.Precinct",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commission",
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)

    class Meta:
        ordering = ["region", "level", "district", "precinct__number"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level=Level.REGIONAL, district__isnull=True, precinct__isnull=True)
                    | Q(level=Level.TERRITORIAL, district__isnull=False, precinct__isnull=True)
                    | Q(level=Level.PRECINCT, district__isnull=False, precinct__isnull=False)
                ),
                name="commission_territory_matches_level",
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(level=Level.REGIONAL),
                name="one_regional_commission_per_region",
            ),
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(level=Level.TERRITORIAL),
                name="one_territorial_commission_per_district",
            ),
        ]
        indexes = [models.Index(fields=["level", "district"])]
        verbose_name = _("election commission")
        verbose_name_plural = _("election commissions")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person who sits on a commission or trains: names, optional IIN, contacts.

    Personal data: read it only through the scoped selectors.
    """

    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    #: The person's login, when they have one: who of the users is which commission official
    #: (the second pair of eyes on sign-off and publication is a chair or secretary).
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )

    class Meta:
        ordering = ["last_name", "first_name", "patronymic"]
        constraints = [
            models.UniqueConstraint(
                fields=["iin"], condition=~Q(iin=""), name="person_iin_unique_when_given"
            )
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def masked_name(self) -> str:
        """What a public page may show: the surname's first letter and the given names' initials.

        >>> Person(last_name="Ахметова", first_name="Айгерим", patronymic="Серикқызы").masked_name
        'А*** А. С.'
        """
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name[:1]}*** {initials}".strip()


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    DEPUTY_CHAIR = "deputy_chair", _("deputy chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class Nominator(models.TextChoices):
    PARTY = "party", _("political party")
    PUBLIC_ASSOCIATION = "public_association", _("public association")
    MASLIKHAT = "maslikhat", _("maslikhat")


class Member(models.Model):
    """One term of one person on one commission. Dismissal ends it (the row stays: history).

    ``level`` repeats the commission's level so that the database itself refuses a second
    active seat of the same level for one person.
    """

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    nominated_by = models.CharField(_("nominated by"), max_length=24, choices=Nominator.choices)
    nominator_name = models.CharField(_("nominating organisation"), max_length=200, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    is_active = models.BooleanField(_("sitting"), default=True)
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )

    class Meta:
        ordering = ["commission", "role", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "level"],
                condition=Q(is_active=True),
                name="one_active_seat_per_person_and_level",
            ),
            models.UniqueConstraint(
                fields=["commission", "role"],
                condition=Q(is_active=True) & ~Q(role="member"),
                name="one_active_officer_per_commission_role",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="member_term_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["commission", "is_active"])]
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.commission})"
