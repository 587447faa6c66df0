"""Fingerprints and data digests of findings.

A finding's **fingerprint** is the check and the identities of what it names, so the same
problem found on the next run has the same fingerprint however the lists were renumbered:

* a list line is its precinct and the IIN written on it (a line with no IIN: its precinct,
  name and birth date), never its line number, which changes when a list is recompiled;
* a registry person is the IIN; a dwelling its address id; a whole precinct its number.

Its **digest** is a hash of the data the finding rests on: the written fields of its lines,
the registry fields of the persons it names, and the engine's evidence (counts, scores,
dates). A resolution holds while the digest is the one it was made on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from saylau.lists.audit import AuditInputs
from saylau.lists.io import PERSONS

LINE_FIELDS = ("iin", "last_name", "first_name", "patronymic", "birth_date", "address_id")
#: A registry person's data a finding rests on: every column of persons.csv but the IIN.
PERSON_FIELDS = tuple(c for c in PERSONS.columns if c != "iin")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class LineFacts:
    identity: str
    data: str
    address_id: str | None
    #: The line as written (:data:`LINE_FIELDS`), kept with the finding: an uploaded set is
    #: deleted after its run, and the finding page shows the lines side by side.
    written: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class PersonFacts:
    data: str
    address_id: str | None


def line_identity(precinct_no: int, row: Mapping[str, Any]) -> str:
    iin = _text(row.get("iin")).strip()
    if iin:
        return f"{precinct_no}|{iin}"
    names = "|".join(_text(row.get(k)) for k in ("last_name", "first_name", "patronymic"))
    return f"{precinct_no}|~{names}|{_text(row.get('birth_date'))}"


def referenced_lines(
    inputs: AuditInputs, keys: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], LineFacts]:
    """Facts of the list lines that findings name (only those: a join, not a dict of all)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    refs = pl.DataFrame(
        {"precinct_no": [k[0] for k in wanted], "line_no": [k[1] for k in wanted]},
        schema={"precinct_no": pl.Int64, "line_no": pl.Int64},
    )
    lines = inputs.lines.select(
        pl.col("precinct_no").cast(pl.Int64), pl.col("line_no").cast(pl.Int64), *LINE_FIELDS
    ).unique(["precinct_no", "line_no"], keep="first")
    out: dict[tuple[int, int], LineFacts] = {}
    for row in refs.join(lines, on=["precinct_no", "line_no"], how="inner").iter_rows(named=True):
        key = (int(row["precinct_no"]), int(row["line_no"]))
        out[key] = LineFacts(
            identity=line_identity(key[0], row),
            data="|".join(_text(row[f]) for f in LINE_FIELDS),
            address_id=row["address_id"],
            written={f: _text(row[f]) for f in LINE_FIELDS},
        )
    return out


def referenced_persons(inputs: AuditInputs, iins: Iterable[str]) -> dict[str, PersonFacts]:
    wanted = sorted(set(iins))
    if not wanted:
        return {}
    refs = pl.DataFrame({"iin": wanted}, schema={"iin": pl.String})
    persons = inputs.persons.select("iin", *PERSON_FIELDS).unique("iin", keep="first")
    return {
        row["iin"]: PersonFacts(
            data="|".join(_text(row[f]) for f in PERSON_FIELDS), address_id=row["address_id"]
        )
        for row in refs.join(persons, on="iin", how="inner").iter_rows(named=True)
    }


def _sha(parts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def fingerprint(
    *,
    check: str,
    lines: list[tuple[int, int]],
    iins: list[str],
    address_id: str | None,
    precinct_no: int | None,
    facts: Mapping[tuple[int, int], LineFacts],
) -> str:
    idents = sorted(facts[k].identity if k in facts else f"{k[0]}#{k[1]}" for k in lines)
    return _sha(
        [
            check,
            ";".join(idents),
            ";".join(sorted(iins)),
            address_id or "",
            "" if precinct_no is None else str(precinct_no),
        ]
    )


def digest(
    *,
    lines: list[tuple[int, int]],
    iins: list[str],
    evidence: Mapping[str, Any],
    line_facts: Mapping[tuple[int, int], LineFacts],
    person_facts: Mapping[str, PersonFacts],
) -> str:
    line_data = sorted(line_facts[k].data if k in line_facts else "" for k in lines)
    person_data = sorted(f"{i}|{person_facts[i].data}" if i in person_facts else i for i in iins)
    return _sha(
        [
            ";".join(line_data),
            ";".join(person_data),
            json.dumps(evidence, sort_keys=True, ensure_ascii=False, default=str),
        ]
    )
