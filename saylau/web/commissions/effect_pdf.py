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


def effect_pdf(report: EffectReport, *, title: str) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = Canvas(buf, pagesize=landscape(A4))
    c.setTitle(title)
    y = height - 15 * mm
    xs = [15 * mm, 85 * mm, 125 * mm, 150 * mm, 175 * mm, 215 * mm, 255 * mm]

    def line(cols: list[str], *, bold: bool = False) -> None:
        nonlocal y
        if y < 15 * mm:
            c.showPage()
            y = height - 15 * mm
        c.setFont("DejaVu-Bold" if bold else "DejaVu", 8)
        for x, text in zip(xs, cols, strict=False):
            c.drawString(x, y, text[:48])
        y -= 5 * mm

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
