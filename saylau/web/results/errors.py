"""Typed errors of the results app, each with a stable code the views translate: a
translated ``title`` and a ``detail`` naming the objects in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saylau.errors import SaylauError


class ResultsError(SaylauError):
    code = "results"
    title = _("The change was refused.")
    http_status = 400

    def __init__(
        self,
        message: str | Promise,
        *,
        field: str | None = None,
        findings: Any = (),
        detail: Any = (),
    ) -> None:
        self.message = message
        self.field = field
        self.findings = list(findings)
        #: What was refused and why, for people: sentences (:mod:`.refusals`) said in the
        #: language of the page that shows them; ``message`` is the English for the log.
        self.detail = (
            [detail]
            if isinstance(detail, str | Promise) or hasattr(detail, "template")
            else list(detail)
        )
        super().__init__(str(message))

    @property
    def detail_text(self) -> str:
        return " ".join(str(d) for d in self.detail)


class InvalidProtocol(ResultsError):
    code = "results.invalid_protocol"
    title = _("The protocol is not filled in correctly.")


class ProtocolInconsistent(ResultsError):
    code = "results.inconsistent"
    title = _("The numbers of the protocol do not add up; it was not accepted.")


class AlreadySubmitted(ResultsError):
    code = "results.already_submitted"
    title = _("This precinct's protocol is already submitted; send a correction instead.")
    http_status = 409


class CorrectionRefused(ResultsError):
    code = "results.correction_refused"
    title = _("The correction cannot be made.")
    http_status = 409


class BadQRText(ResultsError):
    code = "results.bad_qr"
    title = _("The QR text is not a saylau protocol or its hash does not match.")


class NotComplete(ResultsError):
    code = "results.not_complete"
    title = _("The count is not complete: protocols are missing or corrections are pending.")
    http_status = 409


class Frozen(ResultsError):
    code = "results.frozen"
    title = _("The results are signed off: nothing can change any more.")
    http_status = 409


class NotSignedOff(ResultsError):
    code = "results.not_signed_off"
    title = _("The commission has not signed the results off.")
    http_status = 409


class Undecided(ResultsError):
    code = "results.undecided"
    title = _("The law leaves some seats to a decision (a lot); they cannot be signed off yet.")
    http_status = 409


class FourEyesRefused(ResultsError):
    code = "results.four_eyes"
    title = _("The request was refused.")
    http_status = 409


class NotAnOfficial(FourEyesRefused):
    code = "results.four_eyes.not_an_official"
    title = _("Only the chair, deputy chair or secretary of the deciding commission may ask.")
    http_status = 403


class NotAConfirmer(FourEyesRefused):
    code = "results.four_eyes.not_a_confirmer"
    title = _("Only the chair or the secretary of the deciding commission may confirm.")
    http_status = 403


class SameOfficial(FourEyesRefused):
    code = "results.four_eyes.same_official"
    title = _("The second official must be someone other than the one who asked.")


class NotPending(FourEyesRefused):
    code = "results.four_eyes.not_pending"
    title = _("This request is no longer awaiting confirmation.")


class AlreadyRequested(FourEyesRefused):
    code = "results.four_eyes.already_requested"
    title = _("The same request already awaits confirmation.")
