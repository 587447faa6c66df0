"""Printed documents: the precinct protocol with its QR code, and the protocol of mandate
distribution with the trace. Laid out by reportlab's platypus, so that long lines wrap and
long documents continue on numbered pages; parties and candidates by name, not by code."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from saylau.law.protocol import Race
from saylau.law.tally import official_trace
from saylau.web.core import clock
from saylau.web.core.pdf import FONT, FONT_BOLD, draw_qr, numbered_canvas, register_fonts
from saylau.web.elections.models import Election, Party, SingleMemberCandidate

from .forms import LINES
from .models import Distribution, Protocol

TITLE = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=13, leading=17)
SUBTITLE = ParagraphStyle("subtitle", fontName=FONT, fontSize=11, leading=14, spaceAfter=4)
HEADING = ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
SMALL = ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10)
TRACE = ParagraphStyle("trace", fontName=FONT, fontSize=9, leading=12, leftIndent=14,
                       firstLineIndent=-14, spaceAfter=2)  # fmt: skip
WIDTH = A4[0] - 40 * mm


class QRCode(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A QR code of ``data``, ``size`` wide, as vector squares."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data, self.size = data, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.data, x=0, y=0, size=self.size)


def _p(text: object, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _party_name(party: Party, lang: str) -> str:
    if lang == "kk":
        return party.name_kk or party.name_ru
    if lang == "en":
        return party.name_en or party.name_ru
    return party.name_ru


def _party_names(election: Election, lang: str) -> dict[str, str]:
    """Party code -> name, for the lists of ``election``."""
    lists = election.party_lists.select_related("party")
    return {pl.party.code: _party_name(pl.party, lang) for pl in lists}


def _candidate_names(election: Election, lang: str) -> dict[str, str]:
    """Single-member candidate id (the code of a protocol line) -> "name (party)"."""
    names = {}
    for c in SingleMemberCandidate.objects.filter(election=election).select_related("party"):
        party = _party_name(c.party, lang) if c.party else _("self-nominated")
        names[str(c.pk)] = f"{c.full_name} ({party})"
    return names


def _figures(rows: list[list[Any]], widths: list[float], *, heading: bool = False) -> Table:
    """A borderless table of label/figure rows, figures right-aligned."""
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if heading:
        style += [("FONTNAME", (0, 0), (-1, 0), FONT_BOLD), ("ALIGN", (0, 0), (0, 0), "LEFT")]
    table.setStyle(TableStyle(style))
    return table


def _build(story: list[Any], *, title: str, footer: str) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=16 * mm,
        title=title,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return buf.getvalue()


def protocol_pdf(row: Protocol, qr_text: str, *, lang: str = "ru") -> bytes:
    """The protocol as printed and posted at the precinct: every line, the votes by party (or
    by candidate in a single-member district), the hash, the QR code, the signatures."""
    register_fonts()
    election = row.election
    data = row.data
    single = row.race == Race.SINGLE_MEMBER
    title = _("Protocol of the precinct election commission No. %(number)s, version %(version)s")
    title %= {"number": row.precinct.number, "version": row.version}
    story: list[Any] = [_p(election.name_in(lang), TITLE), _p(title, SUBTITLE)]
    if single:
        district = _("Single-member district No. %(n)s") % {"n": data.get("district", "")}
        story.append(_p(district, SUBTITLE))
    lines = [
        [_p(label), "—" if data.get(name) is None else str(data.get(name))]
        for name, label, _required in LINES
    ]
    story += [Spacer(1, 3 * mm), _figures(lines, [WIDTH - 30 * mm, 30 * mm])]
    names = _candidate_names(election, lang) if single else _party_names(election, lang)
    heading = _("Votes for the candidates") if single else _("Votes for the party lists")
    votes = [
        [_p(names.get(str(line["code"])) or line.get("name") or line["code"]), str(line["votes"])]
        for line in data.get("votes", [])
    ]
    story += [_p(heading, HEADING), _figures(votes, [WIDTH - 30 * mm, 30 * mm])]
    if row.reason:
        story.append(_p(_("Reason for the correction") + ": " + row.reason, BODY))
    signatures = Table(
        [
            [_p(_("Chair") + " ____________________")],
            [_p(_("Secretary") + " ____________________")],
        ],
        rowHeights=[14 * mm, 14 * mm],
    )
    story.append(
        KeepTogether(
            [
                Spacer(1, 8 * mm),
                _p("SHA-256: " + row.sha256, SMALL),
                Spacer(1, 2 * mm),
                Table(
                    [[QRCode(qr_text, 45 * mm), signatures]],
                    colWidths=[50 * mm, WIDTH - 50 * mm],
                    style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                    hAlign="LEFT",
                ),
            ]
        )
    )
    return _build(
        story,
        title=f"protocol {row.precinct.number} v{row.version}",
        footer=f"{title} · SHA-256 {row.sha256[:16]}",
    )


def distribution_pdf(distribution: Distribution, *, lang: str = "ru") -> bytes:
    """The protocol of mandate distribution: votes and seats per list, every step of the
    allocation as the law layer traced it, the elected deputies, the single-member districts."""
    register_fonts()
    election = distribution.election
    names = _party_names(election, lang)
    title = _("Protocol of the distribution of deputy mandates")
    story: list[Any] = [
        _p(election.name_in(lang), TITLE),
        _p(title, SUBTITLE),
        _p(_("Rule set") + f": {distribution.rule_set}"),
        _p(_("Protocols tabulated") + f": {distribution.protocols}"),
        _p("SHA-256: " + distribution.inputs_sha256, SMALL),
    ]
    votes = (distribution.tally.get("totals") or {}).get("votes") or {}
    seats = (distribution.allocation or {}).get("seats") or {}
    if votes or seats:
        rows: list[list[Any]] = [[_("Party"), _("Votes"), _("Seats")]]
        for code in sorted(set(votes) | set(seats), key=lambda c: (-votes.get(c, 0), c)):
            rows.append(
                [_p(f"{names.get(code, code)} ({code})"), votes.get(code, 0), seats.get(code, 0)]
            )
        story += [
            Spacer(1, 3 * mm),
            _figures(rows, [WIDTH - 50 * mm, 25 * mm, 25 * mm], heading=True),
        ]
    trace = official_trace(distribution.trace.get(lang) or distribution.trace.get("ru", ""))
    if trace:
        story.append(_p(_("How the mandates were distributed"), HEADING))
        story += [_p(text, TRACE) for text in trace.splitlines() if text.strip()]
    mandates = list(distribution.mandates.select_related("candidate", "party_list__party"))
    if mandates:
        story.append(_p(_("Elected deputies"), HEADING))
        elected = []
        for mandate in mandates:
            basis = "" if mandate.basis == "list_order" else f" ({mandate.basis})"
            party = _party_name(mandate.party_list.party, lang)
            elected.append([_p(party), _p(mandate.candidate.full_name + basis)])
        story.append(_figures(elected, [WIDTH / 2, WIDTH / 2]))
    results = list(
        distribution.district_results.select_related("district", "winner", "winner__party")
    )
    if results:
        story.append(_p(_("Single-member districts"), HEADING))
        rows = []
        for r in results:
            if r.winner is not None:
                party = _party_name(r.winner.party, lang) if r.winner.party else _("self-nominated")
                outcome = f"{r.winner.full_name} ({party})"
            else:
                outcome = _("no winner") + f" ({r.undecided})"
            district = r.district.name_kk if lang == "kk" else r.district.name_ru
            rows.append([_p(f"№{r.district.number} {district}"), _p(outcome)])
        story.append(_figures(rows, [WIDTH / 2, WIDTH / 2]))
    from .models import MandateDecision

    decisions = list(
        MandateDecision.objects.filter(election=election).select_related(
            "party_list__party", "candidate"
        )
    )
    if decisions:
        story.append(_p(_("Declines and party decisions"), HEADING))
        rows = []
        for d in decisions:
            who = f": {d.candidate.full_name}" if d.candidate else ""
            body = f" ({d.body})" if d.body else ""
            party = _party_name(d.party_list.party, lang)
            rows.append(
                [_p(f"{d.decided_on:%d.%m.%Y} {party}"), _p(f"{d.get_kind_display()}{who}{body}")]
            )
        story.append(_figures(rows, [WIDTH / 2, WIDTH / 2]))
    if distribution.signed_off_at:
        story += [
            Spacer(1, 4 * mm),
            # Local time, as the page shows it (not the stored UTC).
            _p(_("Signed off") + f": {clock.localtime(distribution.signed_off_at):%d.%m.%Y %H:%M}"),
        ]
    return _build(
        story,
        title=f"mandates {election.pk}",
        footer=f"{title} · SHA-256 {distribution.inputs_sha256[:16]}",
    )
