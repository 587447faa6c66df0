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
from collections.abc import Iterator, Mapping
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
    "Batch",
    "ListsInputError",
    "RowProblem",
    "TableSpec",
    "read_batches",
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


def _survey(path: Path) -> tuple[bytes, int, int, bool, bool]:
    """(header line, newlines, quote characters, ends with a newline, has a data row), read
    in chunks so that a file of gigabytes is never held in memory."""
    newlines = quotes = 0
    header = b""
    has_rows = False
    last = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            newlines += chunk.count(b"\n")
            quotes += chunk.count(b'"')
            if not header:
                end = chunk.find(b"\n")
                header = chunk if end < 0 else chunk[: end + 1]
                rest = b"" if end < 0 else chunk[end + 1 :]
            else:
                rest = chunk
            has_rows = has_rows or (bool(header.endswith(b"\n")) and bool(rest[:4096].strip()))
            last = chunk[-1:]
    return header, newlines, quotes, last == b"\n", has_rows


def _check_utf8_file(path: Path, name: str) -> None:
    """:func:`_check_utf8` over a file read in chunks (line numbers count across chunks)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = 0
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # The decoder may hold back up to 3 bytes of the previous chunk.
                at = max(exc.start - len(exc.object) + len(chunk), 0)
                line = lines + chunk.count(b"\n", 0, at) + 1
                msg = f"not UTF-8: byte 0x{chunk[at]:02x} at byte offset {offset + at}"
                raise ListsInputError(msg, file=name, line=line) from None
            if not chunk:
                return
            offset += len(chunk)
            lines += chunk.count(b"\n")


def read_table(
    directory: Path,
    spec: TableSpec,
    *,
    dtypes: Mapping[str, pl.DataType | type[pl.DataType]] | None = None,
) -> pl.DataFrame:
    """Read and check one file of the audit directory; return only the spec's columns, typed.

    Types: ``int`` -> Int64, ``date`` -> Date, ``flag`` -> Boolean, the rest String (null when
    empty); ``dtypes`` casts named columns further once checked (``pl.Categorical`` for names
    of millions of rows, ``pl.Int32`` for numbers). The file is read by polars' streaming
    engine, checked and cast batch by batch, so only the typed columns are ever held whole.
    """
    path = Path(directory) / spec.path
    name = str(path)
    try:
        raw_header, newlines, quotes, ends_nl, has_rows = _survey(path)
    except FileNotFoundError:
        msg = "file not found"
        raise ListsInputError(msg, file=name) from None
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})"
        raise ListsInputError(msg, file=name) from None
    if raw_header.startswith(codecs.BOM_UTF8):
        raw_header = raw_header[len(codecs.BOM_UTF8) :]
    _check_utf8(raw_header, name)
    header_text = raw_header.decode("utf-8").rstrip("\n").rstrip("\r")
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
    if set(header) - set(spec.columns):
        # Polars skips the bytes of columns it does not read: check the whole file here.
        _check_utf8_file(path, name)
    line_of: dict[int, int] | None = None
    if quotes % 2:
        line_of = _scan_structure(path.read_bytes(), name, len(header))
    if not has_rows:
        lazy = pl.DataFrame(schema={c: pl.String for c in spec.columns}).lazy()
    else:
        lazy = pl.scan_csv(
            path,
            has_header=False,
            skip_rows=1,
            new_columns=header,
            infer_schema=False,
            quote_char='"',
            raise_if_empty=False,
        ).select(list(spec.columns))
    try:
        checked, problems = _stream_typed(lazy, spec, dtypes)
    except pl.exceptions.PolarsError as exc:
        _check_utf8_file(path, name)
        _scan_structure(path.read_bytes(), name, len(header))
        msg = f"unreadable CSV ({str(exc).splitlines()[0]})"
        raise ListsInputError(msg, file=name) from None
    data_lines = newlines if ends_nl else newlines + 1
    if has_rows and data_lines != checked.height + 1 and line_of is None:
        # A quoted field spans lines (or a blank line): count lines record by record.
        line_of = _scan_structure(path.read_bytes(), name, len(header))

    def line(row: int) -> int:
        return line_of.get(row, row + 2) if line_of is not None else row + 2

    bad_names = [f"__bad_{c}" for c in problems]
    if bad_names and checked.height:
        firsts = checked.select(pl.col(b).arg_true().first() for b in bad_names).row(0)
        hits = [(int(i), c) for i, c in zip(firsts, problems, strict=True) if i is not None]
        if hits:
            row, column = min(hits)
            shown = lazy.select(column).slice(row, 1).collect()[column][0]
            problem = problems[column]
            msg = (
                f"{problem}, not {shown!r}" if shown is not None else f"{problem}, but it is empty"
            )
            raise ListsInputError(msg, file=name, line=line(row), field=column)
    return checked.drop(bad_names)


def _stream_typed(
    lazy: pl.LazyFrame,
    spec: TableSpec,
    dtypes: Mapping[str, pl.DataType | type[pl.DataType]] | None,
) -> tuple[pl.DataFrame, dict[str, str]]:
    """The typed columns (cast further by ``dtypes``) and a ``__bad_<column>`` flag per checked
    column, computed by the streaming engine so that the raw text is never held whole."""
    outs, bads, problems = _rules(spec)
    casts = dict(dtypes or {})
    outs = [e.cast(casts[n]) if (n := e.meta.output_name()) in casts else e for e in outs]
    return lazy.select(*outs, *bads).collect(engine="streaming"), problems


def _rules(spec: TableSpec) -> tuple[list[pl.Expr], list[pl.Expr], dict[str, str]]:
    """For every column of ``spec``: the expression giving its typed value, the expression
    that is true where the value breaks the column's rule, and the rule in words."""
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
    return outs, bads, problems


