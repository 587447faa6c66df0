"""Demo step: a finished oblast maslikhat election for the demo region, with six party lists
of synthetic candidates and the ballot order drawn by lot."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from saylau.law.iin import make_iin
from saylau.web.core import clock
from saylau.web.territory.models import Precinct, Region

from . import services
from .models import Election

PARTIES = (
    ("amanat", "Amanat", "«AMANAT»", "Партия «AMANAT»"),
    ("auyl", "Auyl", "«Ауыл» халықтық-демократиялық патриоттық партиясы", "Партия «Ауыл»"),
    ("respublica", "Respublica", "«Respublica» партиясы", "Партия «Respublica»"),
    ("ak-zhol", "Ak Zhol", "«Ақ жол» демократиялық партиясы", "Демократическая партия «Ак жол»"),
    ("peoples-party", "People's Party", "Қазақстан Халық партиясы", "Народная партия Казахстана"),
    ("osdp", "OSDP", "Жалпыұлттық социал-демократиялық партия", "ОСДП"),
)
FIRST_F = (
    "Айгүл",
    "Әсел",
    "Гүлнар",
    "Дана",
    "Жанар",
    "Қарлығаш",
    "Мәдина",
    "Сәуле",
    "Ұлжан",
    "Іңкәр",
)
FIRST_M = (
    "Асқар",
    "Бауыржан",
    "Ғалым",
    "Ерлан",
    "Жандос",
    "Қайрат",
    "Нұрлан",
    "Өмірзақ",
    "Серік",
    "Үмбет",
)
LAST = (
    "Абдиев",
    "Байжанов",
    "Жұмабеков",
    "Қасымов",
    "Мұратов",
    "Нұрланов",
    "Оспанов",
    "Сейітов",
    "Төлегенов",
    "Шәріпов",
)
CANDIDATES_PER_LIST = 10
LIST_SEATS = 16
#: Since 2023 half of an oblast maslikhat is elected in single-member districts (law-notes 2):
#: as many districts as list seats; a demo region with fewer precincts has fewer of both
#: (``law.seats.structure`` refuses halves that differ).
SINGLE_MEMBER_DISTRICTS = 16
#: Who stands in each district: a candidate of these parties and one self-nominated.
DISTRICT_PARTIES = ("amanat", "auyl")


def _name(rng: random.Random, sex: str) -> str:
    last = rng.choice(LAST)
    if sex == "F":
        return f"{last}а {rng.choice(FIRST_F)}"
    return f"{last} {rng.choice(FIRST_M)}"


def _iin(rng: random.Random, used: set[str]) -> str:
    """A candidate's IIN: a person of the register who may stand (candidates are checked
    against the register), or, with no register loaded, a synthetic IIN."""
    pool = _POOL.get("persons")
    if pool:
        while True:
            value = str(pool[rng.randrange(len(pool))])
            if value not in used:
                used.add(value)
                return value
    while True:
        born = dt.date(rng.randint(1962, 2001), rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice("FM")
        made = make_iin(born, sex, rng.randint(5000, 9999))  # type: ignore[arg-type]
        if made is not None and made not in used:
            used.add(made)
            _register_synthetic(made, born, sex)
            return made


def _register_synthetic(iin: str, born: dt.date, sex: str) -> None:
    """Without a loaded register, a synthetic candidate is put in it first (candidates are
    checked against the register)."""
    from saylau.web.register.models import Person

    Person.private_objects.get_or_create(
        iin=iin,
        defaults={
            "last_name": "Демо",
            "first_name": "Кандидат",
            "sex": sex,
            "birth_date": born,
            "region": _POOL.get("region"),
        },
    )


_POOL: dict[str, Any] = {}


def _candidate_pool(region: Region, day: dt.date) -> list[str]:
    """IINs of the region's registered persons who may stand in a maslikhat on ``day``."""
    from saylau.web.register.models import Person

    latest_birth = dt.date(day.year - 21, day.month, min(day.day, 28))
    return list(
        Person.private_objects.filter(
            region=region,
            active=True,
            citizenship="KZ",
            death_date__isnull=True,
            incapable=False,
            imprisoned=False,
            birth_date__lte=latest_birth,
            birth_date__gte=dt.date(day.year - 65, day.month, min(day.day, 28)),
        )
        .order_by("id")
        .values_list("iin", flat=True)[:5000]
    )


