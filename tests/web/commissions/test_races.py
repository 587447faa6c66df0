"""Two officials seating the same person at the same moment: exactly one wins (PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from saylau.web.commissions.errors import AlreadySeated
from saylau.web.commissions.models import Member
from saylau.web.commissions.services import appoint_member

from .factories import PersonFactory, PrecinctCommissionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_simultaneous_appointments_of_one_person_at_one_level_seat_them_once() -> None:
    person = PersonFactory()
    commissions = [PrecinctCommissionFactory(), PrecinctCommissionFactory()]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def seat(commission) -> None:  # type: ignore[no-untyped-def]
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            appoint_member(
                actor=None,
                commission=commission,
                person=person,
                role="member",
                nominated_by="party",
                term_start=dt.date(2026, 3, 1),
            )
            outcomes.append("seated")
        except AlreadySeated:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=seat, args=(c,)) for c in commissions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "seated"]
    assert Member.objects.filter(person=person, is_active=True).count() == 1
