"""Whatever order appointments, replacements and dismissals come in, the registry holds."""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saylau.web.audit.services import verify_chain
from saylau.web.commissions.errors import CommissionsError
from saylau.web.commissions.models import Member
from saylau.web.commissions.services import appoint_member, dismiss_member, replace_member

from .factories import PersonFactory, PrecinctCommissionFactory, TerritorialCommissionFactory

pytestmark = pytest.mark.django_db

operations = st.lists(
    st.tuples(
        st.sampled_from(["appoint", "dismiss", "replace"]),
        st.integers(0, 3),  # person
        st.integers(0, 2),  # commission
        st.sampled_from(["chair", "secretary", "member"]),
    ),
    max_size=12,
)


class Rollback(Exception):
    pass


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations)
def test_no_person_ever_holds_two_active_seats_of_one_level_nor_a_commission_two_chairs(
    ops,
) -> None:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            commissions = [
                PrecinctCommissionFactory(),
                PrecinctCommissionFactory(),
                TerritorialCommissionFactory(),
            ]
            people = PersonFactory.create_batch(4)
            day = dt.date(2026, 1, 1)
            for op, p, c, role in ops:
                day += dt.timedelta(days=1)
                try:
                    if op == "appoint":
                        appoint_member(
                            actor=None,
                            commission=commissions[c],
                            person=people[p],
                            role=role,
                            nominated_by="party",
                            term_start=day,
                        )
                    else:
                        seat = (
                            Member.objects.filter(commission=commissions[c], is_active=True)
                            .order_by("pk")
                            .first()
                        )
                        if seat is None:
                            continue
                        if op == "dismiss":
                            dismiss_member(actor=None, member=seat, on=day, reason="test")
                        else:
                            replace_member(
                                actor=None, member=seat, person=people[p], on=day, reason="test"
                            )
                except CommissionsError:
                    pass  # refused, and nothing half-applied (checked below)
            active = Member.objects.filter(is_active=True)
            assert (
                not active.values("person", "level")
                .annotate(n=Count("pk"))
                .filter(n__gt=1)
                .exists()
            )
            officers = (
                active.exclude(role="member").values("commission", "role").annotate(n=Count("pk"))
            )
            assert not officers.filter(n__gt=1).exists()
            assert verify_chain() == []
            raise Rollback
    except Rollback:
        pass
