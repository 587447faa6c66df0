"""What the audit takes and gives: inputs, configuration, findings (the v1 format).

A finding points at what it is about: list lines by ``(precinct_no, line_no)`` in ``lines``,
registry persons in ``iins``, a dwelling in ``address_id``, a whole precinct in
``precinct_no``; every field is present, what does not apply is ``[]`` or ``None``
(docs/formats/voter-list-audit.md, "Output: findings.jsonl").

Internally findings are one polars frame (:data:`FINDING_SCHEMA`), ``evidence`` held as a JSON
text so that every check can give its own keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

import polars as pl

from saylau.law.eligibility import FEB29_RULE
from saylau.lists.rules import OVERCROWDED_ADDRESS_MIN_VOTERS, PRECINCT_MAX_VOTERS

__all__ = [
    "CHECKS",
    "FINDING_SCHEMA",
    "AuditConfig",
    "AuditInputs",
    "Finding",
    "empty_findings",
    "finding_records",
    "make_findings",
]

Severity = Literal["error", "warning"]

#: Every check in report order, with its severity (the table of the format).
CHECKS: Final[dict[str, Severity]] = {
    "INVALID_IIN": "error",
    "IIN_NOT_IN_REGISTRY": "error",
    "IIN_DATA_MISMATCH": "error",
    "NAME_MISMATCH": "warning",
    "DUPLICATE_IIN": "error",
    "PROBABLE_DUPLICATE_PERSON": "warning",
    "DECEASED": "error",
    "UNDERAGE": "error",
    "NOT_CITIZEN": "error",
    "INCAPABLE": "error",
    "IMPRISONED": "error",
    "WRONG_PRECINCT": "error",
    "MISSING_VOTER": "error",
    "OVERCROWDED_ADDRESS": "warning",
    "PRECINCT_OVER_CAPACITY": "warning",
    "ADDRESS_WITHOUT_PRECINCT": "warning",
}

LINE_STRUCT = pl.Struct({"precinct_no": pl.Int64, "line_no": pl.Int64})
_FIELDS: dict[str, pl.DataType] = {
    "check": pl.String(),
    "severity": pl.String(),
    "lines": pl.List(LINE_STRUCT),
    "iins": pl.List(pl.String),
    "address_id": pl.String(),
    "precinct_no": pl.Int64(),
    "message": pl.String(),
    "evidence": pl.String(),
}
FINDING_SCHEMA: Final = pl.Schema(_FIELDS)


@dataclass(frozen=True)
class AuditInputs:
    """The four tables of an audit (districts are not needed by any check).

    Column names and types are those :mod:`saylau.lists.io` returns: ``persons`` (iin,
    last_name, first_name, patronymic, birth_date: Date, sex, citizenship, address_id,
    death_date: Date, incapable: Boolean, imprisoned: Boolean), ``addresses`` (address_id,
    precinct_no: Int64), ``precincts`` (precinct_no: Int64, kind, district_code if known),
    ``lines`` (precinct_no,
    line_no: Int64, iin, last_name, first_name, patronymic, birth_date: Date, address_id).
    Extra columns are ignored, so the web app can pass frames loaded from its database.
    """

    persons: pl.DataFrame
    addresses: pl.DataFrame
    precincts: pl.DataFrame
    lines: pl.DataFrame


@dataclass(frozen=True)
class AuditConfig:
    """The audit's parameters; none is set by a statute unless its comment says so.

    ``feb29``: a person born on 29 February turns 18 on 28 February in a common year
    (``saylau.law.eligibility.FEB29_RULE``, article UNCONFIRMED) or on 1 March.
    ``dead_on_election_day_is_deceased``: the format counts a death *before* election day
    (default); the law layer's ``voter_reasons`` also one *on* it (UNCONFIRMED which is right).
    ``duplicate_name_similarity``: the least similarity (0-1) of two spellings of a name for
    PROBABLE_DUPLICATE_PERSON; ``duplicate_max_block``: blocking keys shared by more lines are
    skipped; ``duplicate_min_score``: the least posterior probability of one person for a
    pair to be reported (0.5: more likely one person than two). ``partition_lines``: a register with more list lines is audited in parts of
    about this many lines (split by IIN), to bound the memory a national register needs.
    """

    overcrowded_min_voters: int = OVERCROWDED_ADDRESS_MIN_VOTERS
    precinct_max_voters: int = PRECINCT_MAX_VOTERS
    feb29: Literal["feb28", "mar1"] = FEB29_RULE
    dead_on_election_day_is_deceased: bool = False
    duplicate_name_similarity: float = 0.85
    duplicate_max_block: int = 60
    duplicate_min_score: float = 0.5
    partition_lines: int = 1_500_000
    checks: frozenset[str] = field(default_factory=lambda: frozenset(CHECKS))


@dataclass(frozen=True)
class Finding:
    """One finding as the format writes it."""

    check: str
    severity: str
    lines: tuple[tuple[int, int], ...]
    iins: tuple[str, ...]
    address_id: str | None
    precinct_no: int | None
    message: str
    evidence: Mapping[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "lines": [{"precinct_no": p, "line_no": n} for p, n in self.lines],
            "iins": list(self.iins),
            "address_id": self.address_id,
            "precinct_no": self.precinct_no,
            "message": self.message,
            "evidence": dict(self.evidence),
        }


def empty_findings() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDING_SCHEMA)


def one_line() -> pl.Expr:
    """The ``lines`` value of a finding about the frame's own list line."""
    return pl.concat_list(pl.struct("precinct_no", "line_no").cast(LINE_STRUCT))


