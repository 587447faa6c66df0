"""What a staging column can hold: a value longer than its column, or holding a control character
(PostgreSQL refuses a NUL byte), is a rejected row with its reason, never a database error."""

from __future__ import annotations

import polars as pl

from saylau.lists.io import Problem
from saylau.lists.io.limits import bounded_int, text_problem

from .extract import Rejection, limit_code

#: The text columns of addresses.csv and persons.csv and the length of their staging column
#: (the same as the register's): a longer value, or one with a control character (PostgreSQL
#: refuses a NUL byte), is a rejected row, never a database error.
ADDRESS_LIMITS = {
    "address_id": 64,
    "district_code": 32,
    "locality": 200,
    "street": 200,
    "house": 50,
    "flat": 50,
}
PERSON_LIMITS = {"last_name": 100, "first_name": 100, "patronymic": 100, "address_id": 64}
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"


def over_limit(column: str, length: int) -> pl.Expr:
    value = pl.col(column).fill_null("")
    return (value.str.len_chars() > length) | value.str.contains(_CONTROL)


def first_over_limit(limits: dict[str, int]) -> pl.Expr:
    """The first column (in ``limits`` order) whose value its column cannot hold, or null."""
    chain: pl.Expr = pl.lit(None, dtype=pl.String)
    for column, length in reversed(limits.items()):
        chain = pl.when(over_limit(column, length)).then(pl.lit(column)).otherwise(chain)
    return chain


def limit_rejection(name: str, row: dict[str, object], limits: dict[str, int]) -> Rejection:
    column = row.get("limit")
    if isinstance(column, str):
        value = str(row.get(column) or "")
        reason = text_problem(value, max_length=limits[column])
        code, params = limit_code(value, limits[column])
        line = int(str(row["line"]))
        return Rejection(name, line, column, reason or "cannot be stored", code, params)
    number = bounded_int(str(row.get("precinct_no")))
    line = int(str(row["line"]))
    if isinstance(number, Problem):
        return Rejection(name, line, "precinct_no", number.message, number.code, number.params)
    return Rejection(name, line, "precinct_no", "is out of range")
