"""A hemicycle (parliament) chart of seats as inline SVG, drawn on the server."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#d4a017", "#6a3d9a", "#e67e22", "#17a2b8", "#7f8c8d")


def _rows_for(seats: int) -> int:
    rows = 1
    while _capacity(rows) < seats:
        rows += 1
    return rows


def _capacity(rows: int) -> int:
    return sum(max(1, int(math.pi * (rows + r) / 2)) for r in range(rows))


def hemicycle_svg(parties: Sequence[tuple[str, int]], *, title: str, width: int = 360) -> str:
    """Seats of ``(party name, seats)`` laid out left to right on concentric arcs."""
    total = sum(n for _name, n in parties)
    height = width // 2 + 20
    cx, cy = width / 2, width / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="hemi-title" class="hemicycle"><title id="hemi-title">{escape(title)}</title>'
    ]
    if total:
        rows = _rows_for(total)
        r_min, r_max = width * 0.18, width * 0.48
        radii = [r_min + (r_max - r_min) * (r + 0.5) / rows for r in range(rows)]
        weights = [r for r in radii]
        per_row = [max(1, round(total * w / sum(weights))) for w in weights]
        per_row[-1] += total - sum(per_row)
        points: list[tuple[float, float, float]] = []
        for radius, count in zip(radii, per_row, strict=True):
            for i in range(count):
                angle = math.pi * (1 - (i + 0.5) / count)
                points.append((angle, cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
        points.sort(key=lambda p: -p[0])
        dot = min(width * 0.48 / rows / 2.4, width / 40)
        colours: list[str] = []
        for index, (_name, n) in enumerate(parties):
            colours += [PALETTE[index % len(PALETTE)]] * n
        for (_angle, x, y), colour in zip(points, colours, strict=False):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{dot:.1f}" fill="{colour}"/>')
        parts.append(
            f'<text x="{cx:.0f}" y="{cy - 4:.0f}" text-anchor="middle" font-size="20">{total}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(parties: Sequence[tuple[str, int]]) -> list[tuple[str, int, str]]:
    return [(name, n, PALETTE[i % len(PALETTE)]) for i, (name, n) in enumerate(parties)]
