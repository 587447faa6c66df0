"""Voter lists per precinct for an election, stays in special precincts, absentee certificates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .register import Person


class VoterList(models.Model):
    """The list of one precinct for one election, as last compiled."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="voter_lists"
    )
    precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, related_name="voter_lists"
    )
    compiled_at = models.DateTimeField(_("compiled"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    voters = models.PositiveIntegerField(_("voters on the main list"), default=0)

    class Meta:
        ordering = ["election", "precinct__number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "precinct"], name="one_list_per_precinct")
        ]
        verbose_name = _("voter list")
        verbose_name_plural = _("voter lists")

    def __str__(self) -> str:
        return f"{self.election} {self.precinct}"


class VoterListEntry(models.Model):
    """A numbered line of a list. The main list is alphabetical; the additional list (election
    day: absentee-certificate holders, voters added on proof of residence) has its own numbers."""

    class Part(models.TextChoices):
        MAIN = "main", _("main list")
        ADDITIONAL = "additional", _("additional list")

    class Basis(models.TextChoices):
        RESIDENCE = "residence", _("residence")
        SPECIAL_STAY = "special_stay", _("stay in a special precinct")
        ABSENTEE = "absentee", _("absentee certificate")
        PROOF_OF_RESIDENCE = "proof_of_residence", _("proof of residence on election day")

    voter_list = models.ForeignKey(VoterList, on_delete=models.CASCADE, related_name="entries")
    part = models.CharField(max_length=16, choices=Part.choices, default=Part.MAIN)
    number = models.PositiveIntegerField(_("number"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=24, choices=Basis.choices, default=Basis.RESIDENCE)
    certificate = models.ForeignKey(
        "register.AbsenteeCertificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["voter_list", "part", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["voter_list", "part", "number"], name="list_line_number_unique"
            ),
            models.UniqueConstraint(fields=["voter_list", "person"], name="once_per_list"),
        ]

    def __str__(self) -> str:
        return f"{self.part} {self.number}"

    @property
    def remarks(self) -> str:
        """The remarks column of the printed list: the absentee certificate of the line."""
        from django.utils.translation import gettext

        cert = self.certificate
        if cert is None or cert.cancelled_on is not None:
            return ""
        if self.part == self.Part.MAIN:
            return gettext("absentee certificate No. %(n)s issued") % {"n": cert.number}
        return gettext("by absentee certificate No. %(n)s") % {"n": cert.number}


class SpecialStay(models.Model):
    """A voter staying in a hospital, military unit, remote pasture ...: listed in that special
    precinct, by application, instead of at home."""

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    precinct = models.ForeignKey("territory.Precinct", on_delete=models.PROTECT, related_name="+")
    applied_on = models.DateField(_("applied on"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_special_stay")
        ]

    def __str__(self) -> str:
        return f"{self.precinct} {self.applied_on}"


class AbsenteeCertificate(models.Model):
    """An absentee certificate (открепительное удостоверение), issued on the voter's application
    (CEC resolution of 8 April 2009 No. 161/306, law-notes section 3).

    The voter stays on the home list with the remark "absentee certificate No. ..." (remarks
    column); where the certificate is presented, the voter goes on the additional list
    (``voted_at``). A cancelled certificate is kept in the register of certificates.
    """

    class Reason(models.TextChoices):
        RESIDENCE = "residence", _("change of the place of residence")
        TRAVEL = "travel", _("travel for work, study or family")
        TREATMENT = "treatment", _("treatment or care away from home")
        OTHER = "other", _("another reason given in the application")

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(_("certificate number"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    home_precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, related_name="+"
    )
    voted_at = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(
        _("reason"), max_length=16, choices=Reason.choices, default=Reason.OTHER
    )
    reason_text = models.CharField(_("reason as written"), max_length=200, blank=True)
    applied_on = models.DateField(_("application dated"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "number"], name="certificate_number_unique"
            ),
            models.UniqueConstraint(
                fields=["election", "person"],
                condition=models.Q(cancelled_on__isnull=True),
                name="one_valid_certificate_each",
            ),
        ]
        verbose_name = _("absentee certificate")
        verbose_name_plural = _("absentee certificates")

    def __str__(self) -> str:
        return f"№{self.number}"

    @property
    def status(self) -> str:
        if self.cancelled_on is not None:
            return "cancelled"
        return "used" if self.voted_at_id is not None else "issued"
