import datetime as dt

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.commissions.models import SessionBudget, Trainer, TrainingPlan, TrainingSession
from tests.factories import ElectionFactory, PrecinctFactory, user_for

from .factories import (
    MemberFactory,
    PlanFactory,
    PrecinctCommissionFactory,
    SessionFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


def test_a_regional_commission_adds_a_trainer_to_its_region(client) -> None:  # type: ignore[no-untyped-def]
    regional = user_for(Role.REGIONAL, place=ElectionFactory().region)
    client.force_login(regional)
    response = client.post(
        reverse("commissions:trainer_add"),
        {
            "last_name": "Құдайбергенов",
            "first_name": "Нұржан",
            "levels": ["precinct"],
            "certificate_number": "ZHA-T-7",
            "certificate_issued": "2026-01-01",
            "certificate_valid_until": "2027-12-31",
        },
    )
    assert response.status_code == 302
    trainer = Trainer.objects.get(certificate_number="ZHA-T-7")
    assert trainer.region == regional.region and trainer.levels == ["precinct"]


def test_a_trainer_cannot_add_trainers(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user_for(Role.TRAINER, place=ElectionFactory().region))
    assert client.post(reverse("commissions:trainer_add"), {}).status_code == 403


def test_a_regional_commission_plans_and_organises_a_session(client) -> None:  # type: ignore[no-untyped-def]
    election = ElectionFactory()
    regional = user_for(Role.REGIONAL, place=election.region)
    client.force_login(regional)
    response = client.post(
        reverse("commissions:plans"),
        {
            "region": election.region.pk,
            "election": election.pk,
            "level": "precinct",
            "starts_on": "2027-01-10",
            "ends_on": "2027-02-28",
        },
    )
    assert response.status_code == 302
    plan = TrainingPlan.objects.get()
    trainer = TrainerFactory(region=election.region)
    expired = TrainerFactory(region=election.region, certificate_valid_until=dt.date(2027, 1, 1))
    form = {
        "plan": plan.pk,
        "date": "2027-02-01",
        "place": "Тараз",
        "capacity": 20,
        "language": "kk",
        "modules": "",
    }
    client.post(reverse("commissions:session_add"), {**form, "trainer": expired.pk})
    assert not TrainingSession.objects.exists()
    response = client.post(reverse("commissions:session_add"), {**form, "trainer": trainer.pk})
    session = TrainingSession.objects.get()
    assert response.url == reverse("commissions:session", args=[session.pk])


@pytest.mark.usefixtures("in_russian")
def test_enrolling_a_commission_and_keeping_the_budget_through_the_session_page(client) -> None:  # type: ignore[no-untyped-def]
    session = SessionFactory()
    commission = PrecinctCommissionFactory(precinct=PrecinctFactory(district=session.district))
    MemberFactory.create_batch(3, commission=commission)
    client.force_login(user_for(Role.TERRITORIAL, place=session.district))
    page = client.get(reverse("commissions:session", args=[session.pk]))
    assert page.status_code == 200 and commission.name_ru in page.content.decode()
    client.post(reverse("commissions:enrol", args=[session.pk]), {"commissions": [commission.pk]})
    assert session.enrolments.count() == 3
    client.post(
        reverse("commissions:budget_edit", args=[session.pk]),
        {
            "payer": "district",
            "payer_district": session.district.pk,
            "planned_venue": "15000",
        },
    )
    budget = SessionBudget.objects.get(session=session)
    assert budget.planned_venue == 15000 and budget.actual_venue is None


def test_a_trainer_cannot_enrol_into_or_budget_someone_elses_session(client) -> None:  # type: ignore[no-untyped-def]
    session = SessionFactory()
    other = SessionFactory(plan=session.plan)
    trainer_user = user_for(Role.TRAINER, place=session.region)
    session.trainer.user = trainer_user
    session.trainer.save()
    commission = PrecinctCommissionFactory(precinct=PrecinctFactory(district=other.district))
    MemberFactory(commission=commission)
    client.force_login(trainer_user)
    assert (
        client.post(
            reverse("commissions:enrol", args=[other.pk]), {"commissions": [commission.pk]}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("commissions:budget_edit", args=[other.pk]), {"payer": "region"}
        ).status_code
        == 404
    )
    assert other.enrolments.count() == 0
    # on their own session the trainer may enrol but keeps no budget
    client.post(reverse("commissions:budget_edit", args=[session.pk]), {"payer": "region"})
    assert not SessionBudget.objects.exists()


def test_an_observer_sees_plans_but_cannot_create_one(client) -> None:  # type: ignore[no-untyped-def]
    plan = PlanFactory()
    client.force_login(user_for(Role.OBSERVER, place=plan.region))
    assert client.get(reverse("commissions:plans")).status_code == 200
    assert client.post(reverse("commissions:plans"), {}).status_code == 403


@pytest.mark.parametrize(
    "name",
    ["commissions:trainers", "commissions:plans", "commissions:sessions", "commissions:budget"],
)
def test_list_pages_keep_a_query_budget_whatever_the_number_of_rows(
    client, django_assert_max_num_queries, name
) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from saylau.web.commissions.services import set_budget

    plan = PlanFactory()
    for _ in range(8):
        session = SessionFactory(plan=plan)
        set_budget(
            actor=None, session=session, payer="region", costs={"planned_venue": Decimal(100)}
        )
    client.force_login(user_for(Role.REGIONAL, place=plan.region))
    url = reverse(name) + f"?election={plan.election_id}"
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
