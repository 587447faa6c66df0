"""Voter list exports: print-ready PDF (Kazakh or Russian, DejaVu fonts so that every Kazakh
letter prints), XLSX and CSV; the route list of outside voting per commission."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from saylau.web.core import clock
from saylau.web.core.csvsafe import safe_row, safe_writer
from saylau.web.core.pdf import numbered_canvas, register_fonts, row_heights

from .models import OutsideVotingRequest, VoterList, VoterListEntry


def _date(value: date | None) -> str:
    """Dates as commissions write them: 23.04.1973."""
    return value.strftime("%d.%m.%Y") if value else ""


def _address(entry: VoterListEntry) -> str:
    address = entry.person.address
    return str(address) if address is not None else ""


def rows(entries: Iterable[VoterListEntry]) -> list[list[str]]:
    out = []
    for e in entries:
        born = _date(e.person.birth_date)
        part = "" if e.part == VoterListEntry.Part.MAIN else "Д-"
        out.append(
            [f"{part}{e.number}", e.person.full_name, born, _address(e), e.person.iin, e.remarks]
        )
    return out


def list_csv(voter_list: VoterList, entries: Iterable[VoterListEntry]) -> bytes:
    buf = io.StringIO()
    w = safe_writer(buf)
    w.writerow(
        [
            "precinct_no",
            "part",
            "line_no",
            "iin",
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "address_id",
            "remarks",
        ]
    )
    for e in entries:
        p = e.person
        w.writerow(
            [
                voter_list.precinct.number,
                e.part,
                e.number,
                p.iin,
                p.last_name,
                p.first_name,
                p.patronymic,
                p.birth_date.isoformat() if p.birth_date else "",
                p.address.address_id if p.address else "",
                e.remarks,
            ]
        )
    return buf.getvalue().encode("utf-8")


def list_xlsx(voter_list: VoterList, entries: Iterable[VoterListEntry], *, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        wb = Workbook()
        ws = wb.active
        assert ws is not None  # noqa: S101 - a new workbook has one sheet
        ws.title = f"{voter_list.precinct.number}"
        ws.append([_("Voter list of precinct No. %(n)s") % {"n": voter_list.precinct.number}])
        ws["A1"].font = Font(bold=True)
        header = [_("No."), _("Full name"), _("Birth date"), _("Address"), _("IIN"), _("Remarks")]
        ws.append(header)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for r in rows(entries):
            ws.append(safe_row(r))
        for col, width in zip("ABCDEF", (8, 40, 12, 50, 14, 30), strict=True):
            ws.column_dimensions[col].width = width
        buf = io.BytesIO()
        wb.save(buf)
    return buf.getvalue()


def list_pdf(voter_list: VoterList, entries: Iterable[VoterListEntry], *, language: str) -> bytes:
    """The list in the form commissions use: number, full name, birth date, address and two
    signature columns (the voter's for the ballot, the issuing member's) and the remarks
    (an absentee certificate issued to the voter)."""
    register_fonts()
    with translation.override(language):
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf,
            pagesize=landscape(A4),
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=12 * mm,
            title=_("Voter list"),
        )
        head = ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=12, leading=15)
        cell = ParagraphStyle("c", fontName="DejaVu", fontSize=8, leading=10)
        bold = ParagraphStyle("b", fontName="DejaVu-Bold", fontSize=8, leading=10)
        p = voter_list.precinct
        title = _("Voter list of precinct No. %(n)s") % {"n": p.number}
        story: list[object] = [
            Paragraph(escape(title), head),
            Paragraph(escape(voter_list.election.name_in(language)), cell),
            Paragraph(escape(_("Polling station: %(a)s") % {"a": p.polling_address}), cell),
            Spacer(1, 4 * mm),
        ]
        header = [
            _("No."),
            _("Full name"),
            _("Birth date"),
            _("Address"),
            _("Voter's signature for the ballot"),
            _("Signature of the commission member"),
            _("Remarks"),
        ]
        data = [[Paragraph(escape(h), bold) for h in header]]

        def fit(text: str, width: float) -> object:
            # A Paragraph (which wraps) only where the text does not fit on one line: a
            # Paragraph per cell was most of the time of a 3,000-voter list.
            if pdfmetrics.stringWidth(text, "DejaVu", 8) <= width - 12:
                return text
            return Paragraph(escape(text), cell)

        count = 0
        for number, name, born, address, _iin, remarks in rows(entries):
            count += 1
            remark = fit(remarks, 34 * mm) if remarks else ""
            data.append([number, fit(name, 64 * mm), born, fit(address, 70 * mm), "", "", remark])
        widths = [14 * mm, 64 * mm, 24 * mm, 70 * mm, 34 * mm, 34 * mm, 34 * mm]
        # Row heights are given, not left to the table: it would measure every row left each
        # time it splits at a page end, which on thousands of lines is most of the time.
        heights = row_heights(data, widths, minimum=7 * mm)
        heights[0] = row_heights(data[:1], widths)[0]  # the heading needs no signature
        table = LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, 0), "TOP"),
                    ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                    ("FONTSIZE", (0, 1), (-1, -1), 8),
                ]
            )
        )
        story.append(table)
        closing = ParagraphStyle("s", fontName="DejaVu", fontSize=9, leading=18)
        story += [
            Spacer(1, 6 * mm),
            Paragraph(escape(_("Voters on the list: %(n)d") % {"n": count}), closing),
            Paragraph(escape(_("Printed on %(d)s") % {"d": _date(clock.today())}), closing),
            Paragraph(
                escape(_("Chair of the precinct election commission")) + " ______________________",
                closing,
            ),
            Paragraph(
                escape(_("Secretary of the precinct election commission"))
                + " ______________________",
                closing,
            ),
        ]
        doc.build(story, canvasmaker=numbered_canvas(title))
    return buf.getvalue()


def route_pdf(
    requests: list[OutsideVotingRequest],
    *,
    title: str,
    language: str,
    subtitle: Iterable[str] = (),
) -> bytes:
    """The route list of the commission members who carry the portable box; ``subtitle``
    lines say which election and precinct."""
    register_fonts()
    with translation.override(language):
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf,
            pagesize=A4,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=12 * mm,
            title=title,
        )
        head = ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=12, leading=15)
        cell = ParagraphStyle("c", fontName="DejaVu", fontSize=8, leading=10)
        bold = ParagraphStyle("b", fontName="DejaVu-Bold", fontSize=8, leading=10)
        data = [
            [
                Paragraph(h, bold)
                for h in (
                    _("No."),
                    _("Full name"),
                    _("Where to come"),
                    _("Phone"),
                    _("Reason"),
                    _("Visited (time, signature)"),
                )
            ]
        ]
        for i, r in enumerate(requests, start=1):
            data.append(
                [
                    Paragraph(str(i), cell),
                    Paragraph(escape(r.person.full_name), cell),
                    Paragraph(escape(r.where), cell),
                    Paragraph(escape(r.phone), cell),
                    Paragraph(escape(str(r.get_reason_display())), cell),
                    "",
                ]
            )
        table = Table(
            data, colWidths=[10 * mm, 42 * mm, 50 * mm, 25 * mm, 29 * mm, 30 * mm], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story: list[object] = [Paragraph(escape(title), head)]
        story += [Paragraph(escape(line), cell) for line in subtitle]
        doc.build([*story, Spacer(1, 4 * mm), table], canvasmaker=numbered_canvas(title))
    return buf.getvalue()
