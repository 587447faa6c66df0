"""Typed errors of the elections app, each with a stable code the views translate."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from saylau.errors import SaylauError
from saylau.law.citations import cite
from saylau.law.eligibility import Reason
from saylau.law.seats import SeatFinding


class ElectionsError(SaylauError):
    code = "elections"
    title = _("The change was refused.")

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


class NotEligible(ElectionsError):
    """Every condition of the law the person fails (``reasons``: the law layer's, each with its
    rule), not only the first."""

    code = "elections.not_eligible"
    title = _("This person may not stand in this election.")

    def __init__(self, reasons: Sequence[Reason], *, field: str | None = "iin") -> None:
        self.reasons = list(reasons)
        lang = (get_language() or "ru")[:2]
        # Each reason with the article an official looks up (never the rule's source).
        text = "; ".join(
            f"{r.message(lang)} ({cite(r.rule, lang)})" if cite(r.rule, lang) else r.message(lang)
            for r in self.reasons
        )
        super().__init__(text, field=field)


class SeatsRefused(ElectionsError):
    """Seat numbers the body's structure does not allow (``law.seats.seat_findings``)."""

    code = "elections.seats_refused"
    title = _("These seat numbers do not match the law for this body.")

    def __init__(self, findings: Sequence[SeatFinding]) -> None:
        self.findings = list(findings)
        lang = (get_language() or "ru")[:2]
        # The rule's source stays with the finding (for the CEC's legal basis), not in the message.
        text = "; ".join(f.message(lang) for f in self.findings)
        super().__init__(text, field="list_seats")


class ListFull(ElectionsError):
    code = "elections.list_full"
    title = _("The party list already has the most names the law allows.")


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
