"""Small audit inputs a reader can check by eye: 19th-century synthetic people.

The election day is 16 March 1890, so everyone born before 16 March 1872 is of age and every
IIN is a 19th-century one (7th digit 1 or 2), which no living person holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from saylau.law.iin import make_iin
from saylau.lists.audit import AuditInputs

ELECTION = date(1890, 3, 16)


def iin(born: date, sex: str = "M", serial: int = 1) -> str:
    """A valid IIN (the next serial when the asked one is never issued)."""
    while (value := make_iin(born, sex, serial)) is None:  # type: ignore[arg-type]
        serial += 1
    return value


@dataclass
class Region:
    """A tiny region: precinct 1 and 2 ordinary, 9 special; addresses A1 (1), A2 (2)."""

    persons: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    addresses: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"address_id": "A1", "precinct_no": 1},
            {"address_id": "A2", "precinct_no": 2},
        ]
    )
    precincts: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"precinct_no": 1, "kind": "ordinary"},
            {"precinct_no": 2, "kind": "ordinary"},
            {"precinct_no": 9, "kind": "special"},
        ]
    )

    def person(
        self,
        last: str,
        first: str,
        patronymic: str | None,
        born: date,
        *,
        sex: str = "M",
        serial: int = 1,
        address: str | None = "A1",
        citizenship: str = "KZ",
        died: date | None = None,
        incapable: bool = False,
        imprisoned: bool = False,
        listed_at: int | None = 1,
    ) -> str:
        """Add a registry person (and, unless ``listed_at`` is None, their correct line)."""
        value = iin(born, sex, serial)
        self.persons.append(
            {
                "iin": value,
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "birth_date": born,
                "sex": sex,
                "citizenship": citizenship,
                "address_id": address,
                "death_date": died,
                "incapable": incapable,
                "imprisoned": imprisoned,
            }
        )
        if listed_at is not None:
            self.line(listed_at, value, last, first, patronymic, born, address)
        return value

    def line(
        self,
        precinct: int,
        iin_value: str | None,
        last: str,
        first: str,
        patronymic: str | None,
        born: date | None,
        address: str | None = "A1",
    ) -> tuple[int, int]:
        line_no = 1 + sum(1 for x in self.lines if x["precinct_no"] == precinct)
        self.lines.append(
            {
                "precinct_no": precinct,
                "line_no": line_no,
                "iin": iin_value,
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "birth_date": born,
                "address_id": address,
            }
        )
        return precinct, line_no

    def inputs(self) -> AuditInputs:
        person_schema = {
            "iin": pl.String,
            "last_name": pl.String,
            "first_name": pl.String,
            "patronymic": pl.String,
            "birth_date": pl.Date,
            "sex": pl.String,
            "citizenship": pl.String,
            "address_id": pl.String,
            "death_date": pl.Date,
            "incapable": pl.Boolean,
            "imprisoned": pl.Boolean,
        }
        line_schema = {
            "precinct_no": pl.Int64,
            "line_no": pl.Int64,
            "iin": pl.String,
            "last_name": pl.String,
            "first_name": pl.String,
            "patronymic": pl.String,
            "birth_date": pl.Date,
            "address_id": pl.String,
        }
        return AuditInputs(
            persons=pl.DataFrame(self.persons, schema=person_schema),
            addresses=pl.DataFrame(
                self.addresses, schema={"address_id": pl.String, "precinct_no": pl.Int64}
            ),
            precincts=pl.DataFrame(
                self.precincts,
                schema={"precinct_no": pl.Int64, "kind": pl.String, "district_code": pl.String},
            ),
            lines=pl.DataFrame(self.lines, schema=line_schema),
        )

    def audit(self, **config: Any) -> list[dict[str, Any]]:
        from saylau.lists.audit import AuditConfig, run_audit

        found = run_audit(self.inputs(), election_date=ELECTION, config=AuditConfig(**config))
        return [f.as_json() for f in found]


def checks(findings: list[dict[str, Any]]) -> list[str]:
    return [f["check"] for f in findings]
