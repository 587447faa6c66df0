"""Voting outside the premises: applications for the portable ballot box."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .register import Person


class OutsideVotingRequest(models.Model):
    """A voter's (or a relative's) application to vote at home with the portable box.

    Personal data: visible only within the precinct's scope (selectors enforce it).
    """

    class Reason(models.TextChoices):
        ILLNESS = "illness", _("illness")
        DISABILITY = "disability", _("disability")
        CARING = "caring", _("caring for a sick family member")
        REMOTE = "remote", _("lives in a remote place without a precinct")

    class Applicant(models.TextChoices):
        VOTER = "voter", _("the voter")
        RELATIVE = "relative", _("a relative")

    class Kind(models.TextChoices):
        HOME = "home", _("vote at home with the portable ballot box")
        ASSISTANCE = "assistance", _("assistance at the polling station")

    class Status(models.TextChoices):
        PENDING = "pending", _("received")
        PLANNED = "planned", _("on the route")
        VISITED = "visited", _("visited")
        REFUSED = "refused", _("refused")

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    precinct = models.ForeignKey("territory.Precinct", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    kind = models.CharField(
        _("what is asked"), max_length=16, choices=Kind.choices, default=Kind.HOME
    )
    #: Made by the voter (or a relative) on the public page, not entered by the commission.
    public = models.BooleanField(_("sent through the public page"), default=False)
    applicant = models.CharField(
        _("who applies"), max_length=16, choices=Applicant.choices, default=Applicant.VOTER
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    where = models.CharField(_("where to come"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    received_at = models.DateTimeField(_("received"))
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["precinct", "received_at"]
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_outside_request")
        ]
        verbose_name = _("outside-voting request")
        verbose_name_plural = _("outside-voting requests")

    def __str__(self) -> str:
        return f"{self.precinct} {self.get_reason_display()}"
