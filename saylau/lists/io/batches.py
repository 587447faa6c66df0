"""Reading a big file in batches, every bad row handed back (what an import wants)."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .tables import ListsInputError, TableSpec, _message, _rules
from .whole import _check_utf8, _QuoteError, _records

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
    ``message`` is in English; ``code`` (one of :data:`~.tables.CODES`) and ``params`` say it
    for a page in the reader's language.
    """

    line: int
    column: str
    message: str
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False)


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
        raise ListsInputError("file not found", file=name, code="lists.file_missing") from None
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})"
        raise ListsInputError(msg, file=name, code="lists.file_unreadable") from None
    with handle:
        head = handle.readline()
        read = len(head)
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
        _check_utf8(head, name)
        header_text = head.decode("utf-8").rstrip("\r\n")
        if not header_text.strip():
            raise ListsInputError("no header row", file=name, line=1, code="lists.file_empty")
        try:
            header = [h.strip() for h in next(csv.reader([header_text], strict=True))]
        except csv.Error as exc:
            msg = f"broken CSV quoting in the header ({exc})"
            raise ListsInputError(msg, file=name, line=1, code="lists.broken_quoting") from None
        for column in spec.columns:
            if column not in header:
                msg = f"required column {column!r} is missing (the header has: {', '.join(header)})"
                raise ListsInputError(
                    msg,
                    file=name,
                    line=1,
                    field=column,
                    code="lists.missing_columns",
                    columns=[column],
                )
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
            byte = f"0x{chunk[exc.start]:02x}"
            msg = f"not UTF-8: byte {byte} (line {line})"
            raise ListsInputError(
                msg, file=self.name, line=line, code="lists.not_utf8", byte=byte
            ) from None
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
                found = _message(self.problems[column], shown[column][i])
                problems.append(
                    RowProblem(int(line), str(column), found.message, found.code, found.params)
                )
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
                    width = {"found": len(row), "expected": self.width}
                    problems.append(RowProblem(line, "", msg, "lists.wrong_width", width))
                    continue
                lines.append(line)
                for values, value in zip(columns, row, strict=True):
                    values.append(value or None)
        except _QuoteError as exc:
            msg = f"broken CSV quoting ({exc.message})"
            line = first_line + exc.line - 1
            raise ListsInputError(
                msg, file=self.name, line=line, code="lists.broken_quoting"
            ) from None
        frame = pl.DataFrame(
            {h: pl.Series(v, dtype=pl.String) for h, v in zip(self.header, columns, strict=True)}
        )
        return frame, lines, problems
