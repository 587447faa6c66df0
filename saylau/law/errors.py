"""Errors of the law layer: one hierarchy, each with a stable ``code`` (architecture.md, habit 5)."""

from __future__ import annotations

from saylau.errors import SaylauError


class LawError(SaylauError):
    """Base of every error in :mod:`saylau.law`."""

    code = "law"


class InvalidFile(LawError):
    """A file of one of the law's formats (a protocol, a seat case) that breaks it; ``field``
    names the offending field and ``source`` the file."""

    code = "law_file_invalid"

    def __init__(self, message: str, *, field: str, source: str | None = None) -> None:
        self.message = message
        self.field = field
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}field {field!r}: {message}")


class InvalidIIN(LawError):
    """An individual identification number that cannot have been issued.

    ``code`` says why: ``iin_format`` (not 12 digits), ``iin_century`` (7th digit not 1-6),
    ``iin_date`` (no such birth date), ``iin_future`` (born after the reference day),
    ``iin_never_issued`` (both weight passes give 10), ``iin_check_digit`` (wrong 12th digit).
    """

    def __init__(self, iin: str, code: str, message: str) -> None:
        self.iin = iin
        self.code = code
        self.message = message
        super().__init__(f"{iin!r}: {message}")
