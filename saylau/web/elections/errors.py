"""Typed errors of the elections app, each with a stable code the views translate."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from saylau.errors import SaylauError


class ElectionsError(SaylauError):
    code = "elections"
    title = _("The change was refused.")

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


class NotEligible(ElectionsError):
    code = "elections.not_eligible"
    title = _("This person may not stand in this election.")


class AlreadyOnAList(ElectionsError):
    code = "elections.already_on_a_list"
    title = _("This person is already a candidate on a list of this election.")


class ListClosed(ElectionsError):
    code = "elections.list_closed"
    title = _("The ballot order has been drawn: the lists are closed.")


class QuotaNotMet(ElectionsError):
    code = "elections.quota_not_met"
    title = _("A party list does not meet the list quota in force.")


class DrawRefused(ElectionsError):
    code = "elections.draw_refused"
    title = _("The ballot order cannot be drawn.")


class RegistrationClash(ElectionsError):
    code = "elections.registration_clash"
    title = _("Another list of this party or at this moment is already registered.")
