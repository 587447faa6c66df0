"""The printable report of a region's voter-data analysis (reportlab, DejaVu fonts so that
every Kazakh letter prints), in the user's interface language."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from saylau.web.core import clock
from saylau.web.core.documents import grid, lines_of, para
from saylau.web.core.formats import figure, local_date, local_datetime
from saylau.web.core.pdf import register_fonts

from .analysis import Analysis
from .charts import Bar
from .records import check_name

BLUE = colors.HexColor("#1f5f8b")
RED = colors.HexColor("#b3261e")
BROWN = colors.HexColor("#a0522d")
#: The width of the text between the margins of 18 mm.
WIDTH = A4[0] - 36 * mm


H1 = ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=16, leading=20, spaceAfter=6)
H2 = ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=12, leading=15, spaceBefore=8)
BODY = ParagraphStyle("body", fontName="DejaVu", fontSize=9, leading=12)


def _n(value: int) -> str:
    return figure(value)


def _table(
    header: Sequence[str], rows: Sequence[Sequence[object]], *, figures_only: bool = False
) -> Flowable:
    """A ruled table: the first column (names) wrapping as long as it needs, the figures
    right-aligned in columns of their own; with ``figures_only``, every column a figure."""
    if figures_only:
        widths = [30 * mm] * len(header)
    else:
        rest = [28 * mm] * (len(header) - 1)
        widths = [min(WIDTH - sum(rest), 90 * mm), *rest]
    cells = [[str(c) for c in r] for r in rows]
    first = 0 if figures_only else 1
    table = grid(header, cells, widths, right=range(first, len(header)))
    table.hAlign = "LEFT"
    return table


def _hbars(bars: Sequence[Bar], *, limit: int | None = None, width: float = WIDTH) -> Drawing:
    """Horizontal bars, a row for each; a long label wraps over as many lines as it needs
    (nothing is cut off) and its row grows with it."""
    size, leading, bar_h = 7, 8.5, 9
    label_w, value_w = 55 * mm, 18 * mm
    bar_w = width - label_w - value_w
    top = max([b.value for b in bars] + [limit or 0, 1])
    labels = [lines_of(b.label, label_w - 6, size=size) for b in bars]
    heights = [max(12.0, leading * len(lines) + 4) for lines in labels]
    d = Drawing(width, sum(heights) + 14)
    y = d.height
    for b, lines, h in zip(bars, labels, heights, strict=True):
        y -= h
        middle = y + h / 2
        baseline = middle + leading * len(lines) / 2 - size
        for k, line in enumerate(lines):
            d.add(
                String(
                    label_w - 3,
                    baseline - k * leading,
                    line,
                    fontName="DejaVu",
                    fontSize=size,
                    textAnchor="end",
                )
            )
        w = bar_w * b.value / top
        fill = RED if b.highlight else BLUE
        d.add(Rect(label_w, middle - bar_h / 2, w, bar_h, fillColor=fill, strokeColor=None))
        d.add(String(label_w + w + 3, middle - 2.5, _n(b.value), fontName="DejaVu", fontSize=size))
    if limit:
        x = label_w + bar_w * limit / top
        d.add(Line(x, 10, x, d.height, strokeColor=RED, strokeDashArray=[3, 2]))
        d.add(
            String(
                x, 1, _n(limit), fontName="DejaVu", fontSize=7, textAnchor="middle", fillColor=RED
            )
        )
    return d


def _pyramid(rows: Sequence[tuple[str, int, int]], *, left: str, right: str) -> Drawing:
    row, half, mid = 12, 75 * mm, 16 * mm
    top = max([max(m, f) for _b, m, f in rows] + [1])
    d = Drawing(2 * half + mid, row * len(rows) + 14)
    cx = half
    d.add(String(cx - 3, d.height - 9, left, fontName="DejaVu-Bold", fontSize=8, textAnchor="end"))
    d.add(String(cx + mid + 3, d.height - 9, right, fontName="DejaVu-Bold", fontSize=8))
    for i, (band, men, women) in enumerate(reversed(rows)):
        y = d.height - 14 - (i + 1) * row
        wm, wf = (half - 5) * men / top, (half - 5) * women / top
        d.add(Rect(cx - wm, y + 1, wm, row - 3, fillColor=BLUE, strokeColor=None))
        d.add(String(cx + mid / 2, y + 2, band, fontName="DejaVu", fontSize=7, textAnchor="middle"))
        d.add(Rect(cx + mid, y + 1, wf, row - 3, fillColor=BROWN, strokeColor=None))
    return d


def analysis_pdf(a: Analysis) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Voter data analysis") + f": {a.region.name}",
    )
    story: list[Flowable] = [
        para(_("Voter data analysis") + f": {a.region.name}", H1),
        Paragraph(
            _("Election day %(day)s; printed %(now)s.")
            % {"day": local_date(a.day), "now": local_datetime(clock.now())},
            BODY,
        ),
        Paragraph(
            _(
                "Voters: %(voters)s, of them first-time voters: %(first)s (turned 18 after %(since)s)."
            )
            % {
                "voters": _n(a.voters),
                "first": _n(a.first_time),
                "since": local_date(a.since),
            },
            BODY,
        ),
        Paragraph(_("Voters by district"), H2),
        _hbars([Bar(str(r["district"].name), r["voters"]) for r in a.districts]),
        _table(
            [_("District"), _("Precincts"), _("Voters"), _("First-time voters")],
            [
                [r["district"].name, r["precincts"], _n(r["voters"]), _n(r["first"])]
                for r in a.districts
            ],
        ),
        Paragraph(
            _("Precinct sizes against the maximum of %(max)s voters") % {"max": _n(a.max_voters)},
            H2,
        ),
        _hbars(
            [
                Bar(f"{_n(b['low'])}–{_n(b['high'])}", b["precincts"], b["over"])
                for b in a.size_bins
            ],
        ),
    ]
    if a.over_max:
        story.append(
            _table(
                [_("Precinct"), _("District"), _("Voters")],
                [
                    [f"№{p['precinct'].number}", p["precinct"].district.name, _n(p["voters"])]
                    for p in a.over_max
                ],
            )
        )
    else:
        story.append(Paragraph(_("No precinct is above the maximum."), BODY))
    story += [
        Paragraph(_("Age pyramid (age on election day)"), H2),
        _pyramid([(r["band"], r["M"], r["F"]) for r in a.pyramid], left=_("Men"), right=_("Women")),
        _table(
            [_("Age"), _("Men"), _("Women")],
            [[r["band"], _n(r["M"]), _n(r["F"])] for r in a.pyramid],
        ),
        Paragraph(_("Changes since the previous extract"), H2),
    ]
    if a.changes:
        latest = a.changes["latest"]
        story.append(
            _table(
                [_("Added"), _("Changed"), _("Removed"), _("Unchanged")],
                [
                    [
                        _n(latest.persons_added),
                        _n(latest.persons_changed),
                        _n(latest.persons_removed),
                        _n(latest.unchanged),
                    ]
                ],
                figures_only=True,
            )
        )
        if a.changes["fields"]:
            story.append(
                _table(
                    [_("Field"), _("Changes")],
                    [[f["label"], _n(f["n"])] for f in a.changes["fields"]],
                )
            )
    else:
        story.append(Paragraph(_("No extract has been imported for this region."), BODY))
    story.append(Paragraph(_("Findings of the latest audit by kind and district"), H2))
    if a.run is not None:
        story += [
            _hbars(
                [
                    Bar(check_name(r["check_code"]), r["n"], r["severity"] == "error")
                    for r in a.findings_by_check
                ]
            ),
            _table(
                [pgettext("list-audit check", "Check"), _("Findings"), _("Unresolved")],
                [
                    [check_name(r["check_code"]), _n(r["n"]), _n(r["open"])]
                    for r in a.findings_by_check
                ],
            ),
            Spacer(1, 4 * mm),
            _table(
                [_("District"), _("Findings")],
                [
                    [r["district"].name if r["district"] else "—", _n(r["n"])]
                    for r in a.findings_by_district
                ],
            ),
        ]
    else:
        story.append(Paragraph(_("No audit has been run for this region."), BODY))
    doc.build(story)
    return buf.getvalue()
