"""The tables of the voter-list audit format: each file's columns and what each holds, and
the rules (as polars expressions) that a value of each kind must keep."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from saylau.errors import InputError

Kind = Literal["text", "required", "int", "date", "flag"] | frozenset[str]


#: The stable codes of what the readers refuse, with the params each carries (the web layer
#: says each in the reader's language; the command line prints the English message). Every
#: error also names ``file``, ``line`` and ``field`` (the column) where it knows them: the
#: params named ``file`` and ``line`` here are those.
CODES: dict[str, tuple[str, ...]] = {
    # A file that cannot be read at all (:class:`ListsInputError`).
    "lists.file_missing": ("file",),
    "lists.file_unreadable": ("file",),
    "lists.file_empty": ("file",),
    "lists.not_utf8": ("file", "byte"),
    "lists.broken_quoting": ("file", "line"),
    "lists.missing_columns": ("file", "columns"),
    "lists.unreadable_csv": ("file",),
    "lists.json_too_deep": ("limit",),
    "lists.not_json": ("file",),
    # One row or value (a :class:`ListsInputError` with its line and column, or a
    # :class:`~saylau.lists.io.RowProblem`).
    "lists.wrong_width": ("found", "expected"),
    "lists.value_empty": (),
    "lists.code_required": ("choices",),
    "lists.not_one_of": ("value", "choices"),
    "lists.number_required": (),
    "lists.not_a_number": ("value",),
    "lists.number_too_long": ("digits",),
    "lists.number_out_of_range": ("value", "low", "high"),
    "lists.not_a_date": ("value",),
    "lists.not_a_real_date": ("value",),
    "lists.not_a_flag": ("value",),
    "lists.not_utf8_text": (),
}


class ListsInputError(InputError):
    """An audit input file that cannot be used: ``code`` (one of :data:`CODES`) and
    ``params`` say why, for a page in the reader's language; the message says it in English."""

    code = "lists_input"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        code: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(message, file=file, line=line, field=field)
        if code is not None:
            self.code = code
        self.params = params


@dataclass(frozen=True)
class Problem:
    """Why a value breaks its column's rule: a stable ``code`` (:data:`CODES`) with its
    ``params``, and the English ``message`` for the log and the command line."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rule:
    """A column's rule: its ``kind`` (``int``, ``date``, ``flag``, ``required``, ``code``)
    and the rule in English ``words``; ``choices`` are the codes a ``code`` column takes."""

    kind: str
    words: str
    choices: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.words


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


def _rules(spec: TableSpec) -> tuple[list[pl.Expr], list[pl.Expr], dict[str, Rule]]:
    """For every column of ``spec``: the expression giving its typed value, the expression
    that is true where the value breaks the column's rule, and the rule in words."""
    outs: list[pl.Expr] = []
    bads: list[pl.Expr] = []
    problems: dict[str, Rule] = {}
    for column, kind in spec.columns.items():
        value = pl.col(column).str.strip_chars()
        if kind == "int" or column in _OPTIONAL_INTS.get(spec.path, ()):
            out = value.cast(pl.Int64, strict=False)
            bad = value.is_not_null() & (value != "") & out.is_null()
            if kind == "int":
                bad = bad | value.is_null() | (value == "")
            problem = Rule("int", INT_PROBLEM)
        elif kind == "date":
            out = value.str.to_date("%Y-%m-%d", strict=False)
            given = value.is_not_null() & (value != "")
            bad = given & (out.is_null() | ~value.str.contains(_DATE_RE))
            problem = Rule("date", "must be a date YYYY-MM-DD (or empty)")
        elif kind == "flag":
            bad = value.is_not_null() & ~value.is_in(["0", "1", ""])
            problem = Rule("flag", "must be 0 or 1")
            out = (value == "1").fill_null(False)
        elif kind == "required":
            bad = value.is_null() | (value == "")
            problem = Rule("required", "must not be empty")
            out = value
        elif kind == "text":
            raw = pl.col(column)  # names and addresses are kept as written
            outs.append(pl.when(raw.str.len_bytes() == 0).then(None).otherwise(raw).alias(column))
            continue
        else:
            codes = sorted(kind)
            bad = value.is_null() | ~value.is_in(codes)
            problem = Rule("code", f"must be one of {', '.join(codes)}", tuple(codes))
            out = value
        outs.append(out.alias(column))
        bads.append(bad.fill_null(True).alias(f"__bad_{column}"))
        problems[column] = problem
    return outs, bads, problems


#: The rule of an ``int`` column in words.
INT_PROBLEM = "must be an integer"


def _message(problem: Rule, shown: str | None) -> Problem:
    """What is wrong with the value ``shown`` that breaks the rule ``problem``; a value that is
    not an integer is named the way every reader of saylau names it (a number of 5,000 digits
    is not repeated back, a non-ASCII digit is named)."""
    if shown is None or not shown.strip():
        message = f"{problem}, but it is empty" if shown is None else f"{problem}, not {shown!r}"
        if problem.kind == "int":
            return Problem("lists.number_required", message)
        if problem.kind == "code":
            return Problem("lists.code_required", message, {"choices": list(problem.choices)})
        return Problem("lists.value_empty", message)
    if problem.kind == "int":
        from .limits import bounded_int

        checked = bounded_int(shown, low=-(2**63), high=2**63 - 1)
        if isinstance(checked, Problem):
            return checked
    message = f"{problem}, not {shown!r}"
    value = shown.strip()[:40]
    if problem.kind == "date":
        real = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None
        return Problem(
            "lists.not_a_real_date" if real else "lists.not_a_date", message, {"value": value}
        )
    if problem.kind == "flag":
        return Problem("lists.not_a_flag", message, {"value": value})
    if problem.kind == "code":
        return Problem(
            "lists.not_one_of", message, {"value": value, "choices": list(problem.choices)}
        )
    if problem.kind == "utf8":
        return Problem("lists.not_utf8_text", message)
    return Problem("lists.value_empty", message)
