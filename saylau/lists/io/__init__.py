"""Strict readers for the voter-list audit files (docs: docs/formats/voter-list-audit.md).

Every file is UTF-8 CSV with a header row, comma separated, RFC 4180 quoting; columns in any
order, unknown columns ignored, a missing required column is an input error; dates are
``YYYY-MM-DD`` and empty means unknown. Identifiers (IINs, address ids, district codes) stay
text, with their leading zeros.

Bad input raises :class:`ListsInputError` (an :class:`saylau.errors.InputError`) that names the
file, the line (1 = the header) and the column, with a stable ``code`` and ``params``
(:data:`CODES`) for a page to say it in the reader's language: bytes that are not UTF-8, broken quoting, a
row with the wrong number of fields, a bad date, integer or code. The reader checks a whole
file before it returns anything, so nothing downstream sees half a file.
"""

from __future__ import annotations

from .batches import Batch, RowProblem, read_batches
from .tables import (
    ADDRESSES,
    CODES,
    DISTRICTS,
    LISTS,
    PERSONS,
    PRECINCTS,
    ListsInputError,
    Problem,
    TableSpec,
)
from .tables import (
    Kind as Kind,
)
from .tables import (
    _rules as _rules,  # the Spark engine types its columns by the same rules
)
from .whole import read_table

__all__ = [
    "ADDRESSES",
    "CODES",
    "DISTRICTS",
    "LISTS",
    "PERSONS",
    "PRECINCTS",
    "Batch",
    "ListsInputError",
    "Problem",
    "RowProblem",
    "TableSpec",
    "read_batches",
    "read_table",
]
