"""Factories for commissions, members, trainers and the training cascade (synthetic people)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from saylau.web.commissions.models import (
    Choice,
    Commission,
    Level,
    Member,
    MemberRole,
    Nominator,
    Person,
    Question,
    Trainer,
    TrainingPlan,
    TrainingSession,
)
from tests.factories import DistrictFactory, ElectionFactory, PrecinctFactory, RegionFactory


class RegionalCommissionFactory(DjangoModelFactory[Commission]):
    class Meta:
        model = Commission

    level = Level.REGIONAL
    region = factory.SubFactory(RegionFactory)
    district = None
    precinct = None
    name_kk = "Облыстық сайлау комиссиясы"
    name_ru = "Областная избирательная комиссия"


class TerritorialCommissionFactory(RegionalCommissionFactory):
    level = Level.TERRITORIAL
    district = factory.SubFactory(DistrictFactory)
    region = factory.SelfAttribute("district.region")
    name_kk = factory.LazyAttribute(lambda o: f"{o.district.name_kk} аумақтық сайлау комиссиясы")
    name_ru = factory.LazyAttribute(
        lambda o: f"{o.district.name_ru}: территориальная избирательная комиссия"
    )


class PrecinctCommissionFactory(RegionalCommissionFactory):
    level = Level.PRECINCT
    precinct = factory.SubFactory(PrecinctFactory)
    district = factory.SelfAttribute("precinct.district")
    region = factory.SelfAttribute("precinct.region")
    name_kk = factory.LazyAttribute(lambda o: f"№{o.precinct.number} учаскелік сайлау комиссиясы")
    name_ru = factory.LazyAttribute(
        lambda o: f"Участковая избирательная комиссия №{o.precinct.number}"
    )


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    last_name = factory.Iterator(["Ахметов", "Иванова", "Сейітқали", "Нұрланова", "Ким"])
    first_name = factory.Iterator(["Ерлан", "Мария", "Әсел", "Ғалым", "Ольга"])
    patronymic = factory.Sequence(lambda n: f"Отчество{n}")
    phone = factory.Sequence(lambda n: f"+7 701 000 {n:04d}")


class MemberFactory(DjangoModelFactory[Member]):
    class Meta:
        model = Member

    commission = factory.SubFactory(PrecinctCommissionFactory)
    person = factory.SubFactory(PersonFactory)
    level = factory.SelfAttribute("commission.level")
    role = MemberRole.MEMBER
    nominated_by = Nominator.PARTY
    nominator_name = "Партия «Пример»"
    term_start = dt.date(2026, 1, 10)


class TrainerFactory(DjangoModelFactory[Trainer]):
    class Meta:
        model = Trainer

    person = factory.SubFactory(PersonFactory)
    region = factory.SubFactory(RegionFactory)
    trains_regional = True
    trains_territorial = True
    trains_precinct = True
    certificate_number = factory.Sequence(lambda n: f"TR-{n:05d}")
    certificate_issued = dt.date(2026, 1, 1)
    certificate_valid_until = dt.date(2028, 12, 31)


class PlanFactory(DjangoModelFactory[TrainingPlan]):
    class Meta:
        model = TrainingPlan

    election = factory.SubFactory(ElectionFactory)
    region = factory.SelfAttribute("election.region")
    level = Level.PRECINCT
    starts_on = dt.date(2027, 1, 15)
    ends_on = dt.date(2027, 2, 28)
    status = TrainingPlan.Status.IN_PROGRESS


class SessionFactory(DjangoModelFactory[TrainingSession]):
    class Meta:
        model = TrainingSession

    plan = factory.SubFactory(PlanFactory)
    level = factory.SelfAttribute("plan.level")
    region = factory.SelfAttribute("plan.region")
    district = factory.SubFactory(DistrictFactory, region=factory.SelfAttribute("..region"))
    date = dt.date(2027, 2, 1)
    place = "Тараз, акимат, зал 2"
    trainer = factory.SubFactory(TrainerFactory, region=factory.SelfAttribute("..region"))
    capacity = 30
    language = "ru"


def make_bank(n: int = 4, *, kind: str = "") -> list[Question]:
    """``n`` questions, each with the first of three choices correct."""
    start = Question.objects.count()
    out = []
    for i in range(start, start + n):
        q = Question.objects.create(
            code=f"Q{i:03d}", kind=kind, text_kk=f"Сұрақ {i}", text_ru=f"Вопрос {i}"
        )
        for j in range(3):
            Choice.objects.create(
                question=q, text_kk=f"Жауап {j}", text_ru=f"Ответ {j}", is_correct=j == 0
            )
        out.append(q)
    return out


def sheet(attempt, correct: int) -> dict[int, int | None]:  # type: ignore[no-untyped-def]
    """An answer sheet for ``attempt`` with the first ``correct`` questions right, the rest wrong."""
    out: dict[int, int | None] = {}
    for i, answer in enumerate(
        attempt.answers.select_related("question").order_by("question__code")
    ):
        choices = list(answer.question.choices.order_by("id"))
        out[answer.question_id] = choices[0].pk if i < correct else choices[1].pk
    return out
