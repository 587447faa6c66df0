"""Absentee certificates in the legal form: application, numbered certificate, cancellation.

CEC resolution of 8 April 2009 No. 161/306 "Rules of issue and accounting of absentee ballots"
(law-notes section 3): the precinct commission issues a certificate on the voter's application
(who, why, when) when the voter will be away from home on election day; the oblast commission
orders at most 1 % of the voters' number. The voter stays on the home list with the remark
"absentee certificate No. ..."; where the certificate is presented the voter goes on the
additional list (:func:`..voter_lists.add_to_additional_list`). Every certificate, issued or
cancelled, stays in the register of certificates.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.windows import require_window, window_of

from ..eligibility import voter_reasons_for
from ..models import AbsenteeCertificate, Person, VoterList, VoterListEntry

#: Oblast-wide limit of absentee certificates: 1 % of the voters (CEC resolution of 8 April
#: 2009 No. 161/306, law-notes section 3), as a fraction numerator / denominator.
ABSENTEE_QUOTA = (1, 100)


def absentee_window(election: Election) -> tuple[date, date]:
    """The first and last day applications are taken: the calendar's window for absentee
    certificates (``saylau.law.windows``: from the public review of the lists to the eve of
    election day)."""
    w = window_of(election, "absentee_certificate")
    start = w.opens.date() if w.opens else election.day - timedelta(days=15)
    last = w.closes - timedelta(microseconds=1) if w.closes else election.day - timedelta(days=1)
    return start, last.date() if isinstance(last, datetime) else last


def _require_window(election: Election, applied_on: date) -> None:
    """Refuse the act outside its window (one rule: ``elections.windows``), and an application
    dated outside it."""
    require_window(election, "absentee_certificate")
    start, end = absentee_window(election)
    if not start <= applied_on <= end:
        raise ValidationError(
            _(
                "Absentee certificates are issued from %(start)s to %(end)s; the application is dated %(d)s."
            )
            % {
                "start": f"{start:%d.%m.%Y}",
                "end": f"{end:%d.%m.%Y}",
                "d": f"{applied_on:%d.%m.%Y}",
            },
            code="absentee.window",
        )


def absentee_quota(election: Election) -> tuple[int, int]:
    """(certificates issued, the most that may be issued) for the election's oblast. A
    cancelled certificate used up its blank and still counts."""
    issued = AbsenteeCertificate.objects.filter(election=election).count()
    voters = VoterList.objects.filter(election=election).aggregate(n=Sum("voters"))["n"] or 0
    num, den = ABSENTEE_QUOTA
    return issued, voters * num // den


def _number(election: Election, wanted: int | None) -> int:
    if wanted is None:
        top = AbsenteeCertificate.objects.filter(election=election).aggregate(n=Max("number"))
        return int(top["n"] or 0) + 1
    if wanted < 1:
        raise ValidationError(
            _("A certificate number is a positive whole number."), code="absentee.number"
        )
    if AbsenteeCertificate.objects.filter(election=election, number=wanted).exists():
        raise ValidationError(
            _("Certificate No. %(n)s is already in the register of this election.") % {"n": wanted},
            code="absentee.number_taken",
        )
    return wanted


def issue_absentee_certificate(
    *,
    election: Election,
    person: Person,
    actor: ActorLike,
    reason: str = AbsenteeCertificate.Reason.OTHER,
    reason_text: str = "",
    applied_on: date | None = None,
    issued_on: date | None = None,
    number: int | None = None,
) -> AbsenteeCertificate:
    """Issue a certificate on the voter's application; the voter stays on the home list with
    the remark of the certificate. ``number``: the printed blank's number (default: the next).

    Refused, nothing changed: a person who is not a voter, not on a main list of the election,
    already holding a valid certificate, an application outside the window, a number already
    used, the 1 % quota used up.
    """
    require(actor, Action.ABSENTEE_ISSUE)
    issued_on = issued_on or clock.today()
    applied_on = applied_on or issued_on
    if reason not in AbsenteeCertificate.Reason.values:
        raise ValidationError(
            _("Choose the reason given in the application."), code="absentee.reason"
        )
    if voter_reasons_for(person, election.day):
        raise ValidationError(
            _("This person is not a voter on election day."), code="absentee.not_voter"
        )
    _require_window(election, applied_on)
    with transaction.atomic():
        Election.objects.select_for_update().filter(pk=election.pk).first()
        entry = (
            VoterListEntry.objects.select_for_update()
            .filter(voter_list__election=election, person=person, part=VoterListEntry.Part.MAIN)
            .select_related("voter_list__precinct")
            .first()
        )
        if entry is None:
            raise ValidationError(
                _("The voter is not on a main list of this election."), code="absentee.not_listed"
            )
        require(actor, Action.ABSENTEE_ISSUE, entry.voter_list.precinct)
        if AbsenteeCertificate.objects.filter(
            election=election, person=person, cancelled_on__isnull=True
        ).exists():
            raise ValidationError(
                _("The voter already holds an absentee certificate."), code="absentee.holder"
            )
        issued, limit = absentee_quota(election)
        if issued + 1 > limit:
            raise ValidationError(
                _(
                    "The oblast quota of absentee certificates (1%% of voters, %(limit)s) is used up."
                )
                % {"limit": limit},
                code="absentee.quota",
            )
        cert = AbsenteeCertificate(
            election=election,
            number=_number(election, number),
            person=person,
            home_precinct=entry.voter_list.precinct,
            reason=reason,
            reason_text=reason_text.strip()[:200],
            applied_on=applied_on,
            issued_on=issued_on,
            issued_by=user_of(actor),
        )
        cert.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                cert.save()
        except IntegrityError as exc:  # the same number taken at the same moment
            raise ValidationError(
                _("Certificate No. %(n)s is already in the register of this election.")
                % {"n": cert.number},
                code="absentee.number_taken",
            ) from exc
        entry.certificate = cert
        entry.save(update_fields=["certificate"])
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_ABSENTEE_ISSUE,
            target=cert,
            new={
                "number": cert.number,
                "iin": person.iin,
                "home_precinct": entry.voter_list.precinct.number,
                "reason": reason,
                "applied_on": applied_on,
            },
        )
    return cert


def cancel_absentee_certificate(
    *, certificate: AbsenteeCertificate, actor: ActorLike, reason: str
) -> AbsenteeCertificate:
    """Cancel a certificate not yet used (the voter returned it, or votes at home after all):
    the remark leaves the home list; the certificate stays in the register as cancelled."""
    require(actor, Action.ABSENTEE_ISSUE, certificate.home_precinct)
    if not reason.strip():
        raise ValidationError(
            _("Say why the certificate is cancelled."), code="absentee.cancel_reason"
        )
    with transaction.atomic():
        cert = AbsenteeCertificate.objects.select_for_update().get(pk=certificate.pk)
        if cert.cancelled_on is not None:
            raise ValidationError(
                _("The certificate is already cancelled."), code="absentee.cancelled"
            )
        if cert.voted_at_id is not None:
            raise ValidationError(
                _("The certificate was used to vote and cannot be cancelled."), code="absentee.used"
            )
        cert.cancelled_on = clock.today()
        cert.cancelled_by = user_of(actor)
        cert.cancel_reason = reason.strip()[:200]
        cert.save(update_fields=["cancelled_on", "cancelled_by", "cancel_reason"])
        VoterListEntry.objects.filter(certificate=cert, part=VoterListEntry.Part.MAIN).update(
            certificate=None
        )
        record_event(
            actor=actor,
            action=AuditAction.REGISTER_ABSENTEE_CANCEL,
            target=cert,
            old={"status": "issued"},
            new={"status": "cancelled", "reason": cert.cancel_reason},
        )
    return cert
