"""The single-member half of ``saylau tabulate DIR``: reading the districts of election.json
and tabulating the ``race: single_member`` protocols (docs/formats/election.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from saylau.errors import InputError


@dataclass
class District:
    """A single-member district of election.json with the protocols read for it."""

    number: int
    name: str
    candidates: dict[str, dict[str, Any]]
    precincts: set[int] | None
    rows: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    seen: dict[int, str] = field(default_factory=dict)


def read_districts(
    data: Mapping[str, Any], file: str, precincts: Mapping[int, str] | None
) -> dict[int, District]:
    """The ``single_member_districts`` of election.json, checked (:class:`InputError` naming
    the field): numbers and candidate ids unique, a precinct in one district at most, and
    among the election's precincts when those are listed."""
    raw = data.get("single_member_districts")
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise InputError("must be a list", file=file, field="single_member_districts")
    districts: dict[int, District] = {}
    people: dict[str, int] = {}
    placed: dict[int, int] = {}
    for i, item in enumerate(raw):
        where = f"single_member_districts[{i}]"
        if not isinstance(item, Mapping):
            raise InputError("must be an object", file=file, field=where)
        number = item.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise InputError("is required (a whole number ≥ 1)", file=file, field=f"{where}.number")
        if number in districts:
            raise InputError(f"{number} appears twice", file=file, field=f"{where}.number")
        candidates: dict[str, dict[str, Any]] = {}
        raw_candidates = item.get("candidates")
        if not isinstance(raw_candidates, list) or not raw_candidates:
            raise InputError("must be a non-empty list", file=file, field=f"{where}.candidates")
        for j, person in enumerate(raw_candidates):
            at = f"{where}.candidates[{j}]"
            if not isinstance(person, Mapping):
                raise InputError("must be an object", file=file, field=at)
            ident = person.get("id")
            if isinstance(ident, bool) or not isinstance(ident, str | int) or ident == "":
                raise InputError("is required (string or integer)", file=file, field=f"{at}.id")
            key = str(ident)
            if key in people:
                msg = f"{key!r} also stands in district {people[key]}"
                raise InputError(msg, file=file, field=f"{at}.id")
            people[key] = number
            party = person.get("party")
            if party is not None and not isinstance(party, str):
                raise InputError("must be a party code or null", file=file, field=f"{at}.party")
            candidates[key] = {"name": str(person.get("name") or key), "party": party}
        own: set[int] | None = None
        if item.get("precincts") is not None:
            listed = item["precincts"]
            if not isinstance(listed, list) or not all(
                isinstance(n, int) and not isinstance(n, bool) for n in listed
            ):
                raise InputError(
                    "must be a list of precinct numbers", file=file, field=f"{where}.precincts"
                )
            own = set(listed)
            for n in listed:
                if n in placed:
                    msg = f"precinct {n} is also in district {placed[n]}"
                    raise InputError(msg, file=file, field=f"{where}.precincts")
                if precincts is not None and n not in precincts:
                    msg = f"precinct {n} is not a precinct of this election"
                    raise InputError(msg, file=file, field=f"{where}.precincts")
                placed[n] = number
        districts[number] = District(number, str(item.get("name") or number), candidates, own)
    return districts


def add_protocol(
    districts: dict[int, District], protocol: Any, data: dict[str, Any], source: str
) -> None:
    """File one single-member protocol under its district, or raise :class:`InputError`."""
    key = protocol.district
    district = districts.get(int(key)) if key is not None and key.isdigit() else None
    if district is None:
        raise InputError(f"{key!r} is not a single-member district", file=source, field="district")
    number = protocol.precinct_no
    if district.precincts is not None and number not in district.precincts:
        msg = f"precinct {number} does not vote in district {district.number}"
        raise InputError(msg, file=source, field="precinct_no")
    if number in district.seen:
        msg = f"precinct {number} also has {district.seen[number]}"
        raise InputError(msg, file=source, field="precinct_no")
    district.seen[number] = source
    found = sorted(v.code for v in protocol.votes)
    if found != sorted(district.candidates):
        msg = f"lines {found} differ from the district's candidates {sorted(district.candidates)}"
        raise InputError(msg, file=source, field="votes")
    district.rows.append((str(district.number), str(number), data))


def tabulate_districts(districts: dict[int, District]) -> tuple[dict[str, Any], list[str], bool]:
    """Sum each district, decide it by plurality; return the JSON, the missing precincts
    (``"district/precinct"``) and whether any district is undecided."""
    from saylau.law.tally import Totals, decide_district, district_json

    out: dict[str, Any] = {}
    missing: list[str] = []
    undecided = False
    for number, district in sorted(districts.items()):
        totals = Totals()
        for _district, _precinct, data in district.rows:
            totals.add(data)
        expected = None if district.precincts is None else len(district.precincts)
        if district.precincts is not None:
            missing += [f"{number}/{n}" for n in sorted(district.precincts - set(district.seen))]
        result = decide_district(totals, list(district.candidates))
        undecided = undecided or result.undecided is not None
        entry = district_json(totals, result, expected=expected)
        entry["name"] = district.name
        entry["winner_name"] = district.candidates[result.winner]["name"] if result.winner else None
        entry["winner_party"] = (
            district.candidates[result.winner]["party"] if result.winner else None
        )
        out[str(number)] = entry
    return out, missing, undecided
