"""A streaming XLSX writer for the long member lists.

openpyxl (used for the small exports) spends ~1.5-2 s on this machine writing the ~28,000
rows x 8 columns of the national "members without training" list, even in write-only mode
with lxml, and the issue asks for exports in <= 1 s at 71,000 members (benchmarks in
docs/benchmarks.md). A worksheet is plain SpreadsheetML; writing the rows as inline strings
and numbers straight into the zip member is several times faster. The output is read back by
openpyxl in the tests.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from saylau.web.core.csvsafe import safe_cell

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]")


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    """Escaped text; most cells need no escaping, and names, districts and roles repeat."""
    if _SPECIAL.search(value):
        value = escape(_ILLEGAL.sub("", value), {"\r": "&#13;"})
    return value


def _cell(value: Any, style: str = "") -> str:
    kind = type(value)
    if kind is str:
        value = safe_cell(value)
        return f'<c t="inlineStr"{style}><is><t xml:space="preserve">{_text(value)}</t></is></c>'
    if value is None:
        return "<c/>"
    if kind is bool:
        return f'<c t="b"{style}><v>{int(value)}</v></c>'
    if kind is int or kind is float:
        return f"<c{style}><v>{value}</v></c>"
    return _cell(str(value), style)


def _sheet_xml(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterable[str]:
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}"><sheetData>'
    yield "<row>" + "".join(_cell(h, ' s="1"') for h in header) + "</row>"
    chunk: list[str] = []
    # The cell of each distinct text (districts, roles, names repeat); an empty text is an
    # empty cell, as in a spreadsheet.
    texts: dict[str, str] = {"": "<c/>"}
    for row in rows:
        parts = ["<row>"]
        for value in row:
            kind = type(value)
            if kind is str:
                cell = texts.get(value)
                if cell is None:
                    cell = texts[value] = _cell(value)
            elif value is None:
                cell = "<c/>"
            elif kind is int or kind is float:
                cell = f"<c><v>{value}</v></c>"
            else:
                cell = _cell(value)
            parts.append(cell)
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= 2000:
            yield "".join(chunk)
            chunk.clear()
    yield "".join(chunk)
    yield "</sheetData></worksheet>"


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``; rows are consumed as a stream."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        n = len(sheets)
        zf.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=i + 1) for i in range(n))),
        )
        zf.writestr("_rels/.rels", _ROOT_RELS)
        names = "".join(
            f'<sheet name="{escape(title[:31])}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, (title, _h, _r) in enumerate(sheets)
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>{names}</sheets></workbook>',
        )
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(n)
        )
        rels += f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        zf.writestr("xl/styles.xml", _STYLES)
        for i, (_title, header, rows) in enumerate(sheets):
            with zf.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as out:
                for part in _sheet_xml(header, rows):
                    out.write(part.encode("utf-8"))
    return buf.getvalue()
