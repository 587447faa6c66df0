"""The parts of saylau's official documents that follow the CEC's forms, written once.

Every document a commission signs (the precinct protocol, the protocol of mandate
distribution, the voter list, the absentee certificate, the training certificate, the budget)
is built of the same pieces: a figure in digits and in words ("цифрами и прописью",
``saylau.law.words``), a table whose long cells wrap instead of running off the page, and the
signature block: a line for each member who signs, with their name, the date and local time of
signing and the place of the seal ("М.П." / "М.О."). The pieces take plain values (offices and
names, not commission rows), so that this foundation module knows no domain app.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)
from reportlab.platypus import TableStyle as _TableStyle

from saylau.law.words import in_words

from . import clock
from .formats import decimal, figure, local_date
from .pdf import FONT, FONT_BOLD, draw_qr, numbered_canvas, register_fonts, row_heights

TITLE = ParagraphStyle("doc-title", fontName=FONT_BOLD, fontSize=13, leading=17)
CENTRED_TITLE = ParagraphStyle(
    "doc-title-c", fontName=FONT_BOLD, fontSize=13, leading=17, alignment=1
)
SUBTITLE = ParagraphStyle("doc-subtitle", fontName=FONT, fontSize=11, leading=14, spaceAfter=4)
HEADING = ParagraphStyle("doc-heading", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8)
BODY = ParagraphStyle("doc-body", fontName=FONT, fontSize=10, leading=13)
SMALL = ParagraphStyle("doc-small", fontName=FONT, fontSize=8, leading=10)
CELL = ParagraphStyle("doc-cell", fontName=FONT, fontSize=8, leading=10)
CELL_BOLD = ParagraphStyle("doc-cell-b", fontName=FONT_BOLD, fontSize=8, leading=10)
WORDS = ParagraphStyle("doc-words", fontName=FONT, fontSize=8, leading=10, textColor=colors.black)


def para(text: object, style: ParagraphStyle = BODY) -> Paragraph:
    """``text`` as a paragraph that wraps at the column's edge (escaped: names may hold "<")."""
    return Paragraph(escape(str(text)), style)


def build(
    story: list[Any],
    *,
    title: str,
    footer: str,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float, float, float] = (20 * mm, 20 * mm, 18 * mm, 16 * mm),
    numbered: bool = True,
) -> bytes:
    """The PDF of ``story``: DejaVu fonts, the margins (left, right, top, bottom) and, when
    ``numbered``, ``footer`` and "page N of M" at the foot of each page."""
    register_fonts()
    buf = io.BytesIO()
    left, right, top, bottom = margins
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
    )
    if numbered:
        doc.build(story, canvasmaker=numbered_canvas(footer))
    else:
        doc.build(story)
    return buf.getvalue()