def _message(problem: str, shown: str | None) -> str:
    return f"{problem}, not {shown!r}" if shown is not None else f"{problem}, but it is empty"


# Reading a big file in batches ------------------------------------------------------------------
#
# ``read_table`` refuses a file at its first bad value, which suits an audit. The voter
# register imports national extracts (12 million persons, 2 GB) where a bad row is reported and
# the rest imported: ``read_batches`` applies the same rules batch by batch and hands back every
# bad row instead of raising. What makes a whole file unusable (not UTF-8, broken quoting, a
# missing column) still raises.

#: Bytes of the file read per batch (about 160,000 persons.csv rows).
BATCH_BYTES = 32 << 20


@dataclass(frozen=True)
class RowProblem:
    """A row that breaks a rule: its line (where the record starts), column and what is wrong.

    ``column`` is empty when the row as a whole is unusable (the wrong number of fields).
    """

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class Batch:
    """One batch of rows of a file.

    ``frame`` has the spec's columns typed as :func:`read_table` types them (a value that breaks
    its column's rule is null), ``line`` (Int64, the line where the row starts; the header is
    line 1) and ``problem`` (String: the first column, in spec order, whose value breaks its
    rule; null when the row is fine). Rows with the wrong number of fields are not in ``frame``.
    ``problems`` names every bad row of the batch, in line order; ``bytes_read`` is how far
    into the file the reader is (for a progress bar).
    """

    frame: pl.DataFrame
    problems: list[RowProblem]
    bytes_read: int


