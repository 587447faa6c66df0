"""Demo step: commissions at every level of the demo region, their members, the trainer corps
and a cascade of training in progress for an upcoming election (some members untrained, some
tests failed), with budgets. Everything goes through the services, so the audit log shows it.

The training needs an upcoming election; the elections step that runs after this one creates
a finished one, so this step creates (or reuses, from ``ctx.extra["training_election"]``) an
upcoming Mazhilis election about ten weeks ahead.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from saylau.law.iin import make_iin
from saylau.web.accounts.models import Role, User
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.territory.models import District, Precinct, Region

from .demo_extras import exercise_try, moves_and_revocation
from .models import (
    Commission,
    Level,
    Member,
    MemberRole,
    Nominator,
    TrainingPlan,
    TrainingSession,
)
from .question_bank import load_question_bank
from .services import (
    appoint_member,
    cancel_session,
    create_person,
    create_plan,
    create_session,
    create_trainer,
    enrol_members,
    mark_attendance,
    set_budget,
    start_test,
    submit_answers,
)

ACTOR = "saylau demo"
# Names are drawn from parts (last name x first name x patronymic), each full name once: a
# demo commission where three members are all "Иванов Сергей Петрович" reads like a bug.
MALE_LAST = [
    "Ахметов", "Иванов", "Нұрғалиев", "Ким", "Сейітқали", "Омаров", "Жұмабеков", "Петренко",
    "Бекмұханов", "Смагулов", "Тұрсынов", "Кузнецов", "Әлиев", "Байжанов", "Ермеков", "Попов",
]  # fmt: skip
MALE_FIRST = [
    "Ерлан", "Сергей", "Ғалым", "Виктор", "Дәурен", "Бауыржан", "Нұрлан", "Андрей",
    "Асхат", "Дмитрий", "Серік", "Марат", "Алексей", "Қайрат", "Ержан", "Тимур",
]  # fmt: skip
MALE_PATRONYMIC = [
    "Серікұлы", "Петрович", "Әбілұлы", "Николаевич", "Қайратұлы", "Маратович", "", "Иванович",
]  # fmt: skip
FEMALE_LAST = [
    "Ахметова", "Иванова", "Нұрланова", "Ким", "Сәрсенбаева", "Омарова", "Тоқтарова", "Шевченко",
    "Бекмұханова", "Смагулова", "Тұрсынова", "Кузнецова", "Әлиева", "Байжанова", "Ермекова",
    "Попова",
]  # fmt: skip
FEMALE_FIRST = [
    "Әсел", "Мария", "Гүлнұр", "Ольга", "Айгерім", "Жанар", "Үміт", "Елена",
    "Динара", "Наталья", "Салтанат", "Ирина", "Мөлдір", "Татьяна", "Ақерке", "Светлана",
]  # fmt: skip
FEMALE_PATRONYMIC = [
    "Серікқызы", "Петровна", "Өмірқызы", "Викторовна", "Ұланқызы", "Болатовна", "", "Сергеевна",
]  # fmt: skip
PARTIES = ["Amanat", "Ауыл", "Respublica", "Ақ жол", "Народная партия Казахстана", "ОСДП"]
ROLES = [MemberRole.CHAIR, MemberRole.DEPUTY_CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * 4


class _People:
    """Synthetic people: names from the lists above, IINs with 1800s birth dates for some."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0
        self.used: set[tuple[str, str, str]] = set()

    def new(self) -> Any:
        self.serial += 1
        female = self.rng.random() < 0.55
        lasts, firsts, patronymics = (
            (FEMALE_LAST, FEMALE_FIRST, FEMALE_PATRONYMIC)
            if female
            else (MALE_LAST, MALE_FIRST, MALE_PATRONYMIC)
        )
        for _ in range(50):  # 2,048 names per sex; a large demo may repeat one at last
            name = (self.rng.choice(lasts), self.rng.choice(firsts), self.rng.choice(patronymics))
            if name not in self.used:
                break
        self.used.add(name)
        last, first, patronymic = name
        iin = ""
        if self.rng.random() < 0.5:
            born = dt.date(
                1850 + self.rng.randrange(40), self.rng.randrange(1, 13), self.rng.randrange(1, 28)
            )
            iin = make_iin(born, "F" if female else "M", self.serial) or ""
        return create_person(
            actor=ACTOR,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            iin=iin,
            phone=f"+7 70{self.rng.randrange(10)} {self.rng.randrange(100, 999)} {self.serial:04d}",
        )


