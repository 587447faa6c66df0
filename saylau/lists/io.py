"""Strict readers for the voter-list audit files (docs: ../shared/formats/voter-list-audit.md).

Every file is UTF-8 CSV with a header row, comma separated, RFC 4180 quoting; columns in any
order, unknown columns ignored, a missing required column is an input error; dates are
``YYYY-MM-DD`` and empty means unknown. Identifiers (IINs, address ids, district codes) stay
text, with their leading zeros.

Bad input raises :class:`ListsInputError` (an :class:`saylau.errors.InputError`) that names the
file, the line (1 = the header) and the column: bytes that are not UTF-8, broken quoting, a
row with the wrong number of fields, a bad date, integer or code. The reader checks a whole
file before it returns anything, so nothing downstream sees half a file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl

from saylau.errors import InputError

__all__ = [
    "ADDRESSES",
    "DISTRICTS",
    "LISTS",
    "PERSONS",
    "PRECINCTS",
    "ListsInputError",
    "TableSpec",
    "read_table",
]

Kind = Literal["text", "required", "int", "date", "flag"] | frozenset[str]


class ListsInputError(InputError):
    """An audit input file that cannot be used."""

    code = "lists_input"


@dataclass(frozen=True)
class TableSpec:
    """The columns a file must have and what each holds.

    ``text`` may be empty (null); ``required`` text may not; ``int`` is a non-empty integer;
    ``date`` is empty or ``YYYY-MM-DD``; ``flag`` is ``0``/``1`` (empty: ``0``); a set of
    strings is a non-empty code from that set.
    """

    path: str  # relative to the audit directory
    columns: Mapping[str, Kind]


DISTRICTS = TableSpec(
    "districts.csv",
    {
        "district_code": "required",
        "name_kk": "text",
        "name_ru": "text",
        "kind": frozenset({"district", "city"}),
    },
)
PRECINCTS = TableSpec(
    "precincts.csv",
    {
        "precinct_no": "int",
        "district_code": "required",
        "polling_address": "text",
        "kind": frozenset({"ordinary", "special", "abroad"}),
    },
)
ADDRESSES = TableSpec(
    "registry/addresses.csv",
    {
        "address_id": "required",
        "district_code": "text",
        "locality": "text",
        "street": "text",
        "house": "text",
        "flat": "text",
        "precinct_no": "text",  # empty: no boundary covers it; checked as an integer below
    },
)
PERSONS = TableSpec(
    "registry/persons.csv",
    {
        "iin": "required",
        "last_name": "text",
        "first_name": "text",
        "patronymic": "text",
        "birth_date": "date",
        "sex": frozenset({"M", "F"}),
        "citizenship": "text",
        "address_id": "text",
        "death_date": "date",
        "incapable": "flag",
        "imprisoned": "flag",
    },
)
LISTS = TableSpec(
    "lists/voter_lists.csv",
    {
        "precinct_no": "int",
        "line_no": "int",
        "iin": "text",
        "last_name": "text",
        "first_name": "text",
        "patronymic": "text",
        "birth_date": "date",
        "address_id": "text",
    },
)
#: Optional integers (empty allowed) checked after reading, per spec path.
_OPTIONAL_INTS = {"registry/addresses.csv": ("precinct_no",)}
_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_CHUNK = 1 << 24


def _check_utf8(data: bytes, name: str) -> None:
    """Raise naming the line and byte offset of the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), _CHUNK):
        try:
            decoder.decode(data[start : start + _CHUNK], final=start + _CHUNK >= len(data))
        except UnicodeDecodeError as exc:
            offset = start + exc.start
            line = data.count(b"\n", 0, offset) + 1
            msg = f"not UTF-8: byte 0x{data[offset]:02x} at byte offset {offset}"
            raise ListsInputError(msg, file=name, line=line) from None
    if not data:
        decoder.decode(b"", final=True)


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, fields) for every record, strictly parsed."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _QuoteError(start, str(exc)) from None
        yield start, row
        start = reader.line_num + 1


