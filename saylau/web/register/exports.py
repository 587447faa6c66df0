"""Voter list exports: print-ready PDF (Kazakh or Russian, DejaVu fonts so that every Kazakh
letter prints), XLSX and CSV; the route list of outside voting per commission."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import OutsideVotingRequest, VoterList, VoterListEntry

FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def _fonts() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", f"{FONT_DIR}/DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", f"{FONT_DIR}/DejaVuSans-Bold.ttf"))


def _address(entry: VoterListEntry) -> str:
    address = entry.person.address
    return str(address) if address is not None else ""


def rows(entries: Iterable[VoterListEntry]) -> list[list[str]]:
    out = []
    for e in entries:
        born = e.person.birth_date.isoformat() if e.person.birth_date else ""
        part = "" if e.part == VoterListEntry.Part.MAIN else "Д-"
        out.append([f"{part}{e.number}", e.person.full_name, born, _address(e), e.person.iin])
    return out


def list_csv(voter_list: VoterList, entries: Iterable[VoterListEntry]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
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
        header = [_("No."), _("Full name"), _("Birth date"), _("Address"), _("IIN")]
        ws.append(header)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for r in rows(entries):
            ws.append(r)
        for col, width in zip("ABCDE", (8, 40, 12, 50, 14), strict=True):
            ws.column_dimensions[col].width = width
        buf = io.BytesIO()
        wb.save(buf)
    return buf.getvalue()


def list_pdf(voter_list: VoterList, entries: Iterable[VoterListEntry], *, language: str) -> bytes:
    """The list in the form commissions use: number, full name, birth date, address and two
    signature columns (the voter's for the ballot, the issuing member's)."""
    _fonts()
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
        story: list[object] = [
            Paragraph(_("Voter list of precinct No. %(n)s") % {"n": p.number}, head),
            Paragraph(str(voter_list.election), cell),
            Paragraph(_("Polling station: %(a)s") % {"a": p.polling_address}, cell),
            Spacer(1, 4 * mm),
        ]
        header = [
            _("No."),
            _("Full name"),
            _("Birth date"),
            _("Address"),
            _("Voter's signature for the ballot"),
            _("Signature of the commission member"),
        ]
        data = [[Paragraph(h, bold) for h in header]]
        for number, name, born, address, _iin in rows(entries):
            data.append(
                [
                    Paragraph(number, cell),
                    Paragraph(name, cell),
                    Paragraph(born, cell),
                    Paragraph(address, cell),
                    "",
                    "",
                ]
            )
        table = Table(
            data, colWidths=[14 * mm, 70 * mm, 24 * mm, 90 * mm, 38 * mm, 38 * mm], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                ]
            )
        )
        story.append(table)
        doc.build(story)
    return buf.getvalue()


def route_pdf(requests: list[OutsideVotingRequest], *, title: str, language: str) -> bytes:
    """The route list of the commission members who carry the portable box."""
    _fonts()
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
                    Paragraph(r.person.full_name, cell),
                    Paragraph(r.where, cell),
                    Paragraph(r.phone, cell),
                    Paragraph(str(r.get_reason_display()), cell),
                    "",
                ]
            )
        table = Table(
            data, colWidths=[10 * mm, 45 * mm, 55 * mm, 25 * mm, 30 * mm, 21 * mm], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        doc.build([Paragraph(title, head), Spacer(1, 4 * mm), table])
    return buf.getvalue()
