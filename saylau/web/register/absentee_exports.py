"""Printable absentee certificates (Kazakh or Russian) and the register of certificates
(PDF and CSV): the documents a precinct commission hands over and accounts for."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from saylau.web.core import clock
from saylau.web.core.pdf import numbered_canvas, register_fonts
from saylau.web.elections.models import Election

from .models import AbsenteeCertificate


def _d(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _status(cert: AbsenteeCertificate) -> str:
    return {
        "issued": _("issued"),
        "used": _("presented at precinct No. %(n)s")
        % {"n": cert.voted_at.number if cert.voted_at else ""},
        "cancelled": _("cancelled on %(d)s") % {"d": _d(cert.cancelled_on)},
    }[cert.status]


def certificate_pdf(cert: AbsenteeCertificate, *, language: str) -> bytes:
    """One numbered certificate, A5, to hand to the voter."""
    register_fonts()
    with translation.override(language):
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf,
            pagesize=A5,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=14 * mm,
            bottomMargin=12 * mm,
            title=_("Absentee certificate No. %(n)s") % {"n": cert.number},
        )
        head = ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=13, leading=17, alignment=1)
        body = ParagraphStyle("b", fontName="DejaVu", fontSize=10, leading=15)
        small = ParagraphStyle("s", fontName="DejaVu", fontSize=8, leading=11)
        p, home = cert.person, cert.home_precinct
        lines = [
            (_("Election"), cert.election.name_in(language)),
            (_("Election day"), _d(cert.election.day)),
            (_("Voter"), p.full_name),
            (_("Birth date"), _d(p.birth_date)),
            (_("IIN"), p.iin),
            (
                _("Included in the voter list of precinct No."),
                f"{home.number}, {home.polling_address}",
            ),
            (_("Application dated"), _d(cert.applied_on)),
            (_("Issued on"), _d(cert.issued_on)),
        ]
        story: list[object] = [
            Paragraph(escape(_("ABSENTEE CERTIFICATE No. %(n)s") % {"n": cert.number}), head),
            Spacer(1, 5 * mm),
        ]
        story += [
            Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", body) for label, value in lines
        ]
        story += [
            Spacer(1, 4 * mm),
            Paragraph(
                escape(
                    _(
                        "The holder votes at the precinct where this certificate is presented "
                        "and is added to its additional list. The certificate is not reissued if lost."
                    )
                ),
                small,
            ),
            Spacer(1, 8 * mm),
            Paragraph(
                escape(_("Chair of the precinct election commission")) + " ____________", body
            ),
            Paragraph(
                escape(_("Secretary of the precinct election commission")) + " ____________", body
            ),
            Spacer(1, 4 * mm),
            Paragraph(escape(_("Stamp of the commission")), small),
        ]
        if cert.cancelled_on is not None:
            story.insert(
                1, Paragraph(escape(_("CANCELLED on %(d)s") % {"d": _d(cert.cancelled_on)}), head)
            )
        doc.build(story)
    return buf.getvalue()


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
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf,
            pagesize=landscape(A4),
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=14 * mm,
            title=title,
        )
        head = ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=12, leading=15)
        cell = ParagraphStyle("c", fontName="DejaVu", fontSize=8, leading=10)
        bold = ParagraphStyle("b", fontName="DejaVu-Bold", fontSize=8, leading=10)
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
        data: list[list[object]] = [[Paragraph(escape(h), bold) for h in header]]
        for c in certificates:
            data.append(
                [
                    str(c.number),
                    Paragraph(escape(c.person.full_name), cell),
                    str(c.home_precinct.number),
                    Paragraph(escape(c.get_reason_display()), cell),
                    _d(c.applied_on),
                    _d(c.issued_on),
                    Paragraph(escape(_status(c)), cell),
                    "",
                ]
            )
        widths = [14 * mm, 62 * mm, 22 * mm, 50 * mm, 24 * mm, 22 * mm, 40 * mm, 36 * mm]
        table = LongTable(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                    ("FONTSIZE", (0, 1), (-1, -1), 8),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story: list[object] = [
            Paragraph(escape(title), head),
            Paragraph(escape(election.name_in(language)) + f" · {_d(election.day)}", cell),
            Spacer(1, 4 * mm),
            table,
            Spacer(1, 4 * mm),
            Paragraph(escape(_("Printed on %(d)s") % {"d": _d(clock.today())}), cell),
        ]
        doc.build(story, canvasmaker=numbered_canvas(title))
    return buf.getvalue()
