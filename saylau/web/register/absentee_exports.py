"""Printable absentee certificates (Kazakh or Russian) and the register of certificates
(PDF and CSV): the documents a precinct commission hands over and accounts for."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from saylau.web.commissions.models import Commission
from saylau.web.commissions.selectors.signatories import chair_and_secretary
from saylau.web.core import clock
from saylau.web.core.documents import (
    BODY,
    CENTRED_TITLE,
    SMALL,
    TITLE,
    build,
    digits_and_words,
    grid,
    para,
    signature_block,
)
from saylau.web.core.formats import local_date, local_datetime
from saylau.web.core.pdf import register_fonts
from saylau.web.elections.models import Election

from .models import AbsenteeCertificate


def _status(cert: AbsenteeCertificate) -> str:
    if cert.status == "used":
        return _("presented at precinct No. %(n)s") % {
            "n": cert.voted_at.number if cert.voted_at else ""
        }
    if cert.status == "cancelled":
        return _("cancelled on %(d)s") % {"d": local_date(cert.cancelled_on)}
    return _("issued")


def certificate_pdf(cert: AbsenteeCertificate, *, language: str) -> bytes:
    """One numbered certificate, A5, to hand to the voter: signed by the chair and the
    secretary of the commission that issues it (their names printed), with the local date and
    time of signing and the place of the seal."""
    register_fonts()
    with translation.override(language):
        title = _("ABSENTEE CERTIFICATE No. %(n)s") % {"n": cert.number}
        p, home = cert.person, cert.home_precinct
        lines = [
            (_("Election"), cert.election.name_in(language)),
            (_("Election day"), local_date(cert.election.day, language)),
            (_("Voter"), p.full_name),
            (_("Birth date"), local_date(p.birth_date, language)),
            (_("IIN"), p.iin),
            (
                _("Included in the voter list of precinct No."),
                f"{home.number}, {home.polling_address}",
            ),
            (_("Application dated"), local_date(cert.applied_on, language)),
            (_("Issued on"), local_date(cert.issued_on, language)),
        ]
        story: list[object] = [para(title, CENTRED_TITLE), Spacer(1, 5 * mm)]
        if cert.cancelled_on is not None:
            cancelled = _("CANCELLED on %(d)s") % {"d": local_date(cert.cancelled_on, language)}
            story.insert(1, para(cancelled, CENTRED_TITLE))
        story += [
            Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", BODY) for label, value in lines
        ]
        width = A5[0] - 24 * mm
        commission = Commission.objects.filter(precinct=home).first()
        now = clock.now()
        story += [
            Spacer(1, 4 * mm),
            para(
                _(
                    "The holder votes at the precinct where this certificate is presented "
                    "and is added to its additional list. The certificate is not reissued if lost."
                ),
                SMALL,
            ),
            signature_block(
                chair_and_secretary(commission, now.date()),
                width=width,
                signed_at=now,
                language=language,
            ),
        ]
        return build(
            story,
            title=title,
            footer=title,
            pagesize=A5,
            margins=(12 * mm, 12 * mm, 14 * mm, 12 * mm),
            numbered=False,
        )


def register_csv(certificates: Sequence[AbsenteeCertificate]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
            "number",
            "status",
            "iin",
            "full_name",
            "home_precinct_no",
            "reason",
            "applied_on",
            "issued_on",
            "voted_at_precinct_no",
            "cancelled_on",
            "cancel_reason",
        ]
    )
    for c in certificates:
        w.writerow(
            [
                c.number,
                c.status,
                c.person.iin,
                c.person.full_name,
                c.home_precinct.number,
                c.reason,
                c.applied_on.isoformat() if c.applied_on else "",
                c.issued_on.isoformat(),
                c.voted_at.number if c.voted_at else "",
                c.cancelled_on.isoformat() if c.cancelled_on else "",
                c.cancel_reason,
            ]
        )
    return buf.getvalue().encode("utf-8")


def register_pdf(
    election: Election, certificates: Sequence[AbsenteeCertificate], *, language: str
) -> bytes:
    """The register of issued and cancelled certificates, for the commission's accounts."""
    register_fonts()
    with translation.override(language):
        title = _("Register of absentee certificates")
        header = [
            _("No."),
            _("Voter"),
            _("Precinct of the list"),
            _("Reason"),
            _("Application dated"),
            _("Issued on"),
            _("Status"),
            _("Signature of the voter"),
        ]
        body = [
            [
                str(c.number),
                c.person.full_name,
                str(c.home_precinct.number),
                str(c.get_reason_display()),
                local_date(c.applied_on, language),
                local_date(c.issued_on, language),
                _status(c),
                "",
            ]
            for c in certificates
        ]
        widths = [14 * mm, 62 * mm, 22 * mm, 50 * mm, 24 * mm, 22 * mm, 40 * mm, 36 * mm]
        printed = _("Printed on %(d)s") % {"d": local_datetime(clock.now(), language)}
        story: list[object] = [
            para(title, TITLE),
            para(f"{election.name_in(language)} · {local_date(election.day, language)}", BODY),
            Spacer(1, 4 * mm),
            grid(header, body, widths, minimum=7 * mm),
            Spacer(1, 4 * mm),
            para(
                _("Certificates in the register: %(n)s")
                % {"n": digits_and_words(len(body), language)},
                BODY,
            ),
            para(printed, BODY),
        ]
        return build(
            story,
            title=title,
            footer=title,
            pagesize=landscape(A4),
            margins=(12 * mm, 12 * mm, 12 * mm, 14 * mm),
        )
