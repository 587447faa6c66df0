"""Limits every reader of saylau applies before a value goes anywhere (issue 11, item 7).

A file from outside can hold what no election needs and what breaks what comes after: JSON
nested 100,000 deep (Python's parser runs out of stack), a number of 5,000 digits (Python
refuses to read it; a database column cannot hold one of 24), a negative precinct number, a
name of a million characters or with a NUL byte (PostgreSQL refuses the NUL, and a too-long
value, with a traceback; SQLite stores both silently). The readers check with these functions
and report a clear problem naming file, line and field; the database is never asked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .tables import ListsInputError

#: Nesting of JSON arrays and objects (a protocol or a seat case needs 4 or 5).
MAX_JSON_DEPTH = 32
#: Digits of a JSON integer: a signed 64-bit integer has at most 19 (no count of votes,
#: seats or precincts comes near 18).
MAX_INT_DIGITS = 18
#: The largest number a PostgreSQL ``integer`` column holds (precinct numbers, counts).
MAX_INT32 = 2_147_483_647
#: Characters no text of a register, a protocol or a list may hold: NUL (PostgreSQL refuses
#: it) and the other C0 controls except tab, line feed and carriage return.
FORBIDDEN_CHARS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}


def text_problem(value: str, *, max_length: int | None) -> str | None:
    """Why ``value`` cannot be stored in a text column of ``max_length``, or ``None``.

    >>> text_problem("Ким", max_length=100) is None
    True
    >>> text_problem("a\\x00b", max_length=100)
    'contains a control character (NUL byte or similar)'
    >>> text_problem("x" * 101, max_length=100)
    'is 101 characters long (at most 100)'
    """
    if not FORBIDDEN_CHARS.isdisjoint(value):
        return "contains a control character (NUL byte or similar)"
    if max_length is not None and len(value) > max_length:
        return f"is {len(value)} characters long (at most {max_length})"
    return None


def int_problem(value: int, *, low: int = 1, high: int = MAX_INT32) -> str | None:
    """Why ``value`` is out of ``[low, high]``, or ``None``.

    >>> int_problem(-5)
    'must be between 1 and 2147483647, not -5'
    >>> int_problem(10**23) is not None
    True
    """
    if low <= value <= high:
        return None
    shown = str(value) if len(str(value)) <= 24 else f"a number of {len(str(value))} digits"
    return f"must be between {low} and {high}, not {shown}"


def parse_bounded_int(text: str, *, low: int = 1, high: int = MAX_INT32) -> int | str:
    """The integer in ``text``, or the reason it is not a usable one (a ``str``).

    Long digit strings are refused before Python converts them (``int()`` of 5,000 digits
    raises, of 4,000 takes time).

    >>> parse_bounded_int("101"), parse_bounded_int("-5"), parse_bounded_int("9" * 5000)
    (101, 'must be between 1 and 2147483647, not -5', 'a number of 5000 digits is too long')
    """
    text = text.strip()
    digits = text.lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        return f"a number of {len(digits)} digits is too long"
    if not digits.isdigit() or not digits.isascii() or len(text) - len(digits) > 1:
        return f"{text[:40]!r} is not a whole number"
    value = int(text)
    return int_problem(value, low=low, high=high) or value


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def json_depth(text: str, *, limit: int = MAX_JSON_DEPTH) -> tuple[int, int] | None:
    """(line, depth) where ``text`` first nests deeper than ``limit``, or ``None``.

    A linear scan that skips strings, before any parser recurses.

    >>> json_depth("[[1]]", limit=1)
    (1, 2)
    >>> json_depth('["[[[["]', limit=1) is None
    True
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return _line_of(text, i), depth
        elif ch in "]}":
            depth -= 1
    return None


def load_json(
    text: str,
    *,
    file: str,
    max_depth: int = MAX_JSON_DEPTH,
    parse_float: Callable[[str], Any] | None = None,
) -> Any:
    """``json.loads`` with limits: nesting, integer digits, and errors that name the file and
    line (raises :class:`ListsInputError`, an ``InputError``)."""
    deep = json_depth(text, limit=max_depth)
    if deep is not None:
        msg = f"JSON nested deeper than {max_depth} levels"
        raise ListsInputError(msg, file=file, line=deep[0])

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            at = text.find(digits)
            msg = f"a number of {len(digits.lstrip('-'))} digits is too long"
            raise ListsInputError(msg, file=file, line=_line_of(text, at))
        return int(digits)

    try:
        return json.loads(text, parse_int=bounded_int, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise ListsInputError(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise ListsInputError("JSON nested too deep", file=file) from None
    except ValueError as exc:  # e.g. a float Python cannot represent
        raise ListsInputError(f"not valid JSON: {exc}", file=file) from None
