import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.audit.services import verify_chain
from saylau.web.commissions.errors import AlreadySeated, NotSitting, RoleTaken
from saylau.web.commissions.models import Member
from saylau.web.commissions.services import (
    appoint_member,
    create_person,
    dismiss_member,
    replace_member,
)
from tests.factories import DistrictFactory, user_for

from .factories import (
    MemberFactory,
    PersonFactory,
    PrecinctCommissionFactory,
    TerritorialCommissionFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 1)


def appoint(commission, person, role="member", actor=None):  # type: ignore[no-untyped-def]
    return appoint_member(
        actor=actor,
        commission=commission,
        person=person,
        role=role,
        nominated_by="party",
        term_start=DAY,
    )


def test_appointing_a_member_seats_them_and_records_an_audit_event() -> None:
    commission = PrecinctCommissionFactory()
    person = PersonFactory()
    member = appoint(commission, person, role="chair")
    assert member.is_active and member.level == "precinct"
    event = AuditEvent.objects.get(action="commissions.member.appoint")
    assert event.target_id == str(member.pk)
    assert event.new["role"] == "chair"
    assert verify_chain() == []


def test_one_person_cannot_sit_on_two_precinct_commissions_at_once() -> None:
    person = PersonFactory()
    appoint(PrecinctCommissionFactory(), person)
    with pytest.raises(AlreadySeated):
        appoint(PrecinctCommissionFactory(), person)
    assert Member.objects.filter(person=person).count() == 1


def test_the_database_itself_refuses_a_second_active_seat_of_the_same_level() -> None:
    first = MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(person=first.person, commission=PrecinctCommissionFactory())


def test_a_person_may_sit_on_commissions_of_different_levels() -> None:
    person = PersonFactory()
    appoint(PrecinctCommissionFactory(), person)
    member = appoint(TerritorialCommissionFactory(), person)
    assert member.level == "territorial"


def test_a_commission_has_one_chair_at_a_time() -> None:
    commission = PrecinctCommissionFactory()
    appoint(commission, PersonFactory(), role="chair")
    with pytest.raises(RoleTaken):
        appoint(commission, PersonFactory(), role="chair")
    appoint(commission, PersonFactory(), role="member")
    appoint(commission, PersonFactory(), role="member")


def test_a_dismissed_member_frees_the_seat_and_keeps_the_history() -> None:
    person = PersonFactory()
    member = appoint(PrecinctCommissionFactory(), person)
    dismiss_member(
        actor=None, member=member, on=dt.date(2026, 5, 1), reason="по собственному желанию"
    )
    member.refresh_from_db()
    assert not member.is_active and member.ended_on == dt.date(2026, 5, 1)
    appoint(PrecinctCommissionFactory(), person)
    event = AuditEvent.objects.get(action="commissions.member.dismiss")
    assert event.old["is_active"] is True and event.new["is_active"] is False
    with pytest.raises(NotSitting):
        dismiss_member(actor=None, member=member, on=dt.date(2026, 5, 2), reason="again")


def test_replacing_a_chair_ends_the_old_seat_and_seats_the_successor_in_the_same_role() -> None:
    commission = PrecinctCommissionFactory()
    chair = appoint(commission, PersonFactory(), role="chair")
    successor = replace_member(
        actor=None, member=chair, person=PersonFactory(), on=dt.date(2026, 6, 1), reason="переезд"
    )
    chair.refresh_from_db()
    assert not chair.is_active and chair.replaced_by == successor
    assert successor.role == "chair" and successor.term_start == dt.date(2026, 6, 1)
    event = AuditEvent.objects.get(action="commissions.member.replace")
    assert event.new["successor"] == successor.pk


def test_replacing_with_someone_already_seated_changes_nothing() -> None:
    commission = PrecinctCommissionFactory()
    member = appoint(commission, PersonFactory())
    busy = appoint(PrecinctCommissionFactory(), PersonFactory()).person
    with pytest.raises(AlreadySeated):
        replace_member(actor=None, member=member, person=busy, on=DAY, reason="x")
    member.refresh_from_db()
    assert member.is_active
    assert not AuditEvent.objects.filter(action="commissions.member.replace").exists()


def test_a_territorial_user_cannot_appoint_to_another_districts_commission() -> None:
    commission = PrecinctCommissionFactory()
    outsider = user_for(Role.TERRITORIAL, place=DistrictFactory(region=commission.region))
    with pytest.raises(PermissionDenied):
        appoint(commission, PersonFactory(), actor=outsider)
    insider = user_for(Role.TERRITORIAL, place=commission.district)
    assert appoint(commission, PersonFactory(), actor=insider).pk


def test_observers_and_trainers_cannot_appoint() -> None:
    commission = PrecinctCommissionFactory()
    for role in (Role.OBSERVER, Role.TRAINER, Role.PRECINCT):
        place = commission.precinct if role == Role.PRECINCT else commission.region
        with pytest.raises(PermissionDenied):
            appoint(commission, PersonFactory(), actor=user_for(role, place=place))


def test_a_person_with_an_invalid_iin_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationError) as info:
        create_person(actor=None, last_name="Тестов", first_name="Тест", iin="640302200019")
    assert "iin" in info.value.message_dict
    person = create_person(actor=None, last_name="Тестов", first_name="Тест", iin="640302200018")
    assert person.masked_name == "Т*** Т."
