"""Elections, and (added by the results work) parties, party lists and candidates."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from saylau.web.core.names import LocalizedName, name_in


class Election(LocalizedName, models.Model):
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
        return self.name

    @property
    def law_body(self) -> str:
        """The body as the law layer names it: ``mazhilis`` or ``maslikhat``."""
        return "mazhilis" if self.body == self.Body.MAZHILIS else "maslikhat"


class Party(LocalizedName, models.Model):
    """A political party (the same party stands in many elections)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name


class PartyList(models.Model):
    """A party's list of candidates in one election.

    ``registered_at`` is recorded to the second: it settles equal remainders (the list
    registered first wins, law-notes 1.2), so two lists of one election never share it.
    """

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="party_lists")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="lists")
    registered_at = models.DateTimeField(_("registered at"))
    ballot_position = models.PositiveIntegerField(
        _("position on the ballot"), null=True, blank=True
    )

    class Meta:
        ordering = ["election", "registered_at"]
        constraints = [
            models.UniqueConstraint(fields=["election", "party"], name="one_list_per_party"),
            models.UniqueConstraint(
                fields=["election", "registered_at"], name="distinct_registration_times"
            ),
        ]
        verbose_name = _("party list")
        verbose_name_plural = _("party lists")

    def __str__(self) -> str:
        return f"{self.party} ({self.election_id})"


class Candidate(models.Model):
    """A candidate on a party list, in list order (``position`` 1 = top of the list)."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("female")
        MALE = "M", _("male")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    party_list = models.ForeignKey(PartyList, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveIntegerField(_("position on the list"))
    full_name = models.CharField(_("full name"), max_length=300)
    iin = models.CharField(_("IIN"), max_length=12)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    disability = models.BooleanField(_("person with a disability"), default=False)
    declined = models.BooleanField(_("declined the mandate"), default=False)

    class Meta:
        ordering = ["party_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_list", "position"], name="one_candidate_per_position"
            ),
            models.UniqueConstraint(fields=["election", "iin"], name="no_one_on_two_lists"),
        ]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.full_name


class SingleMemberDistrict(LocalizedName, models.Model):
    """A single-member electoral district of an election (numbered within it)."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="single_member_district_set"
    )
    number = models.PositiveIntegerField(_("number"))
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    territory = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: The precincts that vote in this district. When none is listed, every precinct of
    #: ``territory`` does (a district maslikhat's territorial district, for instance).
    precincts = models.ManyToManyField(
        "territory.Precinct", blank=True, related_name="single_member_districts"
    )

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="smd_number_unique"),
        ]

    def __str__(self) -> str:
        return self.label_in()

    def label_in(self, language: str | None = None) -> str:
        """The district as people name it: its number before its name ("№3 Байзакский"),
        unless the name says it already ("Избирательный округ №3" stays as it is)."""
        name = name_in(self, language)
        if re.search(rf"№\s*{self.number}(?!\d)", name):
            return name
        return f"№{self.number} {name}"


class SingleMemberCandidate(models.Model):
    """A candidate in a single-member district (self-nominated when ``party`` is empty)."""

    district = models.ForeignKey(
        SingleMemberDistrict, on_delete=models.CASCADE, related_name="candidates"
    )
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    full_name = models.CharField(_("full name"), max_length=300)
    iin = models.CharField(_("IIN"), max_length=12)
    birth_date = models.DateField(_("date of birth"))
    party = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["district", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "iin"], name="one_district_per_person"),
        ]

    def __str__(self) -> str:
        return self.full_name


class BallotDraw(models.Model):
    """The lot that set the order of the party lists on the ballot, and who witnessed it."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="ballot_draw")
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    witnesses = models.JSONField(_("witnesses"), default=list)
    order = models.JSONField(_("order of party codes"), default=list)

    def __str__(self) -> str:
        return f"{self.election_id}: {', '.join(self.order)}"