class _QuoteError(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def _scan_structure(data: bytes, name: str, width: int) -> dict[int, int]:
    """Parse the file record by record (slow path): raise at broken quoting or a row of the
    wrong width; return data-row index -> line number."""
    where: dict[int, int] = {}
    try:
        for i, (line, row) in enumerate(_records(data.decode("utf-8-sig"))):
            if i and row and len(row) != width:
                msg = f"{len(row)} fields where the header has {width}"
                raise ListsInputError(msg, file=name, line=line)
            if i:
                where[i - 1] = line
    except _QuoteError as exc:
        msg = f"broken CSV quoting ({exc.message})"
        raise ListsInputError(msg, file=name, line=exc.line) from None
    return where


def read_table(directory: Path, spec: TableSpec) -> pl.DataFrame:
    """Read and check one file of the audit directory; return only the spec's columns, typed.

    Types: ``int`` -> Int64, ``date`` -> Date, ``flag`` -> Boolean, the rest String (null when
    empty).
    """
    path = Path(directory) / spec.path
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        msg = "file not found"
        raise ListsInputError(msg, file=name) from None
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})"
        raise ListsInputError(msg, file=name) from None
    _check_utf8(data, name)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    header_end = data.find(b"\n")
    header_text = (data if header_end < 0 else data[:header_end]).decode("utf-8").rstrip("\r")
    if not header_text.strip():
        msg = "no header row"
        raise ListsInputError(msg, file=name, line=1)
    try:
        header = next(csv.reader([header_text], strict=True))
    except csv.Error as exc:
        msg = f"broken CSV quoting in the header ({exc})"
        raise ListsInputError(msg, file=name, line=1) from None
    header = [h.strip() for h in header]
    for column in spec.columns:
        if column not in header:
            msg = f"required column {column!r} is missing (the header has: {', '.join(header)})"
            raise ListsInputError(msg, file=name, line=1, field=column)
    line_of: dict[int, int] | None = None
    if data.count(b'"') % 2:
        line_of = _scan_structure(data, name, len(header))
    newlines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    has_rows = header_end >= 0 and bool(data[header_end + 1 : header_end + 4097].strip())
    del data  # polars reads the file itself: never hold the bytes and the frame at once
    if not has_rows:
        empty = pl.DataFrame(schema={c: pl.String for c in spec.columns})
        return _typed(empty, spec, name, lambda row: row + 2)
    try:
        frame = pl.read_csv(
            path,
            has_header=False,
            skip_rows=1,
            new_columns=header,
            infer_schema=False,
            quote_char='"',
            columns=[header.index(c) for c in spec.columns],
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError as exc:
        _scan_structure(path.read_bytes(), name, len(header))
        msg = f"unreadable CSV ({str(exc).splitlines()[0]})"
        raise ListsInputError(msg, file=name) from None
    frame = frame.rename({c: c.strip() for c in frame.columns}).select(list(spec.columns))
    if newlines != frame.height + 1 and line_of is None:
        # A quoted field spans lines (or a blank line): count lines record by record.
        line_of = _scan_structure(path.read_bytes(), name, len(header))

    def line(row: int) -> int:
        return line_of.get(row, row + 2) if line_of is not None else row + 2

    return _typed(frame, spec, name, line)


def _typed(
    frame: pl.DataFrame, spec: TableSpec, name: str, line: Callable[[int], int]
) -> pl.DataFrame:
    """Cast every column and check every value in one pass; raise at the first bad row."""
    outs: list[pl.Expr] = []
    bads: list[pl.Expr] = []
    problems: dict[str, str] = {}
    for column, kind in spec.columns.items():
        value = pl.col(column).str.strip_chars()
        if kind == "int" or column in _OPTIONAL_INTS.get(spec.path, ()):
            out = value.cast(pl.Int64, strict=False)
            bad = value.is_not_null() & (value != "") & out.is_null()
            if kind == "int":
                bad = bad | value.is_null() | (value == "")
            problem = "must be an integer"
        elif kind == "date":
            out = value.str.to_date("%Y-%m-%d", strict=False)
            given = value.is_not_null() & (value != "")
            bad = given & (out.is_null() | ~value.str.contains(_DATE_RE))
            problem = "must be a date YYYY-MM-DD (or empty)"
        elif kind == "flag":
            bad = value.is_not_null() & ~value.is_in(["0", "1", ""])
            problem = "must be 0 or 1"
            out = (value == "1").fill_null(False)
        elif kind == "required":
            bad = value.is_null() | (value == "")
            problem = "must not be empty"
            out = value
        elif kind == "text":
            raw = pl.col(column)  # names and addresses are kept as written
            outs.append(pl.when(raw.str.len_bytes() == 0).then(None).otherwise(raw).alias(column))
            continue
        else:
            codes = sorted(kind)
            bad = value.is_null() | ~value.is_in(codes)
            problem = f"must be one of {', '.join(codes)}"
            out = value
        outs.append(out.alias(column))
        bads.append(bad.fill_null(True).alias(f"__bad_{column}"))
        problems[column] = problem
    checked = frame.select(*outs, *bads)
    bad_names = [f"__bad_{c}" for c in problems]
    if bad_names and checked.height:
        firsts = checked.select(pl.col(b).arg_true().first() for b in bad_names).row(0)
        hits = [(int(i), c) for i, c in zip(firsts, problems, strict=True) if i is not None]
        if hits:
            row, column = min(hits)
            shown = frame[column][row]
            problem = problems[column]
            msg = (
                f"{problem}, not {shown!r}" if shown is not None else f"{problem}, but it is empty"
            )
            raise ListsInputError(msg, file=name, line=line(row), field=column)
    return checked.drop(bad_names)
