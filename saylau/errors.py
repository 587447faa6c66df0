"""The root of saylau's error hierarchies.

Each layer has its own hierarchy under :class:`SaylauError` (``LawError`` in ``saylau.law``,
``ListsError`` in ``saylau.lists``, ...). Every error has a stable ``code`` that the web layer
maps to a translated message, and ``exit_status`` for the command line (2: unusable input).
"""

from __future__ import annotations


class SaylauError(Exception):
    """Base of every error saylau raises on purpose."""

    code: str = "error"
    exit_status: int = 2


class InputError(SaylauError):
    """Input that cannot be used: names the file, the line and the field when it knows them."""

    code = "input"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        where = ":".join(str(p) for p in (file, line) if p is not None)
        if field:
            where = f"{where} field {field!r}" if where else f"field {field!r}"
        super().__init__(f"{where}: {message}" if where else message)
