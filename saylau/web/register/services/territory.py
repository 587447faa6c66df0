"""Districts and precincts of an extract: small files, read whole, updated in place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from saylau.errors import InputError
from saylau.lists.io.limits import load_json, text_problem
from saylau.web.territory.models import District, Precinct, Region

from .extract import (
    DISTRICT_COLUMNS,
    PRECINCT_COLUMNS,
    CsvStream,
    Rejection,
    RowError,
    check_lengths,
    field_length,
    parse_precinct_no,
)


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
            raise InputError("not UTF-8", file="region.json") from None
        data = load_json(text, file="region.json")
        if not isinstance(data, dict):
            raise InputError("must be a JSON object", file="region.json")
        code = str(data.get("code") or data.get("region_code") or "").strip()
        if not code:
            raise InputError("no region code", file="region.json", field="code")
        for key, column in REGION_FIELDS.items():
            problem = text_problem(str(data.get(key) or ""), max_length=column)
            if problem is not None:
                raise InputError(problem, file="region.json", field=key)
        if region_code and region_code != code:
            msg = f"--region-code {region_code} disagrees with region.json ({code})"
            raise InputError(msg, file="region.json", field="code")
        return {
            "code": code,
            "name_kk": str(data.get("name_kk") or code),
            "name_ru": str(data.get("name_ru") or code),
            "name_en": str(data.get("name_en") or ""),
        }
    if not region_code:
        raise InputError("no region.json in the extract: give --region-code", file="region.json")
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


def read_districts(directory: Path, rejections: list[Rejection]) -> list[DistrictRow]:
    rows: list[DistrictRow] = []
    seen: set[str] = set()
    name = "districts.csv"
    for line, values in CsvStream(directory / name, name, DISTRICT_COLUMNS):
        try:
            if isinstance(values, RowError):
                raise values
            code, kk, ru, kind = (v.strip() for v in values)
            check_lengths(DISTRICT_LENGTHS, district_code=code, name_kk=kk, name_ru=ru)
            if not code:
                raise RowError("district_code", "the code is empty")
            if code in seen:
                raise RowError("district_code", f"district {code} is listed twice")
            if kind not in District.Kind.values:
                raise RowError("kind", f"{kind!r} is not district or city")
            if not ru and not kk:
                raise RowError("name_ru", "the district has no name")
        except RowError as exc:
            rejections.append(Rejection(name, line, exc.column, exc.reason))
            continue
        seen.add(code)
        rows.append(DistrictRow(code, kk or ru, ru or kk, kind))
    return rows


def read_precincts(
    directory: Path, districts: set[str], rejections: list[Rejection]
) -> list[PrecinctRow]:
    rows: list[PrecinctRow] = []
    seen: set[int] = set()
    name = "precincts.csv"
    for line, values in CsvStream(directory / name, name, PRECINCT_COLUMNS):
        try:
            if isinstance(values, RowError):
                raise values
            number_text, district_code, address, kind = (v.strip() for v in values)
            number = parse_precinct_no(number_text)
            check_lengths(
                {"polling_address": field_length(Precinct, "polling_address")},
                polling_address=address,
            )
            if number in seen:
                raise RowError("precinct_no", f"precinct {number} is listed twice")
            if district_code not in districts:
                raise RowError("district_code", f"unknown district {district_code!r}")
            if kind not in Precinct.Kind.values:
                raise RowError("kind", f"{kind!r} is not ordinary, special or abroad")
            if not address:
                raise RowError("polling_address", "the polling station address is empty")
        except RowError as exc:
            rejections.append(Rejection(name, line, exc.column, exc.reason))
            continue
        seen.add(number)
        rows.append(PrecinctRow(number, district_code, address, kind))
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
