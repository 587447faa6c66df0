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

from .tables import ListsInputError, Problem

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
    found = _out_of_range(value, low=low, high=high)
    return None if found is None else found.message


def _out_of_range(value: int, *, low: int, high: int) -> Problem | None:
    if low <= value <= high:
        return None
    if len(str(value)) > 24:
        digits = len(str(abs(value)))
        shown = f"a number of {len(str(value))} digits"
        return Problem("lists.number_too_long", f"must be between {low} and {high}, not {shown}",
                       {"digits": digits})  # fmt: skip
    message = f"must be between {low} and {high}, not {value}"
    return Problem("lists.number_out_of_range", message, {"value": value, "low": low, "high": high})


def bounded_int(text: str, *, low: int = 1, high: int = MAX_INT32) -> int | Problem:
    """The integer in ``text``, or the :class:`~.tables.Problem` why it is not a usable one.

    Long digit strings are refused before Python converts them (``int()`` of 5,000 digits
    raises, of 4,000 takes time).

    >>> bounded_int("101"), bounded_int("12a").code, bounded_int("9" * 5000).params
    (101, 'lists.not_a_number', {'digits': 5000})
    """
    text = text.strip()
    digits = text.lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        message = f"a number of {len(digits)} digits is too long"
        return Problem("lists.number_too_long", message, {"digits": len(digits)})
    if not digits.isdigit() or not digits.isascii() or len(text) - len(digits) > 1:
        return Problem(
            "lists.not_a_number", f"{text[:40]!r} is not a whole number", {"value": text[:40]}
        )
    value = int(text)
    return _out_of_range(value, low=low, high=high) or value


def parse_bounded_int(text: str, *, low: int = 1, high: int = MAX_INT32) -> int | str:
    """The integer in ``text``, or the reason it is not a usable one (a ``str``): the English
    message of :func:`bounded_int`.

    >>> parse_bounded_int("101"), parse_bounded_int("-5"), parse_bounded_int("9" * 5000)
    (101, 'must be between 1 and 2147483647, not -5', 'a number of 5000 digits is too long')
    """
    found = bounded_int(text, low=low, high=high)
    return found.message if isinstance(found, Problem) else found


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
        raise ListsInputError(
            msg, file=file, line=deep[0], code="lists.json_too_deep", limit=max_depth
        )

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            at = text.find(digits)
            long = len(digits.lstrip("-"))
            msg = f"a number of {long} digits is too long"
            raise ListsInputError(
                msg, file=file, line=_line_of(text, at), code="lists.number_too_long", digits=long
            )
        return int(digits)

    try:
        return json.loads(text, parse_int=bounded_int, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg}"
        raise ListsInputError(msg, file=file, line=exc.lineno, code="lists.not_json") from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        msg = "JSON nested too deep"
        raise ListsInputError(msg, file=file, code="lists.json_too_deep", limit=max_depth) from None
    except ValueError as exc:  # e.g. a float Python cannot represent
        raise ListsInputError(f"not valid JSON: {exc}", file=file, code="lists.not_json") from None
