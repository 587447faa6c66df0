"""The foundation: scope filters every query, the audit log is a tamper-evident chain."""

from __future__ import annotations

import pytest

from saylau.web.accounts.models import Role
from saylau.web.accounts.scope import scope_for
from saylau.web.audit.models import AppendOnlyError, AuditEvent
from saylau.web.audit.services import record_event, verify_chain
from saylau.web.territory.models import Precinct
from tests.factories import DistrictFactory, PrecinctFactory, user_for

pytestmark = pytest.mark.django_db


def test_territorial_user_sees_only_the_precincts_of_their_district() -> None:
    mine, other = DistrictFactory(), DistrictFactory()
    p1 = PrecinctFactory(district=mine)
    PrecinctFactory(district=other)
    scope = scope_for(user_for(Role.TERRITORIAL, place=mine))
    seen = scope.restrict(
        Precinct.objects.all(), region="region", district="district", precinct="id"
    )
    assert list(seen) == [p1]


def test_precinct_user_sees_only_their_precinct_and_a_user_without_scope_sees_nothing() -> None:
    p1, p2 = PrecinctFactory(), PrecinctFactory()
    scope = scope_for(user_for(Role.PRECINCT, place=p1))
    seen = scope.restrict(
        Precinct.objects.all(), region="region", district="district", precinct="id"
    )
    assert list(seen) == [p1]
    assert not scope.covers(precinct_id=p2.pk)
    nobody = user_for(Role.TERRITORIAL)  # no district: no scope
    assert scope_for(nobody).restrict(Precinct.objects.all(), district="district").count() == 0


def test_cec_sees_the_whole_country() -> None:
    PrecinctFactory(), PrecinctFactory()
    scope = scope_for(user_for(Role.CEC))
    assert scope.restrict(Precinct.objects.all(), region="region").count() == 2


def test_audit_events_chain_and_an_edited_event_is_detected() -> None:
    actor = user_for(Role.CEC)
    for i in range(3):
        record_event(
            actor=actor,
            action="test.change",
            target_type="thing",
            target_id=i,
            old={"v": i},
            new={"v": i + 1},
        )
    assert verify_chain() == []
    # Tamper behind the model's back, as someone with database access would.
    from django.db.models import QuerySet

    QuerySet.update(AuditEvent.objects.filter(seq=2), new={"v": 99})
    problems = verify_chain()
    assert [(p.seq, p.code) for p in problems] == [(2, "hash_mismatch")]


def test_audit_events_cannot_be_changed_or_deleted_through_the_model() -> None:
    ev = record_event(actor=None, action="test.x", target_type="thing", target_id=1)
    with pytest.raises(AppendOnlyError):
        ev.save()
    with pytest.raises(AppendOnlyError):
        ev.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
