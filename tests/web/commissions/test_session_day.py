"""Training facts on the session's day (issue 13: attendance was accepted for a session 18 days
ahead, which marked it held): the session page refuses attendance and tests before the date,
names the date, and records nothing; a certificate never exists before it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from saylau.web.accounts.models import Role
from saylau.web.commissions.errors import SessionNotYet
from saylau.web.commissions.models import Certificate, TestAttempt
from saylau.web.commissions.services import enrol_members
from saylau.web.core import clock
from tests.factories import user_for

from .factories import MemberFactory, PrecinctCommissionFactory, SessionFactory, make_bank

pytestmark = pytest.mark.django_db
SESSION_DAY = dt.date(2027, 2, 1)


def test_attendance_and_a_test_before_the_session_day_are_refused_on_the_page(client) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PrecinctFactory

    make_bank(2)
    session = SessionFactory(date=SESSION_DAY)
    commission = PrecinctCommissionFactory(precinct=PrecinctFactory(district=session.district))
    (enrolment,) = enrol_members(
        actor=None, session=session, members=[MemberFactory(commission=commission)]
    )
    client.force_login(user_for(Role.TERRITORIAL, place=session.district))
    page_url = reverse("commissions:session", args=[session.pk])
    with clock.travel(SESSION_DAY - dt.timedelta(days=18)), translation.override("ru"):
        page = client.post(
            reverse("commissions:attendance", args=[session.pk]),
            {"attended": [enrolment.pk]},
            follow=True,
        ).content.decode()
        refusal = str(SessionNotYet.title)
    assert refusal in page and "01.02.2027" in page  # the rule and the date
    assert "Занятие назначено на 01.02.2027." in page and "today is" not in page  # no log detail
    with clock.travel(SESSION_DAY - dt.timedelta(days=18)):
        client.post(
            reverse("commissions:test", args=[enrolment.pk, "final"]),
            {"start": "1", "source": "paper"},
        )
    enrolment.refresh_from_db()
    assert enrolment.attended is None
    assert not TestAttempt.objects.exists() and not Certificate.objects.exists()
    assert client.get(page_url).status_code == 200
