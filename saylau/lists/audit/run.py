"""Running the audit: every check over prepared tables, and the ``findings.jsonl`` file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl

from saylau.lists import io

from . import duplicates, eligibility, identity, territory
from .model import (
    CHECKS,
    AuditConfig,
    AuditInputs,
    Finding,
    empty_findings,
    finding_records,
    to_findings,
)
from .prepare import Prepared, prepare

__all__ = [
    "CHECK_FUNCTIONS",
    "audit_directory",
    "audit_frame",
    "read_inputs",
    "run_audit",
    "write_findings",
]

#: Check code -> the function that finds it (each returns a findings frame).
CHECK_FUNCTIONS: dict[str, Callable[[Prepared], pl.DataFrame]] = {
    "INVALID_IIN": identity.invalid_iin,
    "IIN_NOT_IN_REGISTRY": identity.iin_not_in_registry,
    "IIN_DATA_MISMATCH": identity.iin_data_mismatch,
    "NAME_MISMATCH": identity.name_mismatch,
    "DUPLICATE_IIN": identity.duplicate_iin,
    "PROBABLE_DUPLICATE_PERSON": duplicates.probable_duplicate_person,
    "DECEASED": eligibility.deceased,
    "UNDERAGE": eligibility.underage,
    "NOT_CITIZEN": eligibility.not_citizen,
    "INCAPABLE": eligibility.incapable,
    "IMPRISONED": eligibility.imprisoned,
    "WRONG_PRECINCT": territory.wrong_precinct,
    "MISSING_VOTER": eligibility.missing_voter,
    "OVERCROWDED_ADDRESS": territory.overcrowded_address,
    "PRECINCT_OVER_CAPACITY": territory.precinct_over_capacity,
    "ADDRESS_WITHOUT_PRECINCT": territory.address_without_precinct,
}


def audit_frame(
    inputs: AuditInputs,
    *,
    election_date: date,
    config: AuditConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """Every finding of the configured checks as one frame, in a stable order: by check (the
    format's order), then by the first line, IIN, address and precinct pointed at."""
    config = config or AuditConfig()
    unknown = set(config.checks) - set(CHECKS)
    if unknown:
        msg = f"unknown checks: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    say = progress or (lambda _text: None)
    prepared = prepare(inputs, election_date=election_date, config=config)
    frames = []
    for check, fn in CHECK_FUNCTIONS.items():
        if check in config.checks:
            found = fn(prepared)
            say(f"{check}: {found.height}")
            frames.append(found)
    if not frames:
        return empty_findings()
    order = {c: i for i, c in enumerate(CHECKS)}
    first = pl.col("lines").list.first()
    return (
        pl.concat(frames, how="vertical")
        .with_columns(
            pl.col("check").replace_strict(order, return_dtype=pl.Int32).alias("_order"),
            first.struct.field("precinct_no").alias("_p"),
            first.struct.field("line_no").alias("_l"),
            pl.col("iins").list.first().alias("_i"),
        )
        .sort(["_order", "_p", "_l", "_i", "address_id", "precinct_no"], nulls_last=True)
        .drop("_order", "_p", "_l", "_i")
    )


def run_audit(
    inputs: AuditInputs, *, election_date: date, config: AuditConfig | None = None
) -> list[Finding]:
    """The audit as a Python API: every finding, as :class:`Finding` values."""
    return to_findings(audit_frame(inputs, election_date=election_date, config=config))


def read_inputs(directory: Path) -> AuditInputs:
    """Read and check the files of an audit directory (raises ``ListsInputError``)."""
    directory = Path(directory)
    io.read_table(directory, io.DISTRICTS)  # checked for the format, not needed by a check
    return AuditInputs(
        persons=io.read_table(directory, io.PERSONS),
        addresses=io.read_table(directory, io.ADDRESSES),
        precincts=io.read_table(directory, io.PRECINCTS),
        lines=io.read_table(directory, io.LISTS),
    )


def write_findings(frame: pl.DataFrame, out: Path) -> int:
    """Write ``findings.jsonl`` whole or not at all (a temporary file renamed into place)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for record in finding_records(frame):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def audit_directory(
    directory: Path,
    *,
    election_date: date,
    out: Path,
    config: AuditConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """Read ``directory``, audit it and write ``out``; return the findings frame."""
    inputs = read_inputs(directory)
    frame = audit_frame(inputs, election_date=election_date, config=config, progress=progress)
    write_findings(frame, out)
    return frame
