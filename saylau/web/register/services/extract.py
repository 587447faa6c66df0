"""Rejections, the extract's checksum and a row-by-row CSV reader for the small files.

The files of the extract's format (districts.csv, precincts.csv, registry/addresses.csv and
registry/persons.csv) are read by ``saylau.lists.io`` in polars batches (:mod:`.territory`,
:mod:`.reading`). A registry events file, whose format lists.io does not know, is read here
row by row (:class:`CsvStream`). A structurally broken file
(not UTF-8, broken quoting, a missing column) is an :class:`~saylau.errors.InputError` that
refuses the import; a row whose values cannot be used becomes a :class:`Rejection` naming
file, line, column and reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from saylau.law.errors import InvalidIIN
from saylau.law.iin import parse_iin
from saylau.lists.io.limits import FORBIDDEN_CHARS, text_problem

from .. import sentences
from ..sentences import Refused

EXTRACT_FILES = (
    "districts.csv",
    "precincts.csv",
    "registry/addresses.csv",
    "registry/persons.csv",
)


@dataclass(frozen=True)
class Rejection:
    file: str
    line: int
    column: str
    #: For the log and the command line (English, stable for scripts).
    reason: str
    #: The reason's stable code and params, for the page (:mod:`..sentences`); empty where
    #: there is no sentence of it (an older row: ``reason`` is shown).
    code: str = field(default="", compare=False)
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # A rejected value is quoted back to the reader and stored (PostgreSQL holds no NUL
        # in text or JSON): its control characters are shown as ``\xNN``, never kept.
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "column", printable(self.column))
        object.__setattr__(self, "reason", printable(self.reason))
        object.__setattr__(
            self,
            "params",
            {k: printable(v) if isinstance(v, str) else v for k, v in self.params.items()},
        )

    @property
    def words(self) -> str:
        """The reason in the reader's language where the register knows it, else ``reason``."""
        return sentences.reason(self.code, self.params) or self.reason

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}"
        return (
            f"{where} column {self.column}: {self.reason}"
            if self.column
            else f"{where}: {self.reason}"
        )


def printable(text: str) -> str:
    r"""``text`` with each control character (other than tab and newlines) written as ``\xNN``.

    >>> printable("A\x00B")
    'A\\x00B'
    """
    if FORBIDDEN_CHARS.isdisjoint(text):
        return text
    return "".join(f"\\x{ord(c):02x}" if c in FORBIDDEN_CHARS else c for c in text)


class RowError(Exception):
    """A value of one row cannot be used (becomes a :class:`Rejection`)."""

    def __init__(self, column: str, reason: str, code: str = "", **params: Any) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason
        self.code = code
        self.params = params

    def at(self, file: str, line: int) -> Rejection:
        return Rejection(file, line, self.column, self.reason, self.code, self.params)


class CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read through it and hashes them."""

    def __init__(self, raw: BinaryIO, digest: Any | None = None) -> None:
        self._raw = raw
        self.count = 0
        self.digest = digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        if self.digest is not None:
            self.digest.update(data)
        return n


class CsvStream:
    """Rows of one CSV file as ``(line_no, values)`` with ``values`` in ``columns`` order.

    ``line_no`` is the physical line where the record ends (the header is line 1).
    """

    def __init__(
        self,
        path: Path,
        name: str,
        columns: Sequence[str],
        digest: Any | None = None,
        *,
        optional: Sequence[str] = (),
    ):
        self.path = path
        self.name = name
        self.columns = tuple(columns)
        self.optional = tuple(optional)
        self.digest = digest
        self.counter: CountingReader | None = None

    @property
    def bytes_read(self) -> int:
        return self.counter.count if self.counter is not None else 0

    def __iter__(self) -> Iterator[tuple[int, list[str] | RowError]]:
        if not self.path.is_file():
            raise Refused("file_missing", "file is missing", file=self.name)
        with self.path.open("rb") as raw:
            self.counter = CountingReader(raw, self.digest)
            text = io.TextIOWrapper(
                io.BufferedReader(self.counter, buffer_size=1 << 20),
                encoding="utf-8",
                newline="",
            )
            reader = csv.reader(text, strict=True)
            try:
                header = next(reader, None)
                if header is None:
                    msg = "the file is empty (no header row)"
                    raise Refused("file_empty", msg, file=self.name, line=1)
                if header and header[0].startswith("\ufeff"):
                    header[0] = header[0][1:]
                names = [h.strip() for h in header]
                missing = [c for c in self.columns if c not in names]
                if missing:
                    msg = f"missing required column(s): {', '.join(missing)}"
                    raise Refused(
                        "missing_columns",
                        msg,
                        file=self.name,
                        line=1,
                        field=missing[0],
                        columns=missing,
                    )
                index = [names.index(c) for c in self.columns]
                # An optional column that is absent reads as empty (index -1 -> the extra "").
                index += [names.index(c) if c in names else -1 for c in self.optional]
                width = len(names)
                for row in reader:
                    line = reader.line_num
                    if len(row) != width:
                        if not row:
                            continue  # a blank line
                        yield (
                            line,
                            RowError(
                                "",
                                f"expected {width} fields, found {len(row)}",
                                "wrong_width",
                                expected=width,
                                found=len(row),
                            ),
                        )
                        continue
                    if self.optional:
                        row.append("")
                    yield line, [row[i] for i in index]
            except UnicodeDecodeError:
                line, byte = first_non_utf8_line(self.path)
                msg = f"not UTF-8 (byte {byte:#04x}); save the file as UTF-8"
                raise Refused("not_utf8", msg, file=self.name, line=line) from None
            except csv.Error as exc:
                raise Refused(
                    "broken_quoting",
                    f"broken CSV quoting: {exc}",
                    file=self.name,
                    line=reader.line_num,
                ) from None


def first_non_utf8_line(path: Path) -> tuple[int, int]:
    """(line number, offending byte) of the first line that is not UTF-8 (error path only)."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, raw[exc.start]
    return 0, 0


def parse_date(value: str, column: str, *, required: bool = False) -> date | None:
    if not value:
        if required:
            raise RowError(column, "a date is required", "date_required")
        return None
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise RowError(column, f"{value!r} is not a date YYYY-MM-DD", "not_a_date", value=value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        msg = f"{value!r} is not a real date"
        raise RowError(column, msg, "not_a_real_date", value=value) from None


def parse_int(value: str, column: str, *, required: bool = True) -> int | None:
    if not value.strip():
        if required:
            raise RowError(column, "a number is required", "number_required")
        return None
    try:
        return int(value)
    except ValueError:
        msg = f"{value!r} is not a whole number"
        raise RowError(column, msg, "not_a_number", value=value) from None


def field_length(model: Any, name: str) -> int | None:
    """The ``max_length`` of a model's text column (what a reader may let through)."""
    return model._meta.get_field(name).max_length  # type: ignore[no-any-return]


def check_lengths(lengths: dict[str, int | None], **values: str) -> None:
    """RowError for the first value that its column cannot hold (too long, a NUL byte)."""
    for column, value in values.items():
        limit = lengths.get(column)
        problem = text_problem(value, max_length=limit)
        if problem is not None:
            code, params = limit_code(value, limit)
            raise RowError(column, problem, code, **params)


def limit_code(value: str, limit: int | None) -> tuple[str, dict[str, Any]]:
    """The code and params of a value its column cannot hold (see ``text_problem``)."""
    if not FORBIDDEN_CHARS.isdisjoint(value):
        return "control_character", {}
    return "too_long", {"length": len(value), "limit": limit}


def parse_iin_value(value: str, column: str = "iin") -> str:
    try:
        return parse_iin(value.strip()).value
    except InvalidIIN as exc:
        shown = value.strip()[:40]
        msg = f"invalid IIN {value!r}: {exc}"
        raise RowError(column, msg, "invalid_iin", value=shown) from None


def extract_checksum(directory: Path) -> tuple[str, int]:
    """SHA-256 over the extract's files (names and bytes) and their total size."""
    digest = hashlib.sha256()
    total = 0
    for name in EXTRACT_FILES:
        path = directory / name
        if not path.is_file():
            raise Refused("file_missing", "file is missing", file=name)
        digest.update(name.encode() + b"\0")
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 22):
                digest.update(chunk)
                total += len(chunk)
    return digest.hexdigest(), total
