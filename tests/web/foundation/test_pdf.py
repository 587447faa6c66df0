"""What every printed document shares: shipped fonts, numbered pages, given row heights."""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from saylau.web.core.pdf import FONT, FONT_DIR, numbered_canvas, register_fonts, row_heights


def test_the_fonts_ship_with_saylau_and_carry_every_kazakh_letter() -> None:
    from reportlab.pdfbase import pdfmetrics

    assert (FONT_DIR / "DejaVuSans.ttf").is_file()
    assert (FONT_DIR / "LICENSE.DejaVu").is_file()
    register_fonts()
    face = pdfmetrics.getFont(FONT).face
    assert all(ord(letter) in face.charToGlyph for letter in "ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def test_a_numbered_document_knows_its_page_count_on_every_page() -> None:
    register_fonts()
    buf = io.BytesIO()
    style = ParagraphStyle("p", fontName=FONT)
    story = [Paragraph("Сайлаушылар тізімі", style), PageBreak(), Paragraph("2", style)]
    story += [PageBreak(), Paragraph("3", style)]
    SimpleDocTemplate(buf).build(story, canvasmaker=numbered_canvas("тізім"))
    pdf = buf.getvalue()
    assert b"/Count 3" in pdf
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 3


def test_row_heights_leave_room_for_a_signature_and_grow_with_wrapped_text() -> None:
    register_fonts()
    style = ParagraphStyle("p", fontName=FONT, fontSize=8, leading=10)
    long = Paragraph("микрорайон Жайлау, жилой комплекс «Алтын Орда», корпус 3 " * 3, style)
    heights = row_heights([["1", "short"], ["2", long]], [40, 100], minimum=20)
    assert heights[0] == 20  # one line (9.6 + 6 padding) is less than the minimum
    assert heights[1] > 40  # the address wraps onto several lines


def test_a_long_footer_shrinks_to_fit_beside_the_page_number_and_never_runs_off() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from saylau.web.core.pdf import _fit

    register_fonts()
    room = A4[0] - 60 * mm
    title = "Бюджет обучения: Выборы депутатов Мажилиса Парламента Республики Казахстан"
    size, text = _fit(title, room)
    assert text == title and size <= 7  # shrunk, whole
    size, text = _fit(title * 4, room)
    assert size == 5 and text.endswith("…") and stringWidth(text, FONT, size) <= room
