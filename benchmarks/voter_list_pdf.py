"""Benchmark: printing a precinct's voter list (PDF, and XLSX for comparison).

    .venv/bin/python benchmarks/voter_list_pdf.py [--voters 3000] [--repeat 5]

A precinct at the largest size the rules allow (``saylau.lists.rules.PRECINCT_MAX_VOTERS``)
with synthetic voters, one in ten with a long address that wraps. The models are built in
memory (no database): what is timed is the document, which is what an akimat printing the
lists of a whole district waits for. Prints the median and best of --repeat runs, the pages
and the size.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylau.web.config.settings.test")

import django  # noqa: E402

django.setup()

from saylau.lists.rules import PRECINCT_MAX_VOTERS  # noqa: E402
from saylau.web.elections.models import Election  # noqa: E402
from saylau.web.register import exports  # noqa: E402
from saylau.web.register.models import Person, VoterList, VoterListEntry  # noqa: E402
from saylau.web.territory.models import Address, District, Precinct, Region  # noqa: E402

LAST = ["Абаев", "Жұмабекова", "Сейітов", "Иванова", "Төлегенов", "Қасымова", "Нұрланов"]
FIRST = ["Ерлан", "Гүлнар", "Асқар", "Мәдина", "Қайрат", "Сәуле", "Жандос"]
PATRONYMIC = ["Бекұлы", "Сериковна", "Ермекович", "Асқарқызы", "", "Нурланович"]


def synthetic_list(voters: int, seed: int = 3) -> tuple[VoterList, list[VoterListEntry]]:
    rnd = random.Random(seed)
    region = Region(code="ZHA", name_ru="Жамбылская область", name_kk="Жамбыл облысы")
    district = District(region=region, name_ru="г. Тараз", name_kk="Тараз қ.", kind="city")
    precinct = Precinct(
        region=region, district=district, number=101, polling_address="г. Тараз, ул. Абая, 1"
    )
    election = Election(
        name_ru="Выборы депутатов Мажилиса",
        name_kk="Мәжіліс депутаттарын сайлау",
        body=Election.Body.MAZHILIS,
        day=date(2027, 3, 21),
    )
    voter_list = VoterList(election=election, precinct=precinct)
    entries = []
    for n in range(1, voters + 1):
        street = (
            "проспект Жамбыла"
            if rnd.random() < 0.9
            else ("микрорайон Жайлау, жилой комплекс «Алтын Орда», корпус 3, подъезд 2")
        )
        address = Address(
            address_id=f"A{n}",
            district=district,
            locality="г. Тараз",
            street=street,
            house=str(rnd.randrange(1, 200)),
            flat=str(rnd.randrange(1, 90)),
        )
        person = Person(
            iin=f"{n:012d}",
            last_name=rnd.choice(LAST),
            first_name=rnd.choice(FIRST),
            patronymic=rnd.choice(PATRONYMIC),
            sex="F",
            birth_date=date(1940, 1, 1) + timedelta(days=rnd.randrange(365 * 60)),
            address=address,
        )
        entries.append(VoterListEntry(voter_list=voter_list, person=person, number=n))
    return voter_list, entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voters", type=int, default=PRECINCT_MAX_VOTERS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    voter_list, entries = synthetic_list(args.voters)
    for name, make in (
        ("pdf ru", lambda: exports.list_pdf(voter_list, entries, language="ru")),
        ("pdf kk", lambda: exports.list_pdf(voter_list, entries, language="kk")),
        ("xlsx", lambda: exports.list_xlsx(voter_list, entries, language="ru")),
    ):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            out = make()
            times.append(time.perf_counter() - start)
        pages = out.count(b"/Type /Page\n") or out.count(b"/Type /Page") - out.count(b"/Pages")
        print(
            f"{name}: {args.voters} voters, median {statistics.median(times):.3f} s, "
            f"best {min(times):.3f} s, {len(out):,} bytes"
            + (f", {pages} pages" if name.startswith("pdf") else "")
        )


if __name__ == "__main__":
    main()
