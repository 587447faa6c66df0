"""The tables of the voter-list audit format: each file's columns and what each holds, and
the rules (as polars expressions) that a value of each kind must keep."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import polars as pl

from saylau.errors import InputError

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
            problem = INT_PROBLEM
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


#: The rule of an ``int`` column in words.
INT_PROBLEM = "must be an integer"


def _message(problem: str, shown: str | None) -> str:
    """What is wrong with the value ``shown`` that breaks the rule ``problem``; a value that is
    not an integer is named the way every reader of saylau names it (a number of 5,000 digits
    is not repeated back, a non-ASCII digit is named)."""
    if shown is None:
        return f"{problem}, but it is empty"
    if problem == INT_PROBLEM:
        from .limits import parse_bounded_int

        reason = parse_bounded_int(shown, low=-(2**63), high=2**63 - 1)
        if isinstance(reason, str):
            return reason
    return f"{problem}, not {shown!r}"
