"""Cells that a spreadsheet cannot run: the one rule every CSV and XLSX writer of saylau uses.

A name, an address or a phone that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read by Excel and LibreOffice as a formula (CSV injection, OWASP): a voter named
``=HYPERLINK(...)`` would turn the exported voter list into a link to anywhere. OWASP's rule:
such a text cell is written with a leading apostrophe, which the spreadsheet shows as text.
Numbers, dates and empty cells are left as they are (a negative number is a number).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, or a text that starts with a formula character, behind an apostrophe.

    >>> safe_cell("=1+2"), safe_cell("Ким"), safe_cell(-5), safe_cell("")
    ("'=1+2", 'Ким', -5, '')
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


class SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, fh: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(fh: Any, **kwargs: Any) -> SafeWriter:
    return SafeWriter(fh, **kwargs)