def evidence_json(**fields: pl.Expr) -> pl.Expr:
    """A JSON object text from named expressions (callers turn dates into text first)."""
    if not fields:
        return pl.lit("{}")
    return pl.struct([e.alias(k) for k, e in fields.items()]).struct.json_encode()


def make_findings(
    frame: pl.DataFrame,
    check: str,
    *,
    message: pl.Expr,
    evidence: pl.Expr,
    lines: pl.Expr | None = None,
    iins: pl.Expr | None = None,
    address_id: pl.Expr | None = None,
    precinct_no: pl.Expr | None = None,
) -> pl.DataFrame:
    """Findings of ``check``, one per row of ``frame``; absent parts are ``[]`` / null."""
    if frame.height == 0:
        return empty_findings()
    return frame.select(
        pl.lit(check).alias("check"),
        pl.lit(CHECKS[check]).alias("severity"),
        (lines if lines is not None else pl.lit([], dtype=pl.List(LINE_STRUCT))).alias("lines"),
        (iins if iins is not None else pl.lit([], dtype=pl.List(pl.String))).alias("iins"),
        (address_id if address_id is not None else pl.lit(None, dtype=pl.String)).alias(
            "address_id"
        ),
        (precinct_no if precinct_no is not None else pl.lit(None, dtype=pl.Int64)).alias(
            "precinct_no"
        ),
        message.alias("message"),
        evidence.alias("evidence"),
    ).cast(_FIELDS)  # type: ignore[arg-type]


def _records(frame: pl.DataFrame) -> Iterator[dict[str, Any]]:
    for row in frame.iter_rows(named=True):
        row["evidence"] = json.loads(row["evidence"])
        yield row


def finding_records(frame: pl.DataFrame) -> Iterator[dict[str, Any]]:
    """The findings as JSON-ready dicts in the format's field order."""
    return _records(frame.select(list(FINDING_SCHEMA)))


def to_findings(frame: pl.DataFrame) -> list[Finding]:
    """The findings frame as :class:`Finding` values."""
    return [
        Finding(
            check=r["check"],
            severity=r["severity"],
            lines=tuple((int(x["precinct_no"]), int(x["line_no"])) for x in r["lines"]),
            iins=tuple(r["iins"]),
            address_id=r["address_id"],
            precinct_no=r["precinct_no"],
            message=r["message"],
            evidence=r["evidence"],
        )
        for r in finding_records(frame)
    ]


def day(value: date) -> pl.Expr:
    return pl.lit(value, dtype=pl.Date)
