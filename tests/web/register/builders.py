"""Small registry extracts written to a temporary directory (synthetic people, 19th-century IINs)."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from saylau.law.iin import make_iin


def iin(n: int, *, sex: str = "M", born: date | None = None) -> str:
    """The n-th synthetic IIN: born in the 19th century, so never a real person's."""
    birth = born or date(1850 + n % 40, 1 + n % 12, 1 + n % 28)
    serial = n
    while True:
        value = make_iin(birth, sex, serial)  # type: ignore[arg-type]
        if value is not None:
            return value
        serial += 5000


@dataclass(frozen=True)
class P:
    iin: str
    last_name: str
    first_name: str
    patronymic: str = ""
    birth_date: str = ""
    sex: str = "M"
    citizenship: str = "KZ"
    address_id: str = "A1"
    death_date: str = ""
    incapable: str = "0"
    imprisoned: str = "0"

    def but(self, **changes: str) -> P:
        return replace(self, **changes)


def person(n: int, last: str = "Әбілов", first: str = "Ерлан", **kw: str) -> P:
    sex = kw.pop("sex", "M")
    value = iin(n, sex=sex)
    born = f"18{value[0:2]}-{value[2:4]}-{value[4:6]}"
    return P(iin=value, last_name=last, first_name=first, birth_date=born, sex=sex, **kw)


@dataclass
class Extract:
    region_code: str = "ZHA"
    districts: list[tuple[str, str, str, str]] = field(
        default_factory=lambda: [
            ("D1", "Тараз қаласы", "город Тараз", "city"),
            ("D2", "Байзақ ауданы", "Байзакский район", "district"),
        ]
    )
    precincts: list[tuple[str, str, str, str]] = field(
        default_factory=lambda: [
            ("101", "D1", "г. Тараз, ул. Абая, 1, школа № 1", "ordinary"),
            ("102", "D1", "г. Тараз, ул. Абая, 20, школа № 2", "ordinary"),
            ("201", "D2", "с. Сарыкемер, ул. Байзак батыра, 5", "ordinary"),
            ("900", "D1", "г. Тараз, областная больница", "special"),
        ]
    )
    addresses: list[tuple[str, ...]] = field(
        default_factory=lambda: [
            ("A1", "D1", "Тараз", "ул. Толе би", "1", "1", "101"),
            ("A2", "D1", "Тараз", "ул. Толе би", "1", "2", "101"),
            ("A3", "D1", "Тараз", "ул. Сүлейменов", "7", "", "102"),
            ("B1", "D2", "Сарыкемер", "ул. Жібек жолы", "3", "", "201"),
        ]
    )
    persons: list[P] = field(default_factory=list)

    def write(self, directory: Path) -> Path:
        (directory / "registry").mkdir(parents=True, exist_ok=True)
        (directory / "region.json").write_text(
            json.dumps(
                {
                    "code": self.region_code,
                    "name_kk": "Жамбыл облысы",
                    "name_ru": "Жамбылская область",
                    "name_en": "Zhambyl oblast",
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        _csv(
            directory / "districts.csv",
            ["district_code", "name_kk", "name_ru", "kind"],
            self.districts,
        )
        _csv(
            directory / "precincts.csv",
            ["precinct_no", "district_code", "polling_address", "kind"],
            self.precincts,
        )
        _csv(
            directory / "registry/addresses.csv",
            ["address_id", "district_code", "locality", "street", "house", "flat", "precinct_no"],
            self.addresses,
        )
        _csv(
            directory / "registry/persons.csv",
            [
                "iin",
                "last_name",
                "first_name",
                "patronymic",
                "birth_date",
                "sex",
                "citizenship",
                "address_id",
                "death_date",
                "incapable",
                "imprisoned",
            ],
            [
                (
                    p.iin,
                    p.last_name,
                    p.first_name,
                    p.patronymic,
                    p.birth_date,
                    p.sex,
                    p.citizenship,
                    p.address_id,
                    p.death_date,
                    p.incapable,
                    p.imprisoned,
                )
                for p in self.persons
            ],
        )
        return directory


def _csv(path: Path, header: list[str], rows: Sequence[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def standard_persons() -> list[P]:
    return [
        person(1, "Әбілов", "Ерлан", patronymic="Қанатұлы", address_id="A1"),
        person(2, "Иванова", "Мария", patronymic="Петровна", sex="F", address_id="A1"),
        person(3, "Сейітқали", "Гүлнұр", sex="F", address_id="A2"),
        person(4, "Өмірбеков", "Нұрлан", address_id="A3"),
        person(5, "Бекова", "Айгүл", sex="F", address_id="B1"),
        person(6, "Ким", "Виктор", address_id="B1", citizenship="RU"),
    ]
