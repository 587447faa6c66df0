"""Requests to correct a voter list, made during its public review (Art. 26)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .register import Person


class ListCorrectionRequest(models.Model):
    """A voter asks the precinct commission to correct the list: they are not on it, their
    details on it are wrong, or someone on it should not be (Art. 26 p. 4). Taken only while
    the lists are open for public review; the commission decides (corrects or refuses, with
    its reasons).

    Personal data: visible only within the precinct's scope (selectors enforce it).
    """

    class Kind(models.TextChoices):
        NOT_LISTED = "not_listed", _("I am not on the list")
        WRONG_DETAILS = "wrong_details", _("my details on the list are wrong")
        NOT_A_VOTER = "not_a_voter", _("someone on the list should not be on it")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        CORRECTED = "corrected", _("the list is corrected")
        REFUSED = "refused", _("refused, with reasons")

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    precinct = models.ForeignKey("territory.Precinct", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what is wrong"), max_length=16, choices=Kind.choices)
    details = models.TextField(_("details"), max_length=2000)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    #: Made on the public page, not entered by the commission.
    public = models.BooleanField(_("sent through the public page"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    decision = models.TextField(_("decision and its reasons"), blank=True)
    received_at = models.DateTimeField(_("received"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["precinct", "received_at", "id"]
        verbose_name = _("request to correct the voter list")
        verbose_name_plural = _("requests to correct the voter list")

    def __str__(self) -> str:
        return f"{self.precinct} {self.kind}"
