"""Printed documents: the training certificate with its QR and the budget report.

DejaVu fonts so that every Kazakh letter (ә ғ қ ң ө ұ ү һ і) prints.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from saylau.web.core.pdf import draw_qr, register_fonts

from .models import Certificate
from .selectors import BudgetReport


def certificate_pdf(cert: Certificate, *, verify_url: str) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = Canvas(buf, pagesize=landscape(A4))
    c.setTitle(f"{cert.number}")
    session = cert.enrolment.session
    person = cert.member.person
    c.setFont("DejaVu-Bold", 26)
    c.drawCentredString(width / 2, height - 45 * mm, _("Certificate of training"))
    c.setFont("DejaVu", 13)
    c.drawCentredString(
        width / 2, height - 55 * mm, _("Election commission members' cascade training")
    )
    c.setFont("DejaVu-Bold", 22)
    c.drawCentredString(width / 2, height - 80 * mm, person.full_name)
    c.setFont("DejaVu", 13)
    lines = [
        f"{_('Commission')}: {cert.member.commission.name}",
        f"{_('Session')}: {session.date:%d.%m.%Y}, {session.place}",
        f"{_('Trainer')}: {session.trainer.person.full_name}",
        f"{_('Number')}: {cert.number}",
        f"{_('Issued')}: {cert.issued_on:%d.%m.%Y}    {_('Valid until')}: {cert.valid_until:%d.%m.%Y}",
    ]
    y = height - 100 * mm
    for line in lines:
        c.drawString(30 * mm, y, line)
        y -= 9 * mm
    draw_qr(c, verify_url, x=width - 75 * mm, y=25 * mm, size=50 * mm)
    c.setFont("DejaVu", 8)
    c.drawString(width - 75 * mm, 20 * mm, _("Scan to verify"))
    c.drawString(30 * mm, 20 * mm, verify_url)
    c.showPage()
    c.save()
    return buf.getvalue()


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ")


def wrap_words(text: str, *, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` points in ``font`` at ``size``."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def budget_pdf(report: BudgetReport, *, title: str) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    width, height = A4
    c = Canvas(buf, pagesize=A4)
    c.setTitle(title)
    y = height - 20 * mm

    def line(cols: list[str], *, bold: bool = False) -> None:
        nonlocal y
        if y < 20 * mm:
            c.showPage()
            y = height - 20 * mm
        c.setFont("DejaVu-Bold" if bold else "DejaVu", 8)
        xs = [15 * mm, 95 * mm, 120 * mm, 150 * mm, 180 * mm]
        for x, text in zip(xs, cols, strict=False):
            if x == xs[0]:
                c.drawString(x, y, text[:55])
            else:
                c.drawRightString(x + 15 * mm, y, text)
        y -= 5 * mm

    # A long election name wraps inside the margins instead of running off the page.
    for text in wrap_words(title, font="DejaVu-Bold", size=13, width=width - 30 * mm):
        c.setFont("DejaVu-Bold", 13)
        c.drawString(15 * mm, y, text)
        y -= 6 * mm
    c.setFont("DejaVu", 9)
    c.drawString(15 * mm, y, _("Amounts in tenge (₸)."))
    y -= 8 * mm
    money = _("tenge")
    head = [
        _("Line"),
        _("Sessions"),
        f"{_('Planned')}, {money}",
        f"{_('Actual')}, {money}",
        f"{_('Difference')}, {money}",
    ]
    for heading, lines in (
        (_("By district"), report.by_district),
        (_("By paying akimat"), report.by_payer),
    ):
        line([heading], bold=True)
        line(head, bold=True)
        for b in lines:
            line(
                [
                    b.label,
                    str(b.sessions),
                    _money(b.planned),
                    _money(b.actual),
                    _money(b.difference),
                ]
            )
        y -= 4 * mm
    line(
        [
            _("Total"),
            str(report.total.sessions),
            _money(report.total.planned),
            _money(report.total.actual),
            _money(report.total.difference),
        ],
        bold=True,
    )
    y -= 4 * mm
    line([_("Sessions")], bold=True)
    line(
        [
            _("Session"),
            _("Participants"),
            f"{_('Planned')}, {money}",
            f"{_('Actual')}, {money}",
            f"{_('Difference')}, {money}",
        ],
        bold=True,
    )
    for row in report.sessions:
        s = row["session"]
        line(
            [
                f"{s.date:%d.%m.%Y} {s.place}"
                + (f" ({s.get_status_display()})" if s.is_cancelled else ""),
                str(row["attendees"]),
                _money(row["planned"]),
                _money(row["actual"]),
                _money(row["actual"] - row["planned"]),
            ]
        )
    c.showPage()
    c.save()
    return buf.getvalue()
