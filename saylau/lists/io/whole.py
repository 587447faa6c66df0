"""Reading a whole file, refused at its first bad value (what an audit wants)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path

import polars as pl

from .tables import _CHUNK, ListsInputError, Rule, TableSpec, _message, _rules


def _check_utf8(data: bytes, name: str) -> None:
    """Raise naming the line and byte offset of the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), _CHUNK):
        try:
            decoder.decode(data[start : start + _CHUNK], final=start + _CHUNK >= len(data))
        except UnicodeDecodeError as exc:
            offset = start + exc.start
            line = data.count(b"\n", 0, offset) + 1
            byte = f"0x{data[offset]:02x}"
            msg = f"not UTF-8: byte {byte} at byte offset {offset}"
            raise ListsInputError(
                msg, file=name, line=line, code="lists.not_utf8", byte=byte
            ) from None
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
                raise ListsInputError(
                    msg,
                    file=name,
                    line=line,
                    code="lists.wrong_width",
                    found=len(row),
                    expected=width,
                )
            if i:
                where[i - 1] = line
    except _QuoteError as exc:
        msg = f"broken CSV quoting ({exc.message})"
        raise ListsInputError(msg, file=name, line=exc.line, code="lists.broken_quoting") from None
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
                byte = f"0x{chunk[at]:02x}"
                msg = f"not UTF-8: byte {byte} at byte offset {offset + at}"
                raise ListsInputError(
                    msg, file=name, line=line, code="lists.not_utf8", byte=byte
                ) from None
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
        raise ListsInputError(msg, file=name, code="lists.file_missing") from None
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})"
        raise ListsInputError(msg, file=name, code="lists.file_unreadable") from None
    if raw_header.startswith(codecs.BOM_UTF8):
        raw_header = raw_header[len(codecs.BOM_UTF8) :]
    _check_utf8(raw_header, name)
    header_text = raw_header.decode("utf-8").rstrip("\n").rstrip("\r")
    if not header_text.strip():
        msg = "no header row"
        raise ListsInputError(msg, file=name, line=1, code="lists.file_empty")
    try:
        header = next(csv.reader([header_text], strict=True))
    except csv.Error as exc:
        msg = f"broken CSV quoting in the header ({exc})"
        raise ListsInputError(msg, file=name, line=1, code="lists.broken_quoting") from None
    header = [h.strip() for h in header]
    for column in spec.columns:
        if column not in header:
            msg = f"required column {column!r} is missing (the header has: {', '.join(header)})"
            raise ListsInputError(
                msg, file=name, line=1, field=column, code="lists.missing_columns", columns=[column]
            )
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
        raise ListsInputError(msg, file=name, code="lists.unreadable_csv") from None
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
            found = _message(problems[column], shown)
            raise ListsInputError(
                found.message, file=name, line=line(row), field=column, code=found.code,
                **found.params,
            )  # fmt: skip
    return checked.drop(bad_names)


def _stream_typed(
    lazy: pl.LazyFrame,
    spec: TableSpec,
    dtypes: Mapping[str, pl.DataType | type[pl.DataType]] | None,
) -> tuple[pl.DataFrame, dict[str, Rule]]:
    """The typed columns (cast further by ``dtypes``) and a ``__bad_<column>`` flag per checked
    column, computed by the streaming engine so that the raw text is never held whole."""
    outs, bads, problems = _rules(spec)
    casts = dict(dtypes or {})
    outs = [e.cast(casts[n]) if (n := e.meta.output_name()) in casts else e for e in outs]
    return lazy.select(*outs, *bads).collect(engine="streaming"), problems
