"""Printed documents: the precinct protocol with its QR code, and the protocol of mandate
distribution with the trace. DejaVu fonts so that every Kazakh letter prints."""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .forms import LINES
from .models import Distribution, Protocol

FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def _fonts() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", f"{FONT_DIR}/DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", f"{FONT_DIR}/DejaVuSans-Bold.ttf"))


def _qr(canvas: Canvas, data: str, *, x: float, y: float, size: float) -> None:
    rows = list(segno.make(data, error="m").matrix_iter(scale=1, border=2))
    cell = size / len(rows)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + c * cell, y + size - (r + 1) * cell, cell, cell, stroke=0, fill=1)


def protocol_pdf(row: Protocol, qr_text: str, *, lang: str = "ru") -> bytes:
    """The protocol as printed and posted at the precinct: every line, the hash, the QR."""
    _fonts()
    buf = io.BytesIO()
    width, height = A4
    c = Canvas(buf, pagesize=A4)
    c.setTitle(f"protocol {row.precinct.number} v{row.version}")
    election = row.election
    y = height - 20 * mm
    c.setFont("DejaVu-Bold", 13)
    c.drawString(20 * mm, y, election.name_kk if lang == "kk" else election.name_ru)
    y -= 7 * mm
    c.setFont("DejaVu", 11)
    title = _("Protocol of the precinct election commission No. %(number)s, version %(version)s")
    c.drawString(20 * mm, y, title % {"number": row.precinct.number, "version": row.version})
    y -= 10 * mm
    data = row.data
    for name, label, _required in LINES:
        value = data.get(name)
        c.drawString(20 * mm, y, str(label))
        c.drawRightString(width - 20 * mm, y, "—" if value is None else str(value))
        y -= 6 * mm
    y -= 3 * mm
    c.setFont("DejaVu-Bold", 11)
    c.drawString(20 * mm, y, _("Votes for the party lists"))
    c.setFont("DejaVu", 11)
    y -= 6 * mm
    for line in data["votes"]:
        c.drawString(20 * mm, y, line.get("name") or line["code"])
        c.drawRightString(width - 20 * mm, y, str(line["votes"]))
        y -= 6 * mm
    if row.reason:
        y -= 2 * mm
        c.drawString(20 * mm, y, _("Reason for the correction") + ": " + row.reason[:90])
        y -= 6 * mm
    c.setFont("DejaVu", 8)
    c.drawString(20 * mm, 62 * mm, "SHA-256: " + row.sha256)
    _qr(c, qr_text, x=20 * mm, y=15 * mm, size=45 * mm)
    c.setFont("DejaVu", 10)
    c.drawString(70 * mm, 50 * mm, _("Chair") + " ____________________")
    c.drawString(70 * mm, 38 * mm, _("Secretary") + " ____________________")
    c.showPage()
    c.save()
    return buf.getvalue()


def distribution_pdf(distribution: Distribution, *, lang: str = "ru") -> bytes:
    """The protocol of mandate distribution: seats per list, the trace, the elected."""
    _fonts()
    buf = io.BytesIO()
    width, height = A4
    c = Canvas(buf, pagesize=A4)
    election = distribution.election
    c.setTitle(f"mandates {election.pk}")
    y = height - 20 * mm

    def line(text: str, *, bold: bool = False, size: int = 10) -> None:
        nonlocal y
        if y < 20 * mm:
            c.showPage()
            y = height - 20 * mm
        c.setFont("DejaVu-Bold" if bold else "DejaVu", size)
        c.drawString(20 * mm, y, text[:110])
        y -= size * 0.5 * mm

    line(election.name_kk if lang == "kk" else election.name_ru, bold=True, size=13)
    line(_("Protocol of the distribution of deputy mandates"), size=12)
    line(_("Rule set") + f": {distribution.rule_set}")
    line(_("Protocols tabulated") + f": {distribution.protocols}")
    line("SHA-256: " + distribution.inputs_sha256, size=8)
    y -= 3 * mm
    for text in distribution.trace.get(lang, distribution.trace.get("ru", "")).splitlines():
        line(text)
    y -= 3 * mm
    line(_("Elected deputies"), bold=True, size=11)
    for mandate in distribution.mandates.select_related("candidate", "party_list__party"):
        basis = "" if mandate.basis == "list_order" else f" ({mandate.basis})"
        line(f"{mandate.party_list.party.name_ru}: {mandate.candidate.full_name}{basis}")
    results = list(
        distribution.district_results.select_related("district", "winner", "winner__party")
    )
    if results:
        y -= 3 * mm
        line(_("Single-member districts"), bold=True, size=11)
        for r in results:
            if r.winner is not None:
                party = r.winner.party.name_ru if r.winner.party else _("self-nominated")
                outcome = f"{r.winner.full_name} ({party})"
            else:
                outcome = _("no winner") + f" ({r.undecided})"
            line(f"№{r.district.number} {r.district.name_ru}: {outcome}")
    if distribution.signed_off_at:
        line(_("Signed off") + f": {distribution.signed_off_at:%Y-%m-%d %H:%M}")
    c.showPage()
    c.save()
    return buf.getvalue()