class QRCode(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A QR code of ``data``, ``size`` wide, as vector squares."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data, self.size = data, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.data, x=0, y=0, size=self.size)


# --- Figures in digits and in words -----------------------------------------------------


def words(n: int, language: str) -> str:
    """``n`` in words in ``language`` (``saylau.law.words``)."""
    return in_words(int(n), language)


def digits_and_words(n: int | None, language: str) -> str:
    """A figure as forms write it, "1 870 (одна тысяча восемьсот семьдесят)"; a dash for a
    figure not given."""
    if n is None:
        return "—"
    return f"{figure(n, language)} ({words(n, language)})"


def money_in_words(amount: Decimal, language: str) -> str:
    """An amount of tenge in words, as a payment document writes it: "одна тысяча двести
    тенге 50 тиын" (the tiyn in digits)."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = _("minus") + " " if amount < 0 else ""
    whole, cents = divmod(abs(int(amount * 100)), 100)
    # Outside the f-string: xgettext does not read calls inside one, so they went untranslated.
    tenge, tiyn = _("tenge"), _("tiyn")
    return f"{sign}{words(whole, language)} {tenge} {cents:02d} {tiyn}"


def money(amount: Decimal, language: str) -> str:
    """An amount of tenge with two decimals, grouped as the language writes numbers."""
    return decimal(amount, language, places=2)


# --- Tables -------------------------------------------------------------------------------


def fits(text: str, width: float, *, size: float = 8) -> bool:
    """Whether ``text`` fits one line of a cell ``width`` wide (6 points of padding each side)."""
    return bool(stringWidth(text, FONT, size) <= width - 12)


def lines_of(text: str, width: float, *, size: float = 8, font: str = FONT) -> list[str]:
    """``text`` broken into lines no wider than ``width``: at spaces, and a word longer than a
    line at a letter. For text drawn outside a paragraph (the labels of a chart), so that a
    long name is never cut off.

    >>> register_fonts()
    >>> lines_of("Район имени Габита Мусрепова", 60, size=8)
    ['Район имени', 'Габита', 'Мусрепова']
    >>> lines_of("Ақжайықкөлшығысыбатысоңтүстік", 60, size=8)
    ['Ақжайықкөл', 'шығысыбаты', 'соңтүстік']
    """
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width) or [""]:
        # simpleSplit breaks at spaces only: a longer word is cut at the last letter that fits.
        while len(line) > 1 and stringWidth(line, font, size) > width:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def cell(text: object, width: float, style: ParagraphStyle = CELL) -> Any:
    """A table cell: the plain string where it fits on one line (fast: lists of thousands of
    voters), a wrapping paragraph where it does not."""
    value = "" if text is None else str(text)
    if not value or fits(value, width, size=style.fontSize):
        return value
    return Paragraph(escape(value), style)


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    minimum: float = 0,
    right: Sequence[int] = (),
    bold_last: bool = False,
) -> LongTable:
    """The ruled table of every list a commission prints: a shaded header repeated on each
    page, every cell wrapped to its column (nothing cut off at the edge), rows at least
    ``minimum`` high (room for a signature), the columns ``right`` aligned right (figures)."""
    data: list[list[Any]] = [[Paragraph(escape(h), CELL_BOLD) for h in header]]
    for row in rows:
        data.append(
            [c if not isinstance(c, str) else cell(c, w) for c, w in zip(row, widths, strict=True)]
        )
    # Row heights are given, not left to the table: it would measure every remaining row
    # each time it splits at a page end, which on thousands of lines is most of the time.
    heights = row_heights(data, list(widths), minimum=minimum)
    heights[0] = row_heights(data[:1], list(widths))[0]
    table = LongTable(data, colWidths=list(widths), rowHeights=heights, repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in right]
    if bold_last:
        style.append(("FONTNAME", (0, -1), (-1, -1), FONT_BOLD))
    table.setStyle(_TableStyle(style))
    return table


def figures_table(
    rows: Sequence[tuple[str, int | None]], width: float, *, language: str, label: str
) -> Table:
    """Lines of a protocol: the line's name (headed ``label``), the figure in digits and the
    same figure in words, ruled as the printed form is."""
    widths = [width - 22 * mm - 58 * mm, 22 * mm, 58 * mm]
    header = [label, _("In digits"), _("In words")]
    data: list[list[Any]] = [[Paragraph(escape(h), CELL_BOLD) for h in header]]
    for name, value in rows:
        data.append(
            [
                Paragraph(escape(name), CELL),
                "—" if value is None else figure(value, language),
                Paragraph(escape("—" if value is None else words(value, language)), WORDS),
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        _TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("ALIGN", (1, 1), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


# --- Signatures, time of signing, seal ----------------------------------------------------


@dataclass(frozen=True)
class Signatory:
    """One line of a signature block: the office ("Председатель комиссии"), and the name of
    the person who holds it (empty: the name is written by hand)."""

    office: str
    name: str = ""


def seal_place() -> str:
    """The place of the seal as forms mark it: "М.П." in Russian, "М.О." in Kazakh."""
    return pgettext("place of the seal", "L.S.")


def signed_at_line(moment: datetime | date | None, language: str) -> str:
    """The line "Signed on 22.03.2027 at 01:30 (local time)"; only the day where only the day
    is recorded (a certificate's day of issue); blanks to fill by hand when the moment is not
    known yet (a draft printed before signing)."""
    if moment is None:
        return _("Signed on «___» ____________ 20___ at ___:___")
    if not isinstance(moment, datetime):
        return _("Signed on %(date)s") % {"date": local_date(moment, language)}
    local = clock.localtime(moment) if moment.tzinfo else moment
    return _("Signed on %(date)s at %(time)s (local time)") % {
        "date": local_date(local.date(), language),
        "time": f"{local:%H:%M}",
    }


def signature_parts(
    signatories: Sequence[Signatory],
    *,
    width: float,
    signed_at: datetime | date | None,
    language: str,
    seal: bool = True,
) -> list[Any]:
    """A line to sign for each of ``signatories`` (office, the line, the name), then the date
    and local time of signing and the place of the seal. On a narrow page (an A5
    certificate) the office stands above its line, so that a long name keeps its width."""
    line_w = 42 * mm
    narrow = width < 150 * mm
    office_w = 0.0 if narrow else min(62 * mm, width * 0.36)
    name_w = width - office_w - line_w
    data: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
    ]
    previous = None
    for s in signatories:
        office = "" if s.office == previous else s.office
        previous = s.office
        name = Paragraph(escape(s.name or "_" * 24), BODY)
        if narrow:
            if office:
                data.append([Paragraph(escape(office), BODY), ""])
                style.append(("SPAN", (0, len(data) - 1), (1, len(data) - 1)))
            data.append(["", name])
            style.append(("LINEBELOW", (0, len(data) - 1), (0, len(data) - 1), 0.5, colors.black))
        else:
            data.append([Paragraph(escape(office), BODY), "", name])
            style.append(("LINEBELOW", (1, len(data) - 1), (1, len(data) - 1), 0.5, colors.black))
    widths = [line_w, width - line_w] if narrow else [office_w, line_w, name_w]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    style += [("RIGHTPADDING", (0 if narrow else 1, 0), (0 if narrow else 1, -1), 10)]
    table.setStyle(_TableStyle(style))
    parts: list[Any] = [Spacer(1, 4 * mm), table, Spacer(1, 4 * mm)]
    parts.append(para(signed_at_line(signed_at, language), BODY))
    if seal:
        parts += [Spacer(1, 3 * mm), para(seal_place(), BODY)]
    return parts


def signature_block(
    signatories: Sequence[Signatory],
    *,
    width: float,
    signed_at: datetime | date | None,
    language: str,
    seal: bool = True,
) -> KeepTogether:
    """:func:`signature_parts`, kept together on one page."""
    return KeepTogether(
        signature_parts(signatories, width=width, signed_at=signed_at, language=language, seal=seal)
    )


def officer_lines(
    members: Sequence[tuple[str, str]], *, offices: dict[str, str], blank_members: int = 0
) -> list[Signatory]:
    """Signature lines from (role, full name) pairs, in the order of ``offices`` (role ->
    the office as the form names it). An office the registry names nobody for still gets a
    line, its name written by hand; members get ``blank_members`` such lines."""
    lines: list[Signatory] = []
    for role, office in offices.items():
        names = [name for r, name in members if r == role]
        if not names:
            names = [""] * (blank_members if role == "member" else 1)
        lines += [Signatory(office, name) for name in names]
    return lines
