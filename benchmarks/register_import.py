"""Benchmark of the voter register: import, re-import, registry events, raw COPY comparison.

    .venv/bin/python benchmarks/register_import.py --persons 200000 --events 20000
    bash .ci/with-postgres .venv/bin/python benchmarks/register_import.py --persons 200000
    bash .ci/with-postgres .venv/bin/python benchmarks/register_import.py --data /work/data/persons12m

``--data DIR`` imports an extract that exists (read only, e.g. one ``saylau demo-data`` wrote);
``--scale`` generates one with ``saylau.lists.demo.generate_region`` in this process; else the
benchmark writes its own synthetic extract (19th-century IINs, so never a real person's).
SQLite goes to a throw-away file unless DATABASE_URL is set. Prints one JSON object of results:
per step the wall time, this process's CPU time (PostgreSQL's server CPU is not in it) and the
load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from saylau.law.iin import make_iin  # noqa: E402

LAST = [
    "Әбілов",
    "Иванов",
    "Сейітқали",
    "Өмірбеков",
    "Бекова",
    "Ким",
    "Нұрланов",
    "Жаңаев",
    "Қасымов",
    "Ахметова",
    "Тоқтаров",
    "Петрова",
    "Ұлықбеков",
    "Ғаббасов",
    "Іргебаев",
]
FIRST = [
    "Ерлан",
    "Мария",
    "Гүлнұр",
    "Нұрлан",
    "Айгүл",
    "Виктор",
    "Дәулет",
    "Асқар",
    "Әлия",
    "Серік",
    "Жанар",
    "Бауыржан",
    "Ұлжан",
    "Қайрат",
]


def synthetic_extract(directory: Path, persons: int, seed: int) -> None:
    """A region of ``persons`` people: 14 districts, ~1,500 persons per precinct, 2.5 per dwelling."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    (directory / "registry").mkdir(parents=True)
    (directory / "region.json").write_text(
        json.dumps({"code": "BENCH", "name_ru": "Бенч", "name_kk": "Бенч"})
    )
    districts = [f"D{i:02d}" for i in range(14)]
    precincts = max(persons // 1500, 14)
    addresses = max(persons * 2 // 5, 1)
    with (directory / "districts.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["district_code", "name_kk", "name_ru", "kind"])
        for d in districts:
            w.writerow([d, f"{d} ауданы", f"район {d}", "district"])
    with (directory / "precincts.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["precinct_no", "district_code", "polling_address", "kind"])
        for n in range(precincts):
            w.writerow([n + 1, districts[n % 14], f"ул. Абая, {n}, школа № {n}", "ordinary"])
    with (directory / "registry/addresses.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["address_id", "district_code", "locality", "street", "house", "flat", "precinct_no"]
        )
        for a in range(addresses):
            p = a * precincts // addresses
            w.writerow(
                [f"A{a:09d}", districts[p % 14], "Тараз", "ул. Толе би", a % 300, a % 90, p + 1]
            )
    start = date(1801, 1, 1)
    with (directory / "registry/persons.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
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
            ]
        )
        day = 0
        serial = 0
        for _ in range(persons):
            serial += 1
            if serial > 9000:
                serial, day = 1, day + 1
            born = start + timedelta(days=day)
            sex: Literal["M", "F"] = "M" if serial % 2 else "F"
            iin = make_iin(born, sex, serial)
            if iin is None:
                continue
            w.writerow(
                [
                    iin,
                    rng.choice(LAST),
                    rng.choice(FIRST),
                    "",
                    born.isoformat(),
                    sex,
                    "KZ" if rng.random() < 0.97 else "RU",
                    f"A{rng.randrange(addresses):09d}",
                    "",
                    "0",
                    "0",
                ]
            )


def events_file(path: Path, iins: list[str], addresses: list[str], n: int, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311
    chosen = rng.sample(iins, min(n, len(iins)))
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "event_id",
                "event_date",
                "kind",
                "iin",
                "death_date",
                "address_id",
                "last_name",
                "first_name",
                "patronymic",
                "citizenship",
            ]
        )
        for i, iin in enumerate(chosen):
            d = (date(1900, 1, 1) + timedelta(days=i * 365 // max(len(chosen), 1))).isoformat()
            kind = ("death", "residence_change", "name_change", "imprisoned")[i % 4]
            row = [f"BE{i:08d}", d, kind, iin, "", "", "", "", "", ""]
            if kind == "residence_change":
                row[5] = rng.choice(addresses)
            if kind == "name_change":
                row[6], row[7] = rng.choice(LAST), rng.choice(FIRST)
            w.writerow(row)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=200_000)
    ap.add_argument(
        "--scale", type=float, help="use saylau.lists.demo.generate_region at this scale"
    )
    ap.add_argument("--data", type=Path, help="an extract directory to import (read only)")
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--no-full", action="store_true", help="skip the forced full re-import")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the temporary extract and database")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="saylau-bench-"))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "saylau.web.config.settings.local"
    data = tmp / "extract"
    t = time.perf_counter()
    if args.data is not None:
        data = args.data
    elif args.scale is not None:
        from saylau.lists.demo import generate_region

        generate_region(data, scale=args.scale, seed=args.seed)
    else:
        synthetic_extract(data, args.persons, args.seed)
    generated = time.perf_counter() - t
    from saylau.commands._django import setup

    setup()
    from django.db import connection

    from saylau.web.register.models import Person
    from saylau.web.register.services.events import apply_events_file
    from saylau.web.register.services.extract import EXTRACT_FILES
    from saylau.web.register.services.importing import import_registry

    results: dict[str, object] = {"database": connection.vendor, "generate_s": round(generated, 2)}
    size = sum((data / name).stat().st_size for name in EXTRACT_FILES)
    results["extract_bytes"] = size

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def load() -> str:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())

    def timed(label: str, *, full: bool = False) -> float:
        before, c0, t0 = load(), cpu(), time.perf_counter()
        job = import_registry(directory=data, actor="benchmark", full=full)
        took = time.perf_counter() - t0
        results[f"{label}_s"] = round(took, 2)
        results[f"{label}_cpu_s"] = round(cpu() - c0, 2)
        results[f"{label}_load"] = f"{before} -> {load()}"
        results[f"{label}_summary"] = job.summary()
        results[f"{label}_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
        print(
            f"{label}: {took:.1f} s {job.summary()} load {results[f'{label}_load']}",
            file=sys.stderr,
            flush=True,
        )
        return took

    first_s = timed("first_import")
    persons = Person.private_objects.count()
    results["persons"] = persons
    results["first_import_rows_per_s"] = round(persons / first_s)
    timed("reimport_same_extract")
    if not args.no_full:
        full_s = timed("reimport_full_diff", full=True)
        results["first_to_full_ratio"] = round(first_s / full_s, 1)
    if connection.vendor == "postgresql":
        cols = "iin, last_name, first_name, patronymic, birth_date, sex, citizenship, address_id, death_date, incapable, imprisoned"
        with connection.cursor() as cur:
            cur.execute(
                f"CREATE TEMP TABLE raw_persons ({', '.join(c + ' text' for c in cols.split(', '))})"
            )
            t0 = time.perf_counter()
            with (
                (data / "registry/persons.csv").open("rb") as fh,
                cur.cursor.copy(
                    f"COPY raw_persons ({cols}) FROM STDIN WITH (FORMAT csv, HEADER true)"
                ) as copy,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
            copy_s = time.perf_counter() - t0
            results["raw_copy_persons_s"] = round(copy_s, 2)
        results["import_to_raw_copy_ratio"] = round(first_s / copy_s, 1)
    if args.events:
        iins = list(Person.private_objects.values_list("iin", flat=True)[: args.events * 3])
        from saylau.web.territory.models import Address

        codes = list(Address.objects.values_list("address_id", flat=True)[:1000])
        path = tmp / "events.csv"
        events_file(path, iins, codes, args.events, args.seed)
        before, c0, t0 = load(), cpu(), time.perf_counter()
        report = apply_events_file(path=path, actor="benchmark")
        took = time.perf_counter() - t0
        results["events"] = report.applied
        results["events_s"] = round(took, 2)
        results["events_cpu_s"] = round(cpu() - c0, 2)
        results["events_load"] = f"{before} -> {load()}"
        results["events_per_s"] = round(report.applied / took)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(results, ensure_ascii=False))
    connection.close()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)  # never args.data: it is outside tmp


if __name__ == "__main__":
    main()
