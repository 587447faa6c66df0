"""Reading a printed document back as a person reads it: the text of a PDF, every page.

Lines that wrap inside a table cell come back as several lines, so the text is compared with
its whitespace folded (a long name wrapped over two lines is still the whole name).
"""

from __future__ import annotations

import io

from pypdf import PdfReader

#: What no official document shows: the developers' notes on points of law to confirm.
DEVELOPER_NOTES = ("UNCONFIRMED", "НЕ ПОДТВЕРЖДЕНО", "РАСТАЛМАҒАН", "rule_set", "art97")


def text_of(pdf: bytes) -> str:
    """The text of every page of ``pdf``, whitespace (and no-break spaces) folded to one space."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def assert_no_developer_notes(text: str) -> None:
    for note in DEVELOPER_NOTES:
        assert note.lower() not in text.lower(), note
