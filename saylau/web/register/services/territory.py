"""Districts and precincts of an extract: read by ``saylau.lists.io`` in the format's rules
(the reader of the voter-list audit), checked against the register's, updated in place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from saylau.errors import InputError
from saylau.lists.io import DISTRICTS, PRECINCTS, Problem, TableSpec, read_batches
from saylau.lists.io.limits import bounded_int, load_json, text_problem
from saylau.web.territory.models import District, Precinct, Region

from ..sentences import Refused
from .extract import Rejection, RowError, check_lengths, field_length


@dataclass(frozen=True)
class DistrictRow:
    code: str
    name_kk: str
    name_ru: str
    kind: str


@dataclass(frozen=True)
class PrecinctRow:
    number: int
    district_code: str
    polling_address: str
    kind: str


def region_identity(directory: Path, region_code: str | None) -> dict[str, str]:
    """The region an extract belongs to: DIR/region.json if present, else ``region_code``."""
    path = directory / "region.json"
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise Refused("not_utf8", "not UTF-8", file="region.json") from None
        data = load_json(text, file="region.json")
        if not isinstance(data, dict):
            raise Refused("not_json_object", "must be a JSON object", file="region.json")
        code = str(data.get("code") or data.get("region_code") or "").strip()
        if not code:
            msg = "no region code"
            raise Refused("region_code_missing", msg, file="region.json", field="code")
        for key, column in REGION_FIELDS.items():
            problem = text_problem(str(data.get(key) or ""), max_length=column)
            if problem is not None:
                raise InputError(problem, file="region.json", field=key)
        if region_code and region_code != code:
            msg = f"--region-code {region_code} disagrees with region.json ({code})"
            raise Refused(
                "region_code_disagrees",
                msg,
                file="region.json",
                field="code",
                given=region_code,
                region=code,
            )
        return {
            "code": code,
            "name_kk": str(data.get("name_kk") or code),
            "name_ru": str(data.get("name_ru") or code),
            "name_en": str(data.get("name_en") or ""),
        }
    if not region_code:
        msg = "no region.json in the extract: give --region-code"
        raise Refused("region_json_missing", msg, file="region.json")
    return {"code": region_code, "name_kk": region_code, "name_ru": region_code, "name_en": ""}


#: The region.json fields and the length of their database column.
REGION_FIELDS = {
    "code": field_length(Region, "code"),
    "region_code": field_length(Region, "code"),
    "name_kk": field_length(Region, "name_kk"),
    "name_ru": field_length(Region, "name_ru"),
    "name_en": field_length(Region, "name_en"),
}
DISTRICT_LENGTHS = {
    "district_code": field_length(District, "code"),
    "name_kk": field_length(District, "name_kk"),
    "name_ru": field_length(District, "name_ru"),
}


def _format_rows(
    directory: Path, spec: TableSpec, rejections: list[Rejection]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of ``spec``'s file that keep the format's rules (``saylau.lists.io``, the reader
    the voter-list audit uses too) as ``(line, values)``; a row that breaks one is a rejection."""
    for batch in read_batches(directory, spec, name=spec.path):
        rejections.extend(
            Rejection(spec.path, p.line, p.column, p.message, p.code, p.params)
            for p in batch.problems
        )
        for row in batch.frame.filter(pl.col("problem").is_null()).iter_rows(named=True):
            yield int(row["line"]), row


def _text(value: str | None) -> str:
    return (value or "").strip()


