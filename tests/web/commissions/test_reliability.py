"""The reliability list of issue 7, each point through every door: the services, the pages
(by guessing ids) and the admin."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.errors import AnswersLocked, TrainerCertificateExpired
from saylau.web.commissions.models import (
    Answer,
    Certificate,
    Enrolment,
    TestAttempt,
    TrainingSession,
)
from saylau.web.commissions.services import (
    assign_trainer,
    enrol_members,
    mark_attendance,
    start_test,
    submit_answers,
    update_session,
)
from tests.factories import DistrictFactory, PrecinctFactory, user_for

from .factories import (
    MemberFactory,
    PrecinctCommissionFactory,
    SessionFactory,
    TrainerFactory,
    make_bank,
    sheet,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign():  # type: ignore[no-untyped-def]
    """A session in one district, held and scored, with a certificate."""
    make_bank(2)
    session = SessionFactory()
    commission = PrecinctCommissionFactory(precinct=PrecinctFactory(district=session.district))
    (enrolment,) = enrol_members(
        actor=None, session=session, members=[MemberFactory(commission=commission)]
    )
    mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
    attempt = start_test(actor=None, enrolment=enrolment, kind="final", source="paper")
    submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 2))
    return session, enrolment, attempt, commission


def session_urls(session: TrainingSession, enrolment: Enrolment) -> list[tuple[str, str]]:
    cert = Certificate.objects.get(enrolment=enrolment)
    return [
        ("get", reverse("commissions:session", args=[session.pk])),
        ("get", reverse("commissions:session_edit", args=[session.pk])),
        ("post", reverse("commissions:session_edit", args=[session.pk])),
        ("post", reverse("commissions:session_cancel", args=[session.pk])),
        ("post", reverse("commissions:attendance", args=[session.pk])),
        ("post", reverse("commissions:enrol", args=[session.pk])),
        ("post", reverse("commissions:budget_edit", args=[session.pk])),
        ("get", reverse("commissions:test", args=[enrolment.pk, "entry"])),
        ("post", reverse("commissions:test", args=[enrolment.pk, "entry"])),
        ("post", reverse("commissions:test", args=[enrolment.pk, "final"])),
        ("get", reverse("commissions:certificate", args=[cert.pk])),
    ]


def test_a_territorial_user_and_a_trainer_reach_nothing_of_another_districts_session(
    client, foreign
) -> None:  # type: ignore[no-untyped-def]
    session, enrolment, attempt, commission = foreign
    other_district = DistrictFactory(region=session.region)
    trainer_user = user_for(Role.TRAINER, place=session.region)
    TrainerFactory(region=session.region, user=trainer_user)
    before = AuditEvent.objects.count()
    for user in (user_for(Role.TERRITORIAL, place=other_district), trainer_user):
        client.force_login(user)
        for method, url in session_urls(session, enrolment):
            response = getattr(client, method)(url, {"reason": "x", "attended": [enrolment.pk]})
            assert response.status_code == 404, (user.role, method, url, response.status_code)
        assert (
            client.get(reverse("commissions:commission", args=[commission.pk])).status_code == 404
        )
    assert AuditEvent.objects.count() == before
    attempt.refresh_from_db()
    assert attempt.score == 2 and TestAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_the_territorial_user_of_the_district_reaches_all_of_it(client, foreign) -> None:  # type: ignore[no-untyped-def]
    session, enrolment, _attempt, commission = foreign
    client.force_login(user_for(Role.TERRITORIAL, place=session.district))
    for method, url in session_urls(session, enrolment):
        if method == "get":
            assert client.get(url).status_code == 200, url
    assert client.get(reverse("commissions:commission", args=[commission.pk])).status_code == 200


def test_scored_answers_change_only_through_the_audited_correction(client, foreign) -> None:  # type: ignore[no-untyped-def]
    session, enrolment, attempt, _ = foreign
    with pytest.raises(AnswersLocked):
        submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 0))
    # the page: the sheet sent again is refused; a correction without a reason changes nothing
    client.force_login(user_for(Role.TERRITORIAL, place=session.district))
    url = reverse("commissions:test", args=[enrolment.pk, "final"])
    data = {f"q{q}": c for q, c in sheet(attempt, 0).items()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "correction": "1"}).status_code == 200
    attempt.refresh_from_db()
    assert attempt.score == 2
    assert not AuditEvent.objects.filter(action="commissions.test.correct").exists()
    # with a reason it is a correction, audited with the old and new answers
    response = client.post(url, {**data, "correction": "1", "reason": "апелляция"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 0
    event = AuditEvent.objects.get(action="commissions.test.correct")
    assert event.old["score"] == 2 and event.new["score"] == 0
    # and no admin page edits attempts or answers behind the services' back
    assert not admin.site.is_registered(TestAttempt)
    assert not admin.site.is_registered(Answer)


def test_an_expired_trainer_certificate_is_refused_by_every_service_that_assigns_a_trainer() -> (
    None
):
    session = SessionFactory(date=dt.date(2027, 2, 1))
    expired = TrainerFactory(region=session.region, certificate_valid_until=dt.date(2027, 1, 31))
    with pytest.raises(TrainerCertificateExpired):
        assign_trainer(actor=None, session=session, trainer=expired)
    with pytest.raises(TrainerCertificateExpired):
        update_session(
            actor=None,
            session=session,
            date=session.date,
            place=session.place,
            trainer=expired,
            capacity=session.capacity,
            language=session.language,
        )
    session.refresh_from_db()
    assert session.trainer_id != expired.pk


def test_the_database_refuses_a_cancelled_session_without_a_reason() -> None:
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSession.objects.filter(pk=session.pk).update(
            status="cancelled", cancelled_at=timezone.now()
        )