def election_day(today: dt.date) -> dt.date:
    """The last Sunday at least four weeks ago: the demo election is over."""
    day = today - dt.timedelta(days=28)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def load(ctx: Any) -> None:
    region = ctx.extra.get("region") or Region.objects.order_by("id").first()
    if region is None:
        ctx.say("  no region: election skipped")
        return
    existing = Election.objects.filter(
        region=region, body=Election.Body.OBLAST_MASLIKHAT, party_lists__isnull=False
    ).first()
    if existing is not None:
        ctx.extra["demo_election"] = existing
        ctx.say("  election already loaded")
        return
    rng = random.Random(ctx.seed)  # noqa: S311 - synthetic demo data, not a secret
    precincts = list(Precinct.objects.filter(region=region).order_by("number"))
    districts = min(SINGLE_MEMBER_DISTRICTS, len(precincts))
    day = election_day(clock.today())
    election = services.create_election(
        actor="demo",
        name_ru=f"Выборы депутатов маслихата: {region.name_ru}",
        name_kk=f"Мәслихат депутаттарын сайлау: {region.name_kk}",
        name_en=f"Maslikhat election: {region.name_en or region.name_ru}",
        body=Election.Body.OBLAST_MASLIKHAT,
        day=day,
        region=region,
        list_seats=districts,
        single_member_districts=districts,
    )
    start = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=45), dt.time(10)))
    _POOL["persons"] = _candidate_pool(region, day)
    _POOL["region"] = region
    used: set[str] = set()
    for i, (code, name_en, name_kk, name_ru) in enumerate(PARTIES):
        party = services.get_or_create_party(
            code=code, name_ru=name_ru, name_kk=name_kk, name_en=name_en
        )
        party_list = services.register_party_list(
            actor="demo",
            election=election,
            party=party,
            registered_at=start + dt.timedelta(hours=i, minutes=rng.randint(0, 59)),
        )
        for _n in range(CANDIDATES_PER_LIST):
            iin = _iin(rng, used)
            sex = "F" if int(iin[6]) % 2 == 0 else "M"
            services.add_candidate(
                actor="demo", party_list=party_list, full_name=_name(rng, sex), iin=iin
            )
    _single_member_districts(rng, election, precincts, districts, used)
    services.draw_ballot_order(
        actor="demo",
        election=election,
        witnesses=["Observer of the demo party A", "Observer of the demo party B"],
        rng=rng,
    )
    election.status = Election.Status.VOTING
    election.save(update_fields=["status"])
    ctx.extra["demo_election"] = election
    ctx.say(
        f"  election {election.day}: {len(PARTIES)} party lists, {districts} list seats, "
        f"{districts} single-member districts"
    )


def _single_member_districts(
    rng: random.Random, election: Election, precincts: list[Precinct], n: int, used: set[str]
) -> None:
    """``n`` districts of consecutive precincts, each with a candidate of every party of
    :data:`DISTRICT_PARTIES` and one self-nominated candidate."""
    from .models import Party

    parties = {p.code: p for p in Party.objects.filter(code__in=DISTRICT_PARTIES)}
    for number in range(1, n + 1):
        chunk = precincts[(number - 1) * len(precincts) // n : number * len(precincts) // n]
        district = services.add_single_member_district(
            actor="demo",
            election=election,
            number=number,
            name_ru=f"Избирательный округ №{number}",
            name_kk=f"№{number} сайлау округі",
            territory=chunk[0].district if chunk else None,
        )
        district.precincts.set(chunk)
        for code in (*DISTRICT_PARTIES, None):
            iin = _iin(rng, used)
            sex = "F" if int(iin[6]) % 2 == 0 else "M"
            services.add_single_member_candidate(
                actor="demo",
                district=district,
                full_name=_name(rng, sex),
                iin=iin,
                party=parties.get(code) if code else None,
            )