def _commissions(region: Region) -> list[Commission]:
    made = [
        Commission(
            level=Level.REGIONAL,
            region=region,
            name_kk=f"{region.name_kk} сайлау комиссиясы",
            name_ru=f"Избирательная комиссия: {region.name_ru}",
        )
    ]
    for d in District.objects.filter(region=region).order_by("code"):
        made.append(
            Commission(
                level=Level.TERRITORIAL,
                region=region,
                district=d,
                name_kk=f"{d.name_kk} аумақтық сайлау комиссиясы",
                name_ru=f"{d.name_ru}: территориальная избирательная комиссия",
            )
        )
    for p in Precinct.objects.filter(region=region).order_by("number"):
        made.append(
            Commission(
                level=Level.PRECINCT,
                region=region,
                district_id=p.district_id,
                precinct=p,
                name_kk=f"№{p.number} учаскелік сайлау комиссиясы",
                name_ru=f"Участковая избирательная комиссия №{p.number}",
            )
        )
    return Commission.objects.bulk_create(made)


def _seat(
    commissions: list[Commission], people: _People, rng: random.Random, start: dt.date
) -> None:
    for c in commissions:
        size = 7 if c.level != Level.PRECINCT else rng.choice([5, 7, 9])
        for role in (ROLES + [MemberRole.MEMBER] * 2)[:size]:
            kind = rng.choice(
                [
                    Nominator.PARTY,
                    Nominator.PARTY,
                    Nominator.PUBLIC_ASSOCIATION,
                    Nominator.MASLIKHAT,
                ]
            )
            appoint_member(
                actor=ACTOR,
                commission=c,
                person=people.new(),
                role=role,
                nominated_by=kind,
                nominator_name=rng.choice(PARTIES) if kind == Nominator.PARTY else "",
                term_start=start,
                term_end=start + dt.timedelta(days=5 * 365),
            )


def _train(session: Any, members: list[Member], rng: random.Random, *, held: bool) -> None:
    """Enrol; if the session was held, mark attendance (a few absent), run both tests and,
    for some, the election-day exercise - on the session's day, as the clock saw it then."""
    if not members:
        return
    enrolments = enrol_members(actor=ACTOR, session=session, members=members)
    if not held:
        return
    with clock.travel(dt.datetime.combine(session.date, dt.time(10, 0))):
        came = {e.pk: rng.random() > 0.08 for e in enrolments}
        mark_attendance(actor=ACTOR, session=session, attended=came)
        for e in enrolments:
            entry = start_test(actor=ACTOR, enrolment=e, kind="entry", source="paper", rng=rng)
            submit_answers(actor=ACTOR, attempt=entry, answers=_sheet(entry, rng, 0.55))
    with clock.travel(dt.datetime.combine(session.date, dt.time(16, 0))):
        for e in enrolments:
            if came[e.pk]:
                final = start_test(actor=ACTOR, enrolment=e, kind="final", source="paper", rng=rng)
                submit_answers(actor=ACTOR, attempt=final, answers=_sheet(final, rng, 0.85))
            if came[e.pk] and session.level == Level.PRECINCT and rng.random() < 0.4:
                exercise_try(e, rng)


def _sheet(attempt: Any, rng: random.Random, skill: float) -> dict[int, int | None]:
    out: dict[int, int | None] = {}
    for a in attempt.answers.prefetch_related("question__choices"):
        choices = list(a.question.choices.all())
        right = next(c for c in choices if c.is_correct)
        wrong = [c for c in choices if not c.is_correct]
        out[a.question_id] = right.pk if rng.random() < skill else rng.choice(wrong).pk
    return out


def _budget(session: Any, rng: random.Random, *, district: District | None, held: bool) -> None:
    costs: dict[str, Decimal | None] = {
        "planned_venue": Decimal(rng.choice([0, 30000, 50000])),
        "planned_materials": Decimal(1500 * session.capacity),
        "planned_trainer_fee": Decimal(40000),
        "planned_per_participant": Decimal(2500),
    }
    if held:
        costs |= {
            "actual_venue": costs["planned_venue"],
            "actual_materials": Decimal(1400 * session.capacity),
            "actual_trainer_fee": Decimal(40000),
            "actual_per_participant": Decimal(2600),
        }
    set_budget(
        actor=ACTOR,
        session=session,
        payer="district" if district else "region",
        payer_district=district,
        costs=costs,
    )


def _election(ctx: Any, today: dt.date) -> Election:
    election = ctx.extra.get("training_election")
    if isinstance(election, Election):
        return election
    election = Election.objects.create(
        name_kk="Қазақстан Республикасы Парламенті Мәжілісінің депутаттарын сайлау",
        name_ru="Выборы депутатов Мажилиса Парламента Республики Казахстан",
        name_en="Election of deputies of the Mazhilis",
        body=Election.Body.MAZHILIS,
        day=today + dt.timedelta(days=70),
    )
    ctx.extra["training_election"] = election
    return election


def load(ctx: Any) -> None:
    # One transaction: the services' own transactions become savepoints, so SQLite syncs to
    # disk once instead of after each of the ~1,500 audited changes.
    with transaction.atomic():
        _load(ctx)


