"""The printed report of the effect of training (the shared document pieces, as the budget)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from saylau.web.core.documents import SMALL, TITLE, build, grid, para
from saylau.web.core.pdf import register_fonts

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
    """The effect of training by district, trained and untrained commissions side by side;
    long district names wrap inside their column."""
    register_fonts()
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
    header = [
        _("District"),
        _("Commissions"),
        _("Precincts"),
        _("Submitted"),
        _("Refused"),
        _("Corrections"),
        _("Minutes to submit"),
    ]
    rows: list[list[str]] = []
    for row in report.rows:
        name = str(row.district) if row.district else "—"
        rows.append([name, _("trained"), *figures_cells(row.trained)])
        rows.append(["", _("not trained"), *figures_cells(row.untrained)])
    rows.append([_("Total"), _("trained"), *figures_cells(report.trained)])
    rows.append(["", _("not trained"), *figures_cells(report.untrained)])
    widths = [70 * mm, 35 * mm, 25 * mm, 25 * mm, 40 * mm, 40 * mm, 32 * mm]
    story: list[Any] = [para(title, TITLE)]
    story += [para(note, SMALL) for note in notes]
    story += [Spacer(1, 3 * mm), grid(header, rows, widths, right=(2, 3, 6))]
    return build(
        story,
        title=title,
        footer=title,
        pagesize=landscape(A4),
        margins=(15 * mm, 15 * mm, 15 * mm, 14 * mm),
    )
