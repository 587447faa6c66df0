from pathlib import Path

import pytest

from saylau.web.accounts.models import Role
from saylau.web.audit.services import verify_chain
from saylau.web.commissions import demo
from saylau.web.commissions.models import (
    Certificate,
    Commission,
    Member,
    Trainer,
    TrainingSession,
)
from saylau.web.commissions.selectors import (
    coverage_by_district,
    coverage_total,
    members_for,
    stranded_by_cancellation,
)
from saylau.web.core import clock
from saylau.web.core.demo import DemoContext
from tests.factories import DistrictFactory, PrecinctFactory, RegionFactory, user_for

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_level_and_leaves_a_plan_in_progress(tmp_path: Path) -> None:
    region = RegionFactory()
    districts = [DistrictFactory(region=region) for _ in range(4)]
    for d in districts:
        PrecinctFactory.create_batch(2, district=d)
    trainer_user = user_for(Role.TRAINER, place=region)
    ctx = DemoContext(
        data_dir=tmp_path,
        scale=0.01,
        seed=7,
        say=lambda text: None,
        extra={"region": region, "users": {"trainer": trainer_user}},
    )
    demo.load(ctx)
    assert Commission.objects.filter(level="regional").count() == 1
    assert Commission.objects.filter(level="territorial").count() == 4
    assert Commission.objects.filter(level="precinct").count() == 8
    assert Member.objects.filter(commission__level="precinct").count() >= 40
    assert Trainer.objects.get(user=trainer_user).sessions.exists()
    election = ctx.extra["training_election"]
    total = coverage_total(coverage_by_district(user_for(Role.CEC), election))
    assert 0 < total.trained < total.members
    assert total.members - total.trained > 0  # some members still untrained
    assert Certificate.objects.exists()
    # one waiting district's session was cancelled: its members show up as needing another
    assert TrainingSession.objects.filter(status="cancelled").count() == 1
    assert stranded_by_cancellation(members_for(user_for(Role.CEC)), clock.today()).exists()
    assert verify_chain() == []
    demo.load(ctx)  # a second run changes nothing
    assert Commission.objects.count() == 13


def test_the_demo_gives_each_person_their_own_name(tmp_path: Path) -> None:
    """Walked: a session's roll showed "Иванов Сергей Петрович" three times in one commission
    (chair, secretary, member), as if one person were enrolled thrice."""
    from collections import Counter

    from saylau.web.commissions.models import Person

    region = RegionFactory()
    for d in [DistrictFactory(region=region) for _ in range(4)]:
        PrecinctFactory.create_batch(2, district=d)
    ctx = DemoContext(
        data_dir=tmp_path,
        scale=0.01,
        seed=7,
        say=lambda text: None,
        extra={"region": region, "users": {"trainer": user_for(Role.TRAINER, place=region)}},
    )
    demo.load(ctx)
    names = Counter(Person.objects.values_list("last_name", "first_name", "patronymic"))
    assert len(names) > 60
    assert [n for n, k in names.items() if k > 1] == []
