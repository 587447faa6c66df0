"""Server-rendered SVG charts (no script, no CDN). Each chart is an image with a title and a
description for screen readers; the page shows the same figures in a table beside it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 22
#: A label's line: at most this many letters (12-pixel type in the label's 204 pixels), this
#: many pixels apart.
LABEL_CHARS = 28
LINE = 14
LABEL_W = 210
BAR_W = 380
VALUE_W = 80


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    highlight: bool = False


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def hbars(
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    *,
    description: str = "",
    limit: int | None = None,
) -> SafeString:
    """Horizontal bars, one row per item; ``limit`` draws a dashed line at that value. A long
    label wraps over as many lines as it needs (the row grows), never cut off."""
    top = max([b.value for b in bars] + [limit or 0, 1])
    labels = [textwrap.wrap(b.label, LABEL_CHARS) or [""] for b in bars]
    rows = [max(ROW, LINE * len(lines) + 8) for lines in labels]
    height = sum(rows) + 30
    width = LABEL_W + BAR_W + VALUE_W
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    y = 10
    for b, lines, row in zip(bars, labels, rows, strict=True):
        middle = y + row / 2
        w = round(BAR_W * b.value / top, 1)
        fill = "#b3261e" if b.highlight else "#1f5f8b"
        first = middle + 4 - LINE * (len(lines) - 1) / 2
        spans = "".join(
            f'<tspan x="{LABEL_W - 6}" y="{first + k * LINE}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(
            f'<text text-anchor="end" font-size="12">{spans}</text>'
            f'<rect x="{LABEL_W}" y="{middle - (ROW - 6) / 2}" width="{w}" height="{ROW - 6}" '
            f'fill="{fill}"/>'
            f'<text x="{LABEL_W + w + 4}" y="{middle + 4}" font-size="12">{_fmt(b.value)}</text>'
        )
        y += row
    if limit:
        x = LABEL_W + round(BAR_W * limit / top, 1)
        parts.append(
            f'<line x1="{x}" y1="4" x2="{x}" y2="{height - 18}" stroke="#b3261e" '
            f'stroke-dasharray="4 3"/><text x="{x}" y="{height - 4}" font-size="11" '
            f'text-anchor="middle" fill="#b3261e">{_fmt(limit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def pyramid(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, int, int]],
    *,
    left: str,
    right: str,
    description: str = "",
) -> SafeString:
    """An age pyramid: ``rows`` are (band, men, women) from the youngest; drawn oldest on top."""
    half = 250
    mid = 60
    top = max([max(m, f) for _b, m, f in rows] + [1])
    height = ROW * len(rows) + 40
    width = 2 * half + mid + 20
    cx = half + 10
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<text x="{cx - 10}" y="14" text-anchor="end" font-size="12">{escape(left)}</text>',
        f'<text x="{cx + mid + 10}" y="14" font-size="12">{escape(right)}</text>',
    ]
    for i, (band, men, women) in enumerate(reversed(rows)):
        y = 24 + i * ROW
        wm = round((half - 10) * men / top, 1)
        wf = round((half - 10) * women / top, 1)
        parts.append(
            f'<rect x="{cx - wm}" y="{y + 3}" width="{wm}" height="{ROW - 6}" fill="#1f5f8b"/>'
            f'<text x="{cx + mid / 2}" y="{y + 15}" text-anchor="middle" font-size="12">'
            f"{escape(band)}</text>"
            f'<rect x="{cx + mid}" y="{y + 3}" width="{wf}" height="{ROW - 6}" fill="#a0522d"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
