"""Generating a whole region, chunk by chunk, into a directory that appears complete or not
at all (written to a temporary sibling, then renamed)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import numpy as np
import polars as pl

from saylau.lists.io import tempfiles
from saylau.lists.rules import PRECINCT_MAX_VOTERS

from .answer import Finding, answer_key, sort_key
from .chunk import (
    ADDRESS_COLUMNS,
    LIST_COLUMNS,
    PERSON_COLUMNS,
    RegionState,
    build_chunk,
    sort_lines,
)
from .distinct import SeenKeys
from .iins import IinAllocator
from .inject import Injected
from .inject import inject_errors as inject_errors_into
from .territory import DISTRICTS, REGION, VOTERS_AT_SCALE_1, ChunkPlan, plan_region

#: A spring Sunday: the default election day of the demo region.
DEFAULT_ELECTION_DATE = date(2027, 3, 21)
#: Voters per chunk: about 100,000 keeps a chunk's tables well under a gigabyte.
CHUNK_VOTERS = 100_000
FORMAT_VERSION = 1


@dataclass
class RegionSummary:
    """What was generated (also stored in ``region.json``)."""

    out_dir: Path
    scale: float
    seed: int
    election_date: date
    inject_errors: bool
    districts: int = 0
    precincts: int = 0
    special_precincts: int = 0
    addresses: int = 0
    persons: int = 0
    list_lines: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # expected findings per check
    injected: dict[str, int] = field(default_factory=dict)  # injections per kind

    def counts(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("out_dir", "scale", "seed", "election_date", "inject_errors"):
            d.pop(key)
        return d


class _CsvOut:
    """Appends chunk after chunk to one CSV file (UTF-8, header once, RFC 4180, CRLF)."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.columns = columns
        self.file: IO[bytes] = path.open("wb")
        self.header = True

    def write(self, frame: pl.DataFrame) -> None:
        frame.select(self.columns).write_csv(
            self.file, include_header=self.header, line_terminator="\r\n", date_format="%Y-%m-%d"
        )
        self.header = False

    def close(self) -> None:
        if self.header:
            self.file.write((",".join(self.columns) + "\r\n").encode())
        self.file.close()


def generate_region(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 0,
    inject_errors: bool = False,
    election_date: date = DEFAULT_ELECTION_DATE,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RegionSummary:
    """Write the synthetic region to ``out_dir`` (which must not exist or be empty, unless
    ``force``); the same arguments give the same bytes."""
    out_dir = Path(out_dir)
    if scale <= 0:
        msg = f"scale must be positive, not {scale}"
        raise ValueError(msg)
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        msg = f"{out_dir} is not empty"
        raise FileExistsError(msg)
    say = progress or (lambda _text: None)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tempfiles.remove_leftovers(out_dir.parent, out_dir.name)  # of a run that was killed
    tmp = Path(
        tempfile.mkdtemp(prefix=tempfiles.prefix(out_dir.name), suffix=".tmp", dir=out_dir.parent)
    )
    try:
        summary = _write_region(tmp, scale, seed, inject_errors, election_date, say)
        summary.out_dir = out_dir
        _publish(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary


def _publish(tmp: Path, out_dir: Path) -> None:
    """Rename the finished directory into place; an old one is moved aside first."""
    os.chmod(tmp, 0o755)  # noqa: S103 - mkdtemp makes 0700; the data is synthetic
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out_dir)


def _write_region(
    out: Path,
    scale: float,
    seed: int,
    inject_errors: bool,
    election_date: date,
    say: Callable[[str], None],
) -> RegionSummary:
    summary = RegionSummary(out, scale, seed, election_date, inject_errors)
    plan_rng = np.random.default_rng([seed, 0])
    chunks = plan_region(scale, plan_rng, CHUNK_VOTERS, min_precincts=2 if inject_errors else 1)
    if inject_errors:
        _overfill(chunks, scale, plan_rng)
    precincts = [p for c in chunks for p in c.precincts]
    pl.DataFrame(
        {
            "district_code": [d.code for d in DISTRICTS],
            "name_kk": [d.name_kk for d in DISTRICTS],
            "name_ru": [d.name_ru for d in DISTRICTS],
            "kind": [d.kind for d in DISTRICTS],
        }
    ).write_csv(out / "districts.csv", line_terminator="\r\n")
    pl.DataFrame(
        {
            "precinct_no": [p.number for p in precincts],
            "district_code": [p.district for p in precincts],
            "polling_address": [p.polling_address for p in precincts],
            "kind": [p.kind for p in precincts],
        }
    ).write_csv(out / "precincts.csv", line_terminator="\r\n")
    summary.districts = len(DISTRICTS)
    summary.precincts = len(precincts)
    summary.special_precincts = sum(p.kind == "special" for p in precincts)
    state = RegionState(
        election=election_date,
        allocator=IinAllocator(),
        seen=SeenKeys(int(VOTERS_AT_SCALE_1 * 1.8 * scale)),
    )
    persons = _CsvOut(out / "registry" / "persons.csv", PERSON_COLUMNS)
    addresses = _CsvOut(out / "registry" / "addresses.csv", ADDRESS_COLUMNS)
    lines = _CsvOut(out / "lists" / "voter_lists.csv", LIST_COLUMNS)
    injected = Injected()
    findings: list[Finding] = []
    try:
        for chunk in chunks:
            rng = np.random.default_rng([seed, 1, chunk.index])
            tables = build_chunk(chunk, rng, state)
            if inject_errors:
                inject_errors_into(tables, rng, state, injected)
            tables.lines = sort_lines(tables.lines)
            if inject_errors:
                kinds = {p.number: p.kind for p in chunk.precincts}
                findings += answer_key(
                    tables.persons,
                    tables.addresses,
                    tables.lines,
                    kinds,
                    injected.pd_kinds,
                    election_date,
                    date.fromordinal(state.adult_cutoff),
                )
            persons.write(tables.persons)
            addresses.write(tables.addresses)
            lines.write(tables.lines)
            summary.persons += tables.persons.height
            summary.addresses += tables.addresses.height
            summary.list_lines += tables.lines.height
            say(
                f"  chunk {chunk.index + 1}/{len(chunks)} ({chunk.district.name_ru}): "
                f"{summary.persons:,} persons, {summary.list_lines:,} list lines"
            )
    finally:
        for f in (persons, addresses, lines):
            f.close()
    if inject_errors:
        findings.sort(key=sort_key)
        with (out / "expected_findings.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
            for item in findings:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        summary.findings = dict(sorted(Counter(x["check"] for x in findings).items()))
        summary.injected = dict(sorted(injected.counts.items()))
    region = {
        **REGION,
        "format_version": FORMAT_VERSION,
        "election_date": election_date.isoformat(),
        "scale": scale,
        "seed": seed,
        "inject_errors": inject_errors,
        "generator": "saylau demo-data",
        "counts": summary.counts(),
    }
    (out / "region.json").write_text(
        json.dumps(region, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return summary


def _overfill(chunks: list[ChunkPlan], scale: float, rng: np.random.Generator) -> None:
    """PRECINCT_OVER_CAPACITY: a few Taraz precincts whose boundary takes in too many homes."""
    taraz = [p for c in chunks for p in c.precincts if p.kind == "ordinary" and p.district == "TAR"]
    taraz.sort(key=lambda p: (-p.target, p.number))
    for p in taraz[: max(1, round(2 * scale))]:
        p.target = PRECINCT_MAX_VOTERS + int(rng.integers(60, 300))