def read_batches(
    directory: Path,
    spec: TableSpec,
    *,
    name: str | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> Iterator[Batch]:
    """Read one file of ``directory`` in batches of about ``batch_bytes``, in memory bounded by
    the batch, with the rules of :func:`read_table`; ``name`` is how errors name the file
    (default: its path).

    Raises :class:`ListsInputError` for what makes the file unusable: missing, no header, a
    required column missing, bytes that are not UTF-8, broken quoting (rows before the fault
    may already have been yielded: the caller decides what to do with them).
    """
    path = Path(directory) / spec.path
    name = name or str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ListsInputError("file not found", file=name) from None
    except OSError as exc:
        raise ListsInputError(f"cannot read the file ({exc.strerror})", file=name) from None
    with handle:
        head = handle.readline()
        read = len(head)
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
        _check_utf8(head, name)
        header_text = head.decode("utf-8").rstrip("\r\n")
        if not header_text.strip():
            raise ListsInputError("no header row", file=name, line=1)
        try:
            header = [h.strip() for h in next(csv.reader([header_text], strict=True))]
        except csv.Error as exc:
            msg = f"broken CSV quoting in the header ({exc})"
            raise ListsInputError(msg, file=name, line=1) from None
        for column in spec.columns:
            if column not in header:
                msg = f"required column {column!r} is missing (the header has: {', '.join(header)})"
                raise ListsInputError(msg, file=name, line=1, field=column)
        reader = _ChunkReader(spec, header, name)
        line = 2
        pending = b""
        while True:
            data = handle.read(batch_bytes)
            read += len(data)
            if data:
                pending += data
                cut = _record_boundary(pending)
                if cut == 0:
                    continue  # one record longer than a batch: read on
                chunk, pending = pending[:cut], pending[cut:]
            else:
                chunk, pending = pending, b""
            if chunk:
                yield reader.batch(chunk, line, read - len(pending))
                line += chunk.count(b"\n")
            if not data:
                return


def _record_boundary(buffer: bytes) -> int:
    """Where the last complete record of ``buffer`` ends (after its newline); 0 if none does.

    ``buffer`` starts at a record boundary, so a newline is outside quotes when the quotes
    before it are even in number (an escaped quote ``""`` counts two).
    """
    cut = buffer.rfind(b"\n") + 1
    if b'"' not in buffer:
        return cut
    while cut and buffer.count(b'"', 0, cut) % 2:
        cut = buffer.rfind(b"\n", 0, cut - 1) + 1
    return cut


class _ChunkReader:
    """Parses chunks of whole records of one file and checks them against the spec."""

    def __init__(self, spec: TableSpec, header: list[str], name: str) -> None:
        self.spec = spec
        self.header = header
        self.name = name
        self.width = len(header)
        self.outs, self.bads, self.problems = _rules(spec)

    def batch(self, chunk: bytes, first_line: int, bytes_read: int) -> Batch:
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = first_line + chunk.count(b"\n", 0, exc.start)
            msg = f"not UTF-8: byte 0x{chunk[exc.start]:02x} (line {line})"
            raise ListsInputError(msg, file=self.name, line=line) from None
        parsed = self._fast(chunk, first_line)
        if parsed is None:
            raw, lines, problems = self._slow(text, first_line)
        else:
            raw, lines, problems = parsed, None, []
        raw = raw.select(list(self.spec.columns))
        line_expr: pl.Expr = (
            pl.int_range(pl.len(), dtype=pl.Int64) + first_line
            if lines is None
            else pl.lit(pl.Series(lines, dtype=pl.Int64))
        )
        names = [f"__bad_{c}" for c in self.problems]
        whens: list[pl.Expr] = [
            pl.when(pl.col(b)).then(pl.lit(c)) for b, c in zip(names, self.problems, strict=True)
        ]
        first_bad = pl.coalesce(whens or [pl.lit(None, dtype=pl.String)])
        checked = (
            raw.select(*self.outs, *self.bads, line_expr.alias("line"))
            .with_columns(first_bad.cast(pl.String).alias("problem"))
            .drop(names)
        )
        bad_rows = checked["problem"].is_not_null().arg_true()
        if len(bad_rows):
            at = checked[bad_rows].select("line", "problem")
            shown = raw[bad_rows]
            for i, (line, column) in enumerate(at.iter_rows()):
                message = _message(self.problems[column], shown[column][i])
                problems.append(RowProblem(int(line), str(column), message))
            problems.sort(key=lambda p: p.line)
        return Batch(checked, problems, bytes_read)

    def _fast(self, chunk: bytes, first_line: int) -> pl.DataFrame | None:
        """Polars' reader, when the chunk is plain: no quotes, one record per line, every row
        of the header's width (no row has more fields, and the commas add up exactly)."""
        if b'"' in chunk:
            return None
        records = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
        if chunk.count(b",") != records * (self.width - 1):
            return None
        try:
            frame = pl.read_csv(
                chunk,
                has_header=False,
                new_columns=self.header,
                infer_schema=False,
                quote_char=None,
                raise_if_empty=False,
            )
        except pl.exceptions.PolarsError:
            return None
        if frame.height != records:
            return None
        return frame

    def _slow(self, text: str, first_line: int) -> tuple[pl.DataFrame, list[int], list[RowProblem]]:
        """Record by record with the csv module (quotes, blank lines, ragged rows)."""
        columns: list[list[str | None]] = [[] for _ in self.header]
        lines: list[int] = []
        problems: list[RowProblem] = []
        try:
            for start, row in _records(text):
                line = first_line + start - 1
                if not row:
                    continue  # a blank line
                if len(row) != self.width:
                    msg = f"{len(row)} fields where the header has {self.width}"
                    problems.append(RowProblem(line, "", msg))
                    continue
                lines.append(line)
                for values, value in zip(columns, row, strict=True):
                    values.append(value or None)
        except _QuoteError as exc:
            msg = f"broken CSV quoting ({exc.message})"
            raise ListsInputError(msg, file=self.name, line=first_line + exc.line - 1) from None
        frame = pl.DataFrame(
            {h: pl.Series(v, dtype=pl.String) for h, v in zip(self.header, columns, strict=True)}
        )
        return frame, lines, problems