def _load(ctx: Any) -> None:
    region = ctx.extra.get("region") or Region.objects.order_by("id").first()
    if region is None:
        ctx.say("  no region: commissions skipped")
        return
    if Commission.objects.filter(region=region).exists():
        ctx.say("  commissions already loaded")
        return
    rng = random.Random(ctx.seed)  # noqa: S311  (synthetic demo data, not a secret)
    today = clock.today()
    load_question_bank()
    commissions = _commissions(region)
    people = _People(rng)  # one serial counter: synthetic IINs never repeat
    _seat(commissions, people, rng, dt.date(today.year - 1, 4, 1))

    cec = create_trainer(
        actor=ACTOR,
        person=people.new(),
        region=None,
        levels=[Level.REGIONAL],
        certificate_number="CEC-T-0001",
        certificate_issued=today - dt.timedelta(days=400),
        certificate_valid_until=today + dt.timedelta(days=700),
    )
    user = (
        ctx.extra.get("users", {}).get("trainer") or User.objects.filter(role=Role.TRAINER).first()
    )
    regional = [
        create_trainer(
            actor=ACTOR,
            person=people.new(),
            region=region,
            levels=[Level.TERRITORIAL, Level.PRECINCT],
            certificate_number=f"{region.code}-T-{i + 1:04d}",
            certificate_issued=today - dt.timedelta(days=300),
            certificate_valid_until=today + dt.timedelta(days=400),
            trained_by=cec,
            user=user if i == 0 else None,
        )
        for i in range(3)
    ]
    # One trainer whose certificate has lapsed: saylau refuses to give them a session.
    create_trainer(
        actor=ACTOR,
        person=people.new(),
        region=region,
        levels=["precinct"],
        certificate_number=f"{region.code}-T-0099",
        certificate_issued=today - dt.timedelta(days=900),
        certificate_valid_until=today - dt.timedelta(days=30),
        trained_by=cec,
    )

    election = _election(ctx, today)
    plans: dict[str, TrainingPlan] = {
        level: create_plan(
            actor=ACTOR,
            election=election,
            region=region,
            level=level,
            starts_on=today - dt.timedelta(days=days),
            ends_on=today + dt.timedelta(days=30),
            status=status,
        )
        for level, days, status in (
            (Level.REGIONAL, 50, TrainingPlan.Status.DONE),
            (Level.TERRITORIAL, 35, TrainingPlan.Status.IN_PROGRESS),
            (Level.PRECINCT, 50, TrainingPlan.Status.IN_PROGRESS),
        )
    }
    sitting = Member.objects.filter(commission__region=region, is_active=True).select_related(
        "commission"
    )
    by_level: dict[str, list[Member]] = {}
    for m in sitting:
        by_level.setdefault(m.level, []).append(m)

    def session(
        level: str,
        district: District | None,
        when: dt.date,
        trainer: Any,
        members: list[Member],
        lang: str,
    ) -> TrainingSession:
        s = create_session(
            actor=ACTOR,
            plan=plans[level],
            district=district,
            date=when,
            place=f"{district.name_ru if district else region.name_ru}, акимат, зал заседаний",
            trainer=trainer,
            capacity=len(members) + 5,
            language=lang,
            modules="1. Избирательное законодательство\n2. Списки избирателей\n"
            "3. День голосования и подсчёт голосов",
        )
        held = when < today
        _train(s, members, rng, held=held)
        _budget(s, rng, district=district, held=held)
        return s

    session(
        Level.REGIONAL,
        None,
        today - dt.timedelta(days=45),
        cec,
        by_level.get(Level.REGIONAL, []),
        "ru",
    )
    session(
        Level.TERRITORIAL,
        None,
        today - dt.timedelta(days=30),
        regional[1],
        by_level.get(Level.TERRITORIAL, []),
        "kk",
    )
    districts = list(
        District.objects.filter(region=region, precincts__isnull=False).distinct().order_by("code")
    )
    trainer_district = getattr(user, "district", None) or (districts[0] if districts else None)
    cancelled = False
    for i, d in enumerate(districts):
        members = [m for m in by_level.get(Level.PRECINCT, []) if m.commission.district_id == d.pk]
        # The demo trainer's district was trained; every third other district is still waiting.
        waiting = d != trainer_district and i % 3 == 2
        # Half the districts were trained before the finished election of the demo (about four
        # weeks ago), the others after it: the effect-of-training report compares them.
        before = 35 if i % 2 == 0 else 7
        when = (
            today + dt.timedelta(days=12) if waiting else today - dt.timedelta(days=before + i % 5)
        )
        trainer = regional[0] if d == trainer_district or i % 2 == 0 else regional[2]
        s = session(Level.PRECINCT, d, when, trainer, members, "kk" if i % 2 else "ru")
        if waiting and not cancelled:
            # One waiting district's session fell through: its members need another one.
            cancel_session(actor=ACTOR, session=s, reason="зал акимата на ремонте")
            cancelled = True
    moves_and_revocation(today)
    ctx.say(
        f"  {len(commissions)} commissions, {sitting.count()} members, training plan in progress"
    )