def read_districts(directory: Path, rejections: list[Rejection]) -> list[DistrictRow]:
    """districts.csv in the format's rules, then the register's: codes once, a name, and what
    the database columns hold."""
    rows: list[DistrictRow] = []
    seen: set[str] = set()
    found: list[Rejection] = []
    for line, values in _format_rows(directory, DISTRICTS, found):
        code, kk, ru = (_text(values[c]) for c in ("district_code", "name_kk", "name_ru"))
        try:
            check_lengths(DISTRICT_LENGTHS, district_code=code, name_kk=kk, name_ru=ru)
            if code in seen:
                raise RowError(
                    "district_code",
                    f"district {code} is listed twice",
                    "district_listed_twice",
                    district=code,
                )
            if not ru and not kk:
                raise RowError("name_ru", "the district has no name", "value_empty")
        except RowError as exc:
            found.append(exc.at(DISTRICTS.path, line))
            continue
        seen.add(code)
        rows.append(DistrictRow(code, kk or ru, ru or kk, values["kind"]))
    rejections.extend(sorted(found, key=lambda r: r.line))
    return rows


def read_precincts(
    directory: Path, districts: set[str], rejections: list[Rejection]
) -> list[PrecinctRow]:
    """precincts.csv in the format's rules, then the register's: a number the database holds,
    listed once, in a district of the extract, with its polling station's address."""
    rows: list[PrecinctRow] = []
    seen: set[int] = set()
    found: list[Rejection] = []
    for line, values in _format_rows(directory, PRECINCTS, found):
        number: int = values["precinct_no"]
        district_code, address = _text(values["district_code"]), _text(values["polling_address"])
        try:
            bounded = bounded_int(str(number))
            if isinstance(bounded, Problem):
                raise RowError("precinct_no", bounded.message, bounded.code, **bounded.params)
            check_lengths(
                {"polling_address": field_length(Precinct, "polling_address")},
                polling_address=address,
            )
            if number in seen:
                raise RowError(
                    "precinct_no",
                    f"precinct {number} is listed twice",
                    "precinct_listed_twice",
                    precinct=number,
                )
            if district_code not in districts:
                raise RowError(
                    "district_code",
                    f"unknown district {district_code!r}",
                    "district_unknown",
                    district=district_code[:40],
                )
            if not address:
                raise RowError(
                    "polling_address", "the polling station address is empty", "value_empty"
                )
        except RowError as exc:
            found.append(exc.at(PRECINCTS.path, line))
            continue
        seen.add(number)
        rows.append(PrecinctRow(number, district_code, address, values["kind"]))
    rejections.extend(sorted(found, key=lambda r: r.line))
    return rows


def upsert_region(identity: dict[str, str]) -> Region:
    region, created = Region.objects.get_or_create(
        code=identity["code"],
        defaults={k: identity[k] for k in ("name_kk", "name_ru", "name_en")},
    )
    return region


def upsert_territory(
    region: Region, districts: list[DistrictRow], precincts: list[PrecinctRow]
) -> tuple[int, int]:
    """Create or update in place; returns (districts, precincts) touched. Nothing is deleted:
    persons and past lists keep pointing at what they pointed at."""
    existing = {d.code: d for d in District.objects.filter(region=region)}
    for row in districts:
        d = existing.get(row.code)
        if d is None:
            existing[row.code] = District.objects.create(
                region=region,
                code=row.code,
                name_kk=row.name_kk,
                name_ru=row.name_ru,
                kind=row.kind,
            )
        elif (d.name_kk, d.name_ru, d.kind) != (row.name_kk, row.name_ru, row.kind):
            d.name_kk, d.name_ru, d.kind = row.name_kk, row.name_ru, row.kind
            d.save(update_fields=["name_kk", "name_ru", "kind"])
    by_number = {p.number: p for p in Precinct.objects.filter(region=region)}
    for prow in precincts:
        district = existing[prow.district_code]
        p = by_number.get(prow.number)
        if p is None:
            Precinct.objects.create(
                region=region,
                district=district,
                number=prow.number,
                kind=prow.kind,
                polling_address=prow.polling_address,
            )
        elif (p.district_id, p.kind, p.polling_address) != (
            district.pk,
            prow.kind,
            prow.polling_address,
        ):
            p.district, p.kind, p.polling_address = district, prow.kind, prow.polling_address
            p.save(update_fields=["district", "kind", "polling_address"])
    return len(districts), len(precincts)
