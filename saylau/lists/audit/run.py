"""Running the audit: every check over prepared tables, and the ``findings.jsonl`` file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Final

import polars as pl

from saylau.lists import io
from saylau.lists.io import tempfiles

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
from .owners import with_owners
from .prepare import Prepared, prepare

__all__ = [
    "CHECK_FUNCTIONS",
    "PER_IIN_CHECKS",
    "audit_directory",
    "audit_frame",
    "duplicate_features",
    "ordered_findings",
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


#: Checks that look at one list line and its registry person, or at every line and person of
#: one IIN: they run on each part of a register split by IIN (:func:`audit_frame`).
PER_IIN_CHECKS: Final = frozenset(
    {
        "INVALID_IIN",
        "IIN_NOT_IN_REGISTRY",
        "IIN_DATA_MISMATCH",
        "NAME_MISMATCH",
        "DUPLICATE_IIN",
        "DECEASED",
        "UNDERAGE",
        "NOT_CITIZEN",
        "INCAPABLE",
        "IMPRISONED",
        "WRONG_PRECINCT",
        "MISSING_VOTER",
    }
)


def _parts(inputs: AuditInputs, config: AuditConfig) -> int:
    return max(1, -(-max(inputs.lines.height, 1) // config.partition_lines))


def audit_frame(
    inputs: AuditInputs,
    *,
    election_date: date,
    config: AuditConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """Every finding of the configured checks as one frame, in a stable order: by check (the
    format's order), then by the first line, IIN, address and precinct pointed at.

    A register of more than ``config.partition_lines`` list lines is audited in parts by a
    hash of the IIN (a line and the registry person of its IIN fall in one part): the
    :data:`PER_IIN_CHECKS` run part by part, and only narrow columns are kept across parts:
    the duplicate-detection features of each line (:func:`.duplicates.line_features`) and
    the eligible voters per address. So the joined working table of a national register is
    never held whole.
    """
    config = config or AuditConfig()
    unknown = set(config.checks) - set(CHECKS)
    if unknown:
        msg = f"unknown checks: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    say = progress or (lambda _text: None)
    lines = _with_row(inputs.lines)
    found: dict[str, list[pl.DataFrame]] = {c: [] for c in CHECK_FUNCTIONS}
    features: list[pl.DataFrame] = []
    voters: list[pl.DataFrame] = []
    want_duplicates = "PROBABLE_DUPLICATE_PERSON" in config.checks
    for prepared in _prepared_parts(inputs, lines, election_date, config, say):
        for check in PER_IIN_CHECKS & config.checks:
            found[check].append(CHECK_FUNCTIONS[check](prepared))
        if want_duplicates:
            features.append(_narrow(duplicates.line_features(prepared.lines)))
        voters.append(prepared.address_voters)
        del prepared
    whole = prepare_totals(inputs, lines, voters, election_date=election_date, config=config)
    for check in set(config.checks) - PER_IIN_CHECKS - {"PROBABLE_DUPLICATE_PERSON"}:
        found[check].append(CHECK_FUNCTIONS[check](whole))
    if want_duplicates:
        feats = with_owners(pl.concat(features, how="vertical_relaxed"), inputs.persons)
        del features
        accepted = duplicates.accepted_pairs(
            feats,
            max_block=config.duplicate_max_block,
            min_score=config.duplicate_min_score,
            parts=_parts(inputs, config),
        )
        rows = pl.Series("row", sorted({x for a, b, _ in accepted for x in (a, b)}))
        info = feats.filter(pl.col("row").is_in(rows.cast(feats["row"].dtype).implode()))
        del feats
        found["PROBABLE_DUPLICATE_PERSON"].append(duplicates.duplicate_findings(info, accepted))
    frames = []
    for check in CHECK_FUNCTIONS:
        if check in config.checks:
            frame = pl.concat(found[check]) if found[check] else empty_findings()
            say(f"{check}: {frame.height}")
            frames.append(frame)
    return ordered_findings(frames)


def ordered_findings(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """Findings frames as one, in the audit's order: by check (the format's order), then by
    the first line, IIN, address and precinct pointed at (the Spark engine's order too)."""
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


def _with_row(lines: pl.DataFrame) -> pl.DataFrame:
    return lines if "row" in lines.columns else lines.with_row_index("row")


def _prepared_parts(
    inputs: AuditInputs,
    lines: pl.DataFrame,
    election_date: date,
    config: AuditConfig,
    say: Callable[[str], None],
) -> Iterator[Prepared]:
    """The prepared tables of each part of the register (split by a hash of the IIN)."""
    parts = _parts(inputs, config)
    if parts == 1:
        yield prepare(
            AuditInputs(inputs.persons, inputs.addresses, inputs.precincts, lines),
            election_date=election_date,
            config=config,
        )
        return
    line_part = (lines["iin"].hash(seed=7) % parts).cast(pl.UInt16)
    person_part = (inputs.persons["iin"].hash(seed=7) % parts).cast(pl.UInt16)
    for part in range(parts):
        sub = AuditInputs(
            inputs.persons.filter(person_part == part),
            inputs.addresses,
            inputs.precincts,
            lines.filter(line_part == part),
        )
        yield prepare(sub, election_date=election_date, config=config)
        del sub
        say(f"part {part + 1}/{parts} done")


def duplicate_features(
    inputs: AuditInputs, *, election_date: date, config: AuditConfig | None = None
) -> pl.DataFrame:
    """:func:`.duplicates.line_features` of every list line (``row`` = its index in
    ``inputs.lines``), computed part by part as :func:`audit_frame` does: what any duplicate
    detection (ours, Splink in ``benchmarks/audit_splink.py``) starts from."""
    config = config or AuditConfig()
    lines = _with_row(inputs.lines)
    feats = pl.concat(
        [
            _narrow(duplicates.line_features(p.lines))
            for p in _prepared_parts(inputs, lines, election_date, config, lambda _t: None)
        ],
        how="vertical_relaxed",
    )
    return with_owners(feats, inputs.persons)


def _narrow(feats: pl.DataFrame) -> pl.DataFrame:
    """Duplicate features kept across parts in few bytes a line: name skeletons as
    categoricals, the spelling of the full name as its hash (only ever compared for equality)."""
    return feats.with_columns(
        pl.col("spelling").hash(seed=11),
        *(pl.col(c).cast(pl.Categorical) for c in ("sk_last", "sk_first", "sk_pat", "sex")),
        pl.col("district").cast(pl.Categorical),
        pl.col("address_id").cast(pl.Categorical),
        pl.col("precinct_no").cast(pl.Int32),
        pl.col("line_no").cast(pl.Int32),
    )


def prepare_totals(
    inputs: AuditInputs,
    lines: pl.DataFrame,
    voters: list[pl.DataFrame],
    *,
    election_date: date,
    config: AuditConfig,
) -> Prepared:
    """The tables of the checks over the whole region (per address, per precinct): all list
    lines (only ``precinct_no`` is looked at) and the eligible voters per address summed over
    the parts. ``persons`` is empty: no such check reads it."""
    address_voters = (
        pl.concat(voters).group_by("address_id").agg(pl.col("voters").sum())
        if len(voters) > 1
        else voters[0]
    )
    addresses = inputs.addresses.select(
        pl.col("address_id").cast(address_voters.schema["address_id"]),
        pl.col("precinct_no").cast(pl.Int64),
    ).unique("address_id", keep="first", maintain_order=True)
    return Prepared(
        lines=lines.select(pl.col("precinct_no").cast(pl.Int64)),
        persons=inputs.persons.clear(),
        addresses=addresses,
        precincts=inputs.precincts,
        election_date=election_date,
        config=config,
        address_voters=address_voters,
    )


def run_audit(
    inputs: AuditInputs, *, election_date: date, config: AuditConfig | None = None
) -> list[Finding]:
    """The audit as a Python API: every finding, as :class:`Finding` values."""
    return to_findings(audit_frame(inputs, election_date=election_date, config=config))


def read_inputs(directory: Path) -> AuditInputs:
    """Read and check the files of an audit directory (raises ``ListsInputError``).

    Names and address ids come as ``Categorical`` (4 bytes a row: a national register has
    millions of rows but thousands of distinct names), list numbers as ``Int32``.
    """
    directory = Path(directory)
    io.read_table(directory, io.DISTRICTS)  # checked for the format, not needed by a check
    names = {c: pl.Categorical for c in ("last_name", "first_name", "patronymic", "address_id")}
    codes = {c: pl.Categorical for c in ("citizenship", "sex")}
    places = {c: pl.Categorical for c in ("district_code", "locality", "street", "house", "flat")}
    return AuditInputs(
        persons=io.read_table(directory, io.PERSONS, dtypes={**names, **codes}),
        addresses=io.read_table(directory, io.ADDRESSES, dtypes=places),
        precincts=io.read_table(directory, io.PRECINCTS),
        lines=io.read_table(
            directory, io.LISTS, dtypes={**names, "precinct_no": pl.Int32, "line_no": pl.Int32}
        ),
    )


def write_findings(frame: pl.DataFrame, out: Path) -> int:
    """Write ``findings.jsonl`` whole or not at all (a temporary file renamed into place)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tempfiles.remove_leftovers(out.parent, out.name)  # of a run that was killed
    fd, tmp = tempfile.mkstemp(prefix=tempfiles.prefix(out.name), suffix=".tmp", dir=out.parent)
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
