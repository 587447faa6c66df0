"""People move: an existing person is seated on another commission through the pages, and
their training follows them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.commissions.models import Member
from saylau.web.commissions.selectors import training_status
from saylau.web.commissions.services import (
    enrol_members,
    mark_attendance,
    start_test,
    submit_answers,
)
from saylau.web.core import clock
from tests.factories import PrecinctFactory, user_for

from .factories import (
    MemberFactory,
    PersonFactory,
    PrecinctCommissionFactory,
    SessionFactory,
    make_bank,
    sheet,
)

pytestmark = pytest.mark.django_db


def test_a_trained_person_moved_to_another_precinct_through_the_page_stays_trained(client) -> None:  # type: ignore[no-untyped-def]
    make_bank(3)
    person = PersonFactory(iin="640302200018")
    old = MemberFactory(person=person)
    session = SessionFactory(district=old.commission.district, region=old.commission.region)
    (e,) = enrol_members(actor=None, session=session, members=[old])
    mark_attendance(actor=None, session=session, attended={e.pk: True})
    attempt = start_test(actor=None, enrolment=e, kind="final", source="paper")
    submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 3))
    target = PrecinctCommissionFactory(precinct=PrecinctFactory(district=old.commission.district))
    client.force_login(user_for(Role.CEC))
    response = client.post(
        reverse("commissions:seat_existing", args=[target.pk]),
        {
            "iin": "640302200018",
            "role": "member",
            "nominated_by": "party",
            "term_start": "2027-02-10",
            "leave_current_seat": "on",
            "reason": "переезд",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert not old.is_active and old.end_reason == "переезд"
    new = Member.objects.get(person=person, is_active=True)
    assert new.commission == target
    assert training_status([new], clock.today())[new.pk].code == "trained"


def test_seating_without_leaving_the_current_seat_of_the_level_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory(iin="710715100012")
    MemberFactory(person=person)
    target = PrecinctCommissionFactory()
    client.force_login(user_for(Role.CEC))
    client.post(
        reverse("commissions:seat_existing", args=[target.pk]),
        {
            "iin": "710715100012",
            "role": "member",
            "nominated_by": "party",
            "term_start": "2027-02-10",
        },
    )
    assert Member.objects.filter(person=person).count() == 1
