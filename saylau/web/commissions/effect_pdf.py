"""The printed report of the effect of training (same fonts and margins as the budget)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from saylau.web.core.pdf import register_fonts

from .pdf import wrap_words
from .selectors.effect import EffectReport, Figures


def _pct(value: int | None) -> str:
    return "—" if value is None else f"{value} %"


def figures_cells(f: Figures) -> list[str]:
    return [
        str(f.precincts),
        str(f.submitted),
        f"{f.refused} / {f.precincts_refused} ({_pct(f.refused_percent)})",
        f"{f.corrections} / {f.precincts_corrected} ({_pct(f.corrected_percent)})",
        "—" if f.median_minutes is None else str(f.median_minutes),
    ]


#: Left edge of each column (landscape A4); the last column ends at the right margin.
MARGIN = 15 * mm
XS = (15 * mm, 85 * mm, 125 * mm, 150 * mm, 175 * mm, 215 * mm, 255 * mm)
GAP = 2 * mm


def column_widths(page_width: float) -> list[float]:
    """How wide each column's text may be: up to the next column, the last to the margin."""
    edges = [*XS[1:], page_width - MARGIN]
    return [right - left - GAP for left, right in zip(XS, edges, strict=True)]


def effect_pdf(report: EffectReport, *, title: str) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = Canvas(buf, pagesize=landscape(A4))
    c.setTitle(title)
    y = height - 15 * mm
    widths = column_widths(width)

    def line(cols: list[str], *, bold: bool = False) -> None:
        """One row; a cell too wide for its column wraps onto more lines (a Kazakh heading
        such as "Тапсыруға дейінгі минуттар" ran off the page)."""
        nonlocal y
        font = "DejaVu-Bold" if bold else "DejaVu"
        cells = [
            wrap_words(text, font=font, size=8, width=w) or [""]
            for text, w in zip(cols, widths, strict=False)
        ]
        depth = max(len(lines) for lines in cells)
        if y - (depth - 1) * 3.5 * mm < 15 * mm:
            c.showPage()
            y = height - 15 * mm
        c.setFont(font, 8)
        for x, lines in zip(XS, cells, strict=False):
            for i, text in enumerate(lines):
                c.drawString(x, y - i * 3.5 * mm, text)
        y -= 5 * mm + (depth - 1) * 3.5 * mm

    for text in wrap_words(title, font="DejaVu-Bold", size=13, width=width - 30 * mm):
        c.setFont("DejaVu-Bold", 13)
        c.drawString(15 * mm, y, text)
        y -= 6 * mm
    c.setFont("DejaVu", 8)
    notes = [
        _(
            "A commission counts as trained when at least half of its members sitting on "
            "election day held a valid, unrevoked training certificate that day."
        ),
        _(
            "Refused: submissions refused by the control ratios / precincts with one. "
            "Corrections: versions after the first / precincts with one. Time: minutes from "
            "20:00 to the first accepted party-list protocol (median)."
        ),
    ]
    if not report.refusals_recorded:
        notes.append(_("No refused submission is recorded in the audit log for any election."))
    for note in notes:
        for text in wrap_words(note, font="DejaVu", size=8, width=width - 30 * mm):
            c.drawString(15 * mm, y, text)
            y -= 4 * mm
    y -= 3 * mm
    head = [
        _("District"),
        _("Commissions"),
        _("Precincts"),
        _("Submitted"),
        _("Refused"),
        _("Corrections"),
        _("Minutes to submit"),
    ]
    line(head, bold=True)
    for row in report.rows:
        name = str(row.district) if row.district else "—"
        line([name, _("trained"), *figures_cells(row.trained)])
        line(["", _("not trained"), *figures_cells(row.untrained)])
    y -= 2 * mm
    line([_("Total"), _("trained"), *figures_cells(report.trained)], bold=True)
    line(["", _("not trained"), *figures_cells(report.untrained)], bold=True)
    c.showPage()
    c.save()
    return buf.getvalue()
