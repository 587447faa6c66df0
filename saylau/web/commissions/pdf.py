"""Printed documents: the training certificate with its QR and the budget report, built of
the shared pieces of ``saylau.web.core.documents`` (DejaVu fonts, wrapping tables, signature
block)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table

from saylau.web.core import clock
from saylau.web.core.documents import (
    BODY,
    HEADING,
    SMALL,
    TITLE,
    QRCode,
    Signatory,
    build,
    grid,
    money_in_words,
    para,
    signature_parts,
)
from saylau.web.core.documents import money as mny
from saylau.web.core.formats import local_date, local_datetime
from saylau.web.core.pdf import FONT, FONT_BOLD, register_fonts

from .models import Certificate
from .selectors import BudgetReport


def certificate_pdf(cert: Certificate, *, verify_url: str, language: str | None = None) -> bytes:
    """The certificate of training, one landscape page: the holder's name (wrapped, however
    long), the commission, the session, the number and validity, the QR code to the public
    check, and the trainer's signature line with their name, the local date and time of
    signing and the place of the seal."""
    register_fonts()
    lang = language or translation.get_language() or "kk"
    with translation.override(lang):
        session = cert.enrolment.session
        trainer = session.trainer.person.full_name
        width = landscape(A4)[0] - 50 * mm
        name = ParagraphStyle("holder", fontName=FONT_BOLD, fontSize=22, leading=27, alignment=1)
        sub = ParagraphStyle("sub", fontName=FONT, fontSize=13, leading=17, alignment=1)
        line = ParagraphStyle("line", fontName=FONT, fontSize=12, leading=16)
        title = ParagraphStyle("cert", fontName=FONT_BOLD, fontSize=26, leading=32, alignment=1)
        valid = _("%(issued)s, valid until %(until)s") % {
            "issued": local_date(cert.issued_on, lang),
            "until": local_date(cert.valid_until, lang),
        }
        facts = [
            (_("Commission"), cert.member.commission.name_in(lang)),
            (_("Session"), f"{local_date(session.date, lang)}, {session.place}"),
            (_("Number"), cert.number),
            (_("Issued"), valid),
        ]
        story: list[Any] = [
            para(_("Certificate of training"), title),
            Spacer(1, 2 * mm),
            para(_("Election commission members' cascade training"), sub),
            Spacer(1, 8 * mm),
            para(cert.person.full_name, name),
            Spacer(1, 6 * mm),
        ]
        story += [
            Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", line) for label, value in facts
        ]
        signature = signature_parts(
            [Signatory(_("Trainer"), trainer)],
            width=width - 55 * mm,
            signed_at=cert.issued_on,  # the trainer signs on the day of issue, not of printing
            language=lang,
        )
        qr = Table(
            [[signature, [QRCode(verify_url, 40 * mm), para(_("Scan to verify"), SMALL)]]],
            colWidths=[width - 50 * mm, 50 * mm],
            style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
            hAlign="LEFT",
        )
        story += [qr, Spacer(1, 2 * mm), para(verify_url, SMALL)]
        return build(
            story,
            title=cert.number,
            footer=cert.number,
            pagesize=landscape(A4),
            margins=(25 * mm, 25 * mm, 18 * mm, 12 * mm),
            numbered=False,
        )


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


def budget_pdf(report: BudgetReport, *, title: str, language: str | None = None) -> bytes:
    """The budget of training: by district, by paying akimat and by session, every amount in
    tenge with the currency in each column's title, the total in digits and in words, the
    local date and time it was drawn up; long labels wrap inside their column."""
    register_fonts()
    lang = language or translation.get_language() or "kk"
    with translation.override(lang):
        money = _("tenge")
        width = A4[0] - 30 * mm
        amounts = [f"{label}, {money}" for label in (_("Planned"), _("Actual"), _("Difference"))]
        widths = [width - 30 * mm - 3 * 28 * mm, 30 * mm, 28 * mm, 28 * mm, 28 * mm]
        story: list[Any] = [para(title, TITLE), para(_("Amounts in tenge (₸)."), BODY)]

        def amounts_of(planned: Decimal, actual: Decimal) -> list[str]:
            return [mny(planned, lang), mny(actual, lang), mny(actual - planned, lang)]

        for heading, lines in (
            (_("By district"), report.by_district),
            (_("By paying akimat"), report.by_payer),
        ):
            rows = [[b.label, str(b.sessions), *amounts_of(b.planned, b.actual)] for b in lines]
            total = report.total
            rows.append([_("Total"), str(total.sessions), *amounts_of(total.planned, total.actual)])
            story += [
                para(heading, HEADING),
                grid(
                    [_("Line"), pgettext("number of training sessions", "Sessions"), *amounts],
                    rows,
                    widths,
                    right=(1, 2, 3, 4),
                    bold_last=True,
                ),
            ]
        rows = []
        for row in report.sessions:
            s = row["session"]
            label = f"{local_date(s.date, lang)} {s.place}"
            if s.is_cancelled:
                label += f" ({s.get_status_display()})"
            rows.append([label, str(row["attendees"]), *amounts_of(row["planned"], row["actual"])])
        story += [
            para(pgettext("training", "Sessions"), HEADING),
            grid([_("Session"), _("Participants"), *amounts], rows, widths, right=(1, 2, 3, 4)),
            Spacer(1, 5 * mm),
            para(
                _("Total planned: %(amount)s %(currency)s (%(words)s)")
                % {
                    "amount": mny(report.total.planned, lang),
                    "currency": money,
                    "words": money_in_words(report.total.planned, lang),
                },
                BODY,
            ),
            para(
                _("Total spent: %(amount)s %(currency)s (%(words)s)")
                % {
                    "amount": mny(report.total.actual, lang),
                    "currency": money,
                    "words": money_in_words(report.total.actual, lang),
                },
                BODY,
            ),
            Spacer(1, 3 * mm),
            para(
                _("Drawn up on %(moment)s (local time)")
                % {"moment": local_datetime(clock.now(), lang)},
                BODY,
            ),
        ]
        return build(
            story,
            title=title,
            footer=title,
            margins=(15 * mm, 15 * mm, 15 * mm, 14 * mm),
        )
