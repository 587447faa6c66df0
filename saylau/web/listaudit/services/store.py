"""Storing a run's findings: placed in a district and precinct, fingerprinted, and marked
with the resolution that still holds for them (or reopened when their data changed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import polars as pl

from saylau.lists.audit import AuditInputs
from saylau.lists.audit.model import finding_records

from ..models import AuditRun, Finding, Resolution
from . import identity
from .export import Places

BATCH = 2000


def _address_places(inputs: AuditInputs, wanted: set[str]) -> dict[str, tuple[int | None, str]]:
    """address_id -> (precinct_no, district_code) for the addresses findings lead to."""
    if not wanted:
        return {}
    cols = inputs.addresses.columns
    district = pl.col("district_code") if "district_code" in cols else pl.lit(None, pl.String)
    frame = (
        inputs.addresses.select(
            "address_id", pl.col("precinct_no").cast(pl.Int64), district.alias("district_code")
        )
        .filter(pl.col("address_id").is_in(sorted(wanted)))
        .unique("address_id", keep="first")
    )
    return {
        r["address_id"]: (r["precinct_no"], r["district_code"] or "")
        for r in frame.iter_rows(named=True)
    }


def build_findings(
    run: AuditRun, frame: pl.DataFrame, inputs: AuditInputs, places: Places
) -> Iterator[Finding]:
    """The engine's findings frame as unsaved :class:`Finding` rows of ``run``."""
    records = list(finding_records(frame))
    keys = [(int(x["precinct_no"]), int(x["line_no"])) for r in records for x in r["lines"]]
    line_facts = identity.referenced_lines(inputs, keys)
    iins = {i for r in records for i in r["iins"]}
    person_facts = identity.referenced_persons(inputs, iins)
    addresses = {r["address_id"] for r in records if r["address_id"]}
    addresses |= {f.address_id for f in line_facts.values() if f.address_id}
    addresses |= {p.address_id for p in person_facts.values() if p.address_id}
    address_places = _address_places(inputs, addresses)
    set_districts = _precinct_districts(inputs)

    for seq, r in enumerate(records, start=1):
        lines = [(int(x["precinct_no"]), int(x["line_no"])) for x in r["lines"]]
        where_no, where_district = _place(r, lines, line_facts, person_facts, address_places)
        precinct_id, district_id = _ids(where_no, where_district, set_districts, places)
        others = {_ids(p, "", set_districts, places)[1] for p, _n in lines[1:]}
        finding = Finding(
            run=run,
            region_id=run.region_id,
            district_id=district_id,
            precinct_id=precinct_id,
            seq=seq,
            check_code=r["check"],
            severity=r["severity"],
            fingerprint=identity.fingerprint(
                check=r["check"],
                lines=lines,
                iins=r["iins"],
                address_id=r["address_id"],
                precinct_no=r["precinct_no"],
                facts=line_facts,
            ),
            digest=identity.digest(
                lines=lines,
                iins=r["iins"],
                evidence=r["evidence"],
                line_facts=line_facts,
                person_facts=person_facts,
            ),
            lines=[list(k) for k in lines],
            written=[
                {"precinct_no": k[0], "line_no": k[1], **line_facts[k].written}
                for k in lines
                if k in line_facts
            ],
            iins=list(r["iins"]),
            address_code=r["address_id"] or "",
            precinct_no=r["precinct_no"],
            message=r["message"],
            evidence=r["evidence"],
        )
        finding.other_districts = {d for d in others if d is not None and d != district_id}  # type: ignore[attr-defined]
        yield finding


def _precinct_districts(inputs: AuditInputs) -> dict[int, str]:
    """precinct_no -> district_code as the audited data has it (an uploaded set may number
    its precincts differently from the stored territory)."""
    if "district_code" not in inputs.precincts.columns:
        return {}
    frame = inputs.precincts.select(pl.col("precinct_no").cast(pl.Int64), "district_code")
    return {int(n): str(d) for n, d in frame.iter_rows() if n is not None and d is not None}


def _ids(
    number: int | None, district_code: str, set_districts: dict[int, str], places: Places
) -> tuple[int | None, int | None]:
    """(precinct id, district id) of the stored territory for a finding's place. The district
    is the audited data's own; the stored precinct of that number is linked only when it lies
    in that same district."""
    if number is not None and not district_code:
        district_code = set_districts.get(number, "")
    district_id = places.district_by_code.get(district_code) if district_code else None
    stored = places.precinct_by_no.get(number) if number is not None else None
    if stored is None:
        return None, district_id
    if district_id is None or stored[1] == district_id:
        return stored[0], stored[1]
    return None, district_id


def _place(
    r: dict[str, Any],
    lines: list[tuple[int, int]],
    line_facts: dict[tuple[int, int], identity.LineFacts],
    person_facts: dict[str, identity.PersonFacts],
    address_places: dict[str, tuple[int | None, str]],
) -> tuple[int | None, str]:
    """(precinct number, district code) a finding belongs to: its first line's precinct, the
    precinct it names, else where the dwelling or the named person is registered."""
    if lines:
        return lines[0][0], ""
    if r["precinct_no"] is not None:
        return int(r["precinct_no"]), ""
    address = r["address_id"]
    if address is None and r["iins"]:
        facts = person_facts.get(r["iins"][0])
        address = facts.address_id if facts else None
    if address and address in address_places:
        return address_places[address]
    return None, ""


def apply_resolutions(run: AuditRun, findings: list[Finding]) -> None:
    """Mark findings a resolution still holds for; reopen those whose data changed."""
    fingerprints = [f.fingerprint for f in findings]
    known: dict[str, Resolution] = {}
    for i in range(0, len(fingerprints), 900):
        for held in Resolution.objects.filter(
            region_id=run.region_id, fingerprint__in=fingerprints[i : i + 900]
        ):
            known[held.fingerprint] = held
    for f in findings:
        res = known.get(f.fingerprint)
        if res is None:
            continue
        f.resolution = res
        f.status = res.status if res.digest == f.digest else Finding.Status.REOPENED


def store_findings(
    run: AuditRun,
    frame: pl.DataFrame,
    inputs: AuditInputs,
    places: Places,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replace ``run``'s findings with ``frame`` (idempotent: a re-run stores them once)."""
    Finding.objects.filter(run=run).delete()
    findings = list(build_findings(run, frame, inputs, places))
    seen: set[str] = set()
    unique = []
    for f in findings:  # one finding per fingerprint and run (the engine gives no repeats)
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            unique.append(f)
    apply_resolutions(run, unique)
    through = Finding.also_districts.through
    for i in range(0, len(unique), BATCH):
        batch = Finding.objects.bulk_create(unique[i : i + BATCH])
        through.objects.bulk_create(
            [
                through(finding_id=f.pk, district_id=d)
                for f in batch
                for d in sorted(getattr(f, "other_districts", ()))
            ]
        )
        if progress is not None:
            progress(min(i + BATCH, len(unique)))
    return len(unique)
