"""Typed errors of the commissions app, each with a stable code the views translate."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from saylau.errors import SaylauError


class CommissionsError(SaylauError):
    code = "commissions"
    #: Message shown to a person (translated); ``str(error)`` is the detail for logs, in
    #: English, never shown; ``detail`` a translated detail for the person, when there is one.
    title = _("The change was refused.")

    def __init__(self, message: str, *, field: str | None = None, detail: str = "") -> None:
        self.message = message
        self.field = field
        self.detail = detail
        super().__init__(message)


class AlreadySeated(CommissionsError):
    code = "commissions.already_seated"
    title = _("This person already sits on a commission of this level.")


class RoleTaken(CommissionsError):
    code = "commissions.role_taken"
    title = _("This commission already has someone in this role.")


class NotSitting(CommissionsError):
    code = "commissions.not_sitting"
    title = _("This member no longer sits on the commission.")


class TrainerNotAllowed(CommissionsError):
    code = "commissions.trainer_not_allowed"
    title = _("This trainer may not train this level.")


class TrainerCertificateExpired(CommissionsError):
    code = "commissions.trainer_certificate_expired"
    title = _("The trainer's certificate is not valid on the session date.")


class WrongLevel(CommissionsError):
    code = "commissions.wrong_level"
    title = _("The member's commission is not of the session's level.")


class SessionFull(CommissionsError):
    code = "commissions.session_full"
    title = _("The session is full.")


class AnswersLocked(CommissionsError):
    code = "commissions.answers_locked"
    title = _(
        "This test was already submitted and scored; nothing was counted twice. Answers change "
        "only through an audited correction."
    )


class BadAnswers(CommissionsError):
    code = "commissions.bad_answers"
    title = _("The answers do not match the test's questions.")


class NotEligible(CommissionsError):
    code = "commissions.not_eligible"
    title = _("A certificate needs attendance and a passed final test.")


class SessionCancelled(CommissionsError):
    code = "commissions.session_cancelled"
    title = _("The session is cancelled.")


class SessionAlreadyHeld(CommissionsError):
    code = "commissions.session_held"
    title = _("The session has been held: attendance or test results are recorded.")


class ReasonRequired(CommissionsError):
    code = "commissions.reason_required"
    title = _("Give a reason.")


class SessionNotYet(CommissionsError):
    code = "commissions.session_not_yet"
    title = _(
        "The session has not taken place yet: attendance and tests are recorded on or after "
        "its date."
    )


class TimeUp(CommissionsError):
    code = "commissions.time_up"
    title = _("The time for this test ran out; the answers were not counted.")


class AlreadyRevoked(CommissionsError):
    code = "commissions.already_revoked"
    title = _("This certificate is already revoked.")


class SeatRefused(CommissionsError):
    code = "commissions.seat_refused"
    title = _("This person cannot take the seat.")
