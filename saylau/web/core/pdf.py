"""What every printed document of saylau shares: the fonts, page numbers, table rows.

The DejaVu fonts (Bitstream Vera licence, ``fonts/LICENSE.DejaVu``) are shipped with saylau, so
that every Kazakh letter (ә ғ қ ң ө ұ ү һ і) prints the same on any server, whatever fonts
the operating system has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import segno
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

FONT_DIR = Path(__file__).resolve().parent / "fonts"
#: The regular and the bold face, as reportlab knows them once :func:`register_fonts` ran.
FONT = "DejaVu"
FONT_BOLD = "DejaVu-Bold"


def register_fonts() -> None:
    """Make the DejaVu faces known to reportlab (once per process)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def draw_qr(canvas: Canvas, data: str, *, x: float, y: float, size: float) -> None:
    """Draw a QR code of ``data`` as vector squares (no image library needed), ``size`` wide,
    its lower left corner at (x, y)."""
    rows = list(segno.make(data, error="m").matrix_iter(scale=1, border=2))
    cell = size / len(rows)
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + c * cell, y + size - (r + 1) * cell, cell, cell, stroke=0, fill=1)


def _fit(text: str, room: float) -> tuple[float, str]:
    """The size (7 points down to 5) at which ``text`` fits ``room`` points, and the text:
    whole where it fits at 5 points, else shortened with an ellipsis (never run into the page
    number or off the page)."""
    size = 7.0
    while size > 5 and stringWidth(text, FONT, size) > room:
        size -= 0.5
    while stringWidth(text, FONT, size) > room and len(text) > 1:
        text = text[:-2] + "…"
    return size, text


def numbered_canvas(footer: str) -> type[Canvas]:
    """A canvas class (for ``doc.build(..., canvasmaker=...)``) that writes ``footer`` and
    "page N of M" at the foot of every page; M is known only when the document is complete,
    so the pages are kept until then."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width, _height = self._pagesize
                text = _("page %(n)d of %(total)d") % {"n": number, "total": total}
                room = width - 24 * mm - stringWidth(text, FONT, 7) - 6 * mm
                size, line = _fit(footer, room)
                self.setFont(FONT, size)
                self.drawString(12 * mm, 6 * mm, line)
                self.setFont(FONT, 7)
                self.drawRightString(width - 12 * mm, 6 * mm, text)
                super().showPage()
            super().save()

    return NumberedCanvas


def row_heights(
    data: list[list[Any]], widths: list[float], *, size: float = 8, minimum: float = 0
) -> list[float]:
    """The height of each row of a reportlab table: one line of ``size``-point text, or the
    tallest wrapped paragraph, plus the table's default padding (3 points above and below, 6
    each side), and at least ``minimum`` (room for a signature).

    A table left to measure itself measures every remaining row again each time it splits at
    a page end, which on a list of thousands of lines is most of the time of the document.
    """
    heights = []
    for row in data:
        height = size * 1.2
        for cell, width in zip(row, widths, strict=False):
            if isinstance(cell, Paragraph):
                height = max(height, cell.wrap(width - 12, 10_000)[1])
        heights.append(max(height + 6, minimum))
    return heights
