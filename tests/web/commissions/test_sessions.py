"""Editing and cancelling training sessions: services, scope, audit, and the pages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.errors import (
    ReasonRequired,
    SessionAlreadyHeld,
    SessionCancelled,
    SessionFull,
    TrainerCertificateExpired,
    TrainerNotAllowed,
)
from saylau.web.commissions.models import SessionBudget, TestAttempt, TrainingSession
from saylau.web.commissions.selectors import (
    coverage_by_district,
    members_for,
    stranded_by_cancellation,
    training_status,
    untrained_members,
)
from saylau.web.commissions.services import (
    cancel_session,
    enrol_members,
    mark_attendance,
    set_budget,
    start_test,
    update_session,
)
from saylau.web.core import clock
from tests.factories import DistrictFactory, PrecinctFactory, user_for

from .factories import (
    MemberFactory,
    PrecinctCommissionFactory,
    SessionFactory,
    TrainerFactory,
    make_bank,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 1, 20)


def details(session: TrainingSession, **changes: object) -> dict[str, object]:
    out: dict[str, object] = {
        "date": session.date,
        "place": session.place,
        "trainer": session.trainer,
        "capacity": session.capacity,
        "language": session.language,
        "modules": session.modules,
    }
    out.update(changes)
    return out


def enrolled_session(n: int = 2):  # type: ignore[no-untyped-def]
    session = SessionFactory()
    commission = PrecinctCommissionFactory(precinct=PrecinctFactory(district=session.district))
    members = [MemberFactory(commission=commission) for _ in range(n)]
    enrol_members(actor=None, session=session, members=members)
    return session, members


# --- editing -------------------------------------------------------------------------------


def test_editing_a_session_records_only_the_changed_fields_old_and_new() -> None:
    session = SessionFactory()
    user = user_for(Role.REGIONAL, place=session.region)
    update_session(
        actor=user,
        session=session,
        **details(session, date=dt.date(2027, 2, 3), place="Тараз, мектеп № 5"),
    )
    session.refresh_from_db()
    assert session.date == dt.date(2027, 2, 3) and session.place == "Тараз, мектеп № 5"
    event = AuditEvent.objects.get(action="commissions.session.update")
    assert event.old == {"date": "2027-02-01", "place": "Тараз, акимат, зал 2"}
    assert event.new == {"date": "2027-02-03", "place": "Тараз, мектеп № 5"}
    assert event.actor_id == user.pk


def test_saving_a_session_unchanged_writes_no_audit_event() -> None:
    session = SessionFactory()
    update_session(actor=None, session=session, **details(session))
    assert not AuditEvent.objects.filter(action="commissions.session.update").exists()


def test_moving_a_session_past_the_trainers_certificate_is_refused_and_changes_nothing() -> None:
    session = SessionFactory(trainer__certificate_valid_until=dt.date(2027, 2, 10))
    with pytest.raises(TrainerCertificateExpired):
        update_session(actor=None, session=session, **details(session, date=dt.date(2027, 2, 11)))
    session.refresh_from_db()
    assert session.date == dt.date(2027, 2, 1)
    assert not AuditEvent.objects.filter(action="commissions.session.update").exists()


def test_a_new_trainer_needs_a_certificate_valid_for_the_level_on_the_session_date() -> None:
    session = SessionFactory()
    expired = TrainerFactory(region=session.region, certificate_valid_until=dt.date(2027, 1, 1))
    wrong_level = TrainerFactory(region=session.region, trains_precinct=False)
    with pytest.raises(TrainerCertificateExpired):
        update_session(actor=None, session=session, **details(session, trainer=expired))
    with pytest.raises(TrainerNotAllowed):
        update_session(actor=None, session=session, **details(session, trainer=wrong_level))
    good = TrainerFactory(region=session.region)
    update_session(actor=None, session=session, **details(session, trainer=good))
    session.refresh_from_db()
    assert session.trainer == good


def test_the_capacity_cannot_fall_below_the_members_enrolled() -> None:
    session, _members = enrolled_session(3)
    with pytest.raises(SessionFull):
        update_session(actor=None, session=session, **details(session, capacity=2))
    update_session(actor=None, session=session, **details(session, capacity=3))
    session.refresh_from_db()
    assert session.capacity == 3


def test_a_trainer_moves_their_own_session_but_cannot_hand_it_to_another_trainer() -> None:
    session = SessionFactory()
    user = user_for(Role.TRAINER, place=session.region)
    session.trainer.user = user
    session.trainer.save()
    update_session(actor=user, session=session, **details(session, place="Тараз, зал 3"))
    other = TrainerFactory(region=session.region)
    with pytest.raises(PermissionDenied):
        update_session(actor=user, session=session, **details(session, trainer=other))
    session.refresh_from_db()
    assert session.place == "Тараз, зал 3" and session.trainer_id != other.pk


def test_nobody_edits_or_cancels_a_session_outside_their_own() -> None:
    session = SessionFactory()
    foreign_trainer = user_for(Role.TRAINER, place=session.region)
    TrainerFactory(region=session.region, user=foreign_trainer)
    other_district = user_for(Role.TERRITORIAL, place=DistrictFactory(region=session.region))
    observer = user_for(Role.OBSERVER, place=session.region)
    for actor in (foreign_trainer, other_district, observer):
        with pytest.raises(PermissionDenied):
            update_session(actor=actor, session=session, **details(session, place="x"))
        with pytest.raises(PermissionDenied):
            cancel_session(actor=actor, session=session, reason="x")
    session.refresh_from_db()
    assert session.place != "x" and session.status == TrainingSession.Status.PLANNED
    own_district = user_for(Role.TERRITORIAL, place=session.district)
    update_session(actor=own_district, session=session, **details(session, place="y"))


# --- cancelling ----------------------------------------------------------------------------


def test_cancelling_needs_a_reason() -> None:
    session = SessionFactory()
    with pytest.raises(ReasonRequired):
        cancel_session(actor=None, session=session, reason="   ")
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.PLANNED


def test_cancelling_keeps_the_enrolments_and_the_budget_and_audits_who_was_enrolled() -> None:
    session, members = enrolled_session(2)
    set_budget(actor=None, session=session, payer="region", costs={"actual_venue": 15000})
    cancel_session(actor=None, session=session, reason="тренер заболел")
    session.refresh_from_db()
    assert session.status == "cancelled" and session.cancel_reason == "тренер заболел"
    assert session.cancelled_at is not None
    assert session.enrolments.count() == 2
    assert SessionBudget.objects.get(session=session).actual_venue == 15000
    event = AuditEvent.objects.get(action="commissions.session.cancel")
    assert event.old == {"status": "planned"}
    assert event.new["reason"] == "тренер заболел"
    assert sorted(event.new["enrolled_members"]) == sorted(m.pk for m in members)


def test_a_session_that_was_held_cannot_be_cancelled() -> None:
    session, _members = enrolled_session(1)
    (enrolment,) = session.enrolments.all()
    mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
    with pytest.raises(SessionAlreadyHeld):
        cancel_session(actor=None, session=session, reason="поздно")
    other, _ = enrolled_session(1)
    make_bank(2)
    start_test(actor=None, enrolment=other.enrolments.get(), kind="entry", source="paper")
    with pytest.raises(SessionAlreadyHeld):
        cancel_session(actor=None, session=other, reason="поздно")


def test_nothing_more_happens_in_a_cancelled_session() -> None:
    session, _members = enrolled_session(1)
    make_bank(2)
    cancel_session(actor=None, session=session, reason="нет зала")
    enrolment = session.enrolments.get()
    with pytest.raises(SessionCancelled):
        cancel_session(actor=None, session=session, reason="ещё раз")
    with pytest.raises(SessionCancelled):
        update_session(actor=None, session=session, **details(session, place="z"))
    with pytest.raises(SessionCancelled):
        enrol_members(actor=None, session=session, members=[MemberFactory()])
    with pytest.raises(SessionCancelled):
        mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
    with pytest.raises(SessionCancelled):
        start_test(actor=None, enrolment=enrolment, kind="entry", source="paper")
    assert not TestAttempt.objects.exists()


def test_members_of_a_cancelled_session_are_not_trained_and_their_commission_is_told() -> None:
    session, members = enrolled_session(2)
    election = session.plan.election
    cec = user_for(Role.CEC)
    status = training_status(members, TODAY)
    assert {s.code for s in status.values()} == {"enrolled"}
    cancel_session(actor=None, session=session, reason="тренер заболел")
    status = training_status(members, TODAY)
    assert {s.code for s in status.values()} == {"cancelled"}
    assert status[members[0].pk].session.cancel_reason == "тренер заболел"  # type: ignore[union-attr]
    (row,) = coverage_by_district(cec, election)
    assert (row.members, row.trained, row.not_trained) == (2, 0, 2)
    assert set(untrained_members(cec, election)) == set(members)
    assert stranded_by_cancellation(members_for(cec), TODAY).count() == 2
    # enrolled again elsewhere: no longer stranded
    again = SessionFactory(plan=session.plan, district=session.district, trainer=session.trainer)
    enrol_members(actor=None, session=again, members=members[:1])
    assert stranded_by_cancellation(members_for(cec), TODAY).count() == 1
    assert training_status(members[:1], TODAY)[members[0].pk].code == "enrolled"


# --- pages ---------------------------------------------------------------------------------


def test_a_territorial_user_edits_and_cancels_a_session_through_the_pages(client) -> None:  # type: ignore[no-untyped-def]
    session, members = enrolled_session(1)
    client.force_login(user_for(Role.TERRITORIAL, place=session.district))
    url = reverse("commissions:session_edit", args=[session.pk])
    assert client.get(url).status_code == 200
    data = {
        "date": "2027-02-05",
        "place": "Тараз, мәдениет үйі",
        "trainer": session.trainer_id,
        "capacity": "25",
        "language": "kk",
        "modules": "1. Сайлау заңы",
    }
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.date, session.capacity, session.language) == (dt.date(2027, 2, 5), 25, "kk")
    page = client.get(reverse("commissions:session", args=[session.pk])).content.decode()
    assert reverse("commissions:session_cancel", args=[session.pk]) in page
    response = client.post(
        reverse("commissions:session_cancel", args=[session.pk]), {"reason": "нет зала"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    page = client.get(reverse("commissions:session", args=[session.pk])).content.decode()
    assert "нет зала" in page and reverse("commissions:enrol", args=[session.pk]) not in page
    commission_page = client.get(
        reverse("commissions:commission", args=[members[0].commission_id])
    ).content.decode()
    assert "нет зала" in commission_page and "training-cancelled" in commission_page


def test_an_invalid_edit_shows_the_reason_on_the_form_and_changes_nothing(client) -> None:  # type: ignore[no-untyped-def]
    session, _members = enrolled_session(2)
    client.force_login(user_for(Role.REGIONAL, place=session.region))
    data = {
        "date": "2027-02-01",
        "place": session.place,
        "trainer": session.trainer_id,
        "capacity": "1",
        "language": "ru",
    }
    response = client.post(reverse("commissions:session_edit", args=[session.pk]), data)
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    session.refresh_from_db()
    assert session.capacity == 30


def test_guessing_the_id_of_someone_elses_session_to_edit_or_cancel_it_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    session = SessionFactory()
    mine = SessionFactory(plan=session.plan)
    trainer_user = user_for(Role.TRAINER, place=session.region)
    mine.trainer.user = trainer_user
    mine.trainer.save()
    precinct_user = user_for(Role.PRECINCT, place=PrecinctFactory(district=session.district))
    other_district = user_for(Role.TERRITORIAL, place=mine.district)
    edit = reverse("commissions:session_edit", args=[session.pk])
    cancel = reverse("commissions:session_cancel", args=[session.pk])
    for user in (trainer_user, precinct_user, other_district):
        client.force_login(user)
        assert client.get(edit).status_code == 404
        assert client.post(edit, {"place": "x"}).status_code == 404
        assert client.post(cancel, {"reason": "x"}).status_code == 404
    observer = user_for(Role.OBSERVER, place=session.region)
    client.force_login(observer)
    assert client.post(cancel, {"reason": "x"}).status_code == 403
    session.refresh_from_db()
    assert session.status == "planned" and session.place != "x"
    assert not AuditEvent.objects.filter(action__startswith="commissions.session.c").exists()
    # the trainer's own session opens
    client.force_login(trainer_user)
    assert client.get(reverse("commissions:session_edit", args=[mine.pk])).status_code == 200


def test_a_cancelled_session_is_no_trainer_load_but_its_costs_stay_in_the_budget() -> None:
    from saylau.web.commissions.selectors import budget_report, trainer_stats

    session, _members = enrolled_session(2)
    set_budget(actor=None, session=session, payer="region", costs={"actual_venue": 15000})
    cec = user_for(Role.CEC)
    election = session.plan.election
    (row,) = trainer_stats(cec, election)
    assert (row.sessions, row.enrolled) == (1, 2)
    cancel_session(actor=None, session=session, reason="карантин")
    assert trainer_stats(cec, election) == []
    report = budget_report(cec, election)
    assert report.total.sessions == 1 and report.total.actual == 15000


def test_once_tests_are_taken_the_trainer_and_language_stay_but_the_place_may_be_corrected() -> (
    None
):
    session, _members = enrolled_session(1)
    make_bank(2)
    start_test(actor=None, enrolment=session.enrolments.get(), kind="entry", source="paper")
    other = TrainerFactory(region=session.region)
    with pytest.raises(SessionAlreadyHeld):
        update_session(actor=None, session=session, **details(session, trainer=other))
    with pytest.raises(SessionAlreadyHeld):
        update_session(actor=None, session=session, **details(session, language="kk"))
    update_session(actor=None, session=session, **details(session, place="Тараз, зал 5"))
    session.refresh_from_db()
    assert session.place == "Тараз, зал 5" and session.trainer_id != other.pk


def test_the_coverage_page_says_which_untrained_members_are_enrolled_or_were_cancelled(
    client,
) -> None:  # type: ignore[no-untyped-def]
    session, members = enrolled_session(2)
    later = SessionFactory(plan=session.plan, district=session.district, trainer=session.trainer)
    cancel_session(actor=None, session=session, reason="нет зала")
    enrol_members(actor=None, session=later, members=members[:1])
    client.force_login(user_for(Role.CEC))
    url = reverse("commissions:coverage") + f"?election={session.plan.election_id}"
    page = client.get(url).content.decode()
    assert page.count("training-enrolled") == 1 and page.count("training-cancelled") == 1
    assert "нет зала" in page


def test_the_trainers_page_shows_each_trainers_load_without_cancelled_sessions(client) -> None:  # type: ignore[no-untyped-def]
    import datetime as _dt

    future = clock.today() + _dt.timedelta(days=30)
    first = SessionFactory(date=future)
    SessionFactory(plan=first.plan, trainer=first.trainer, date=future)
    cancelled = SessionFactory(plan=first.plan, trainer=first.trainer, date=future)
    SessionFactory(plan=first.plan, trainer=first.trainer, status="held")
    cancel_session(actor=None, session=cancelled, reason="нет группы")
    client.force_login(user_for(Role.REGIONAL, place=first.region))
    response = client.get(reverse("commissions:trainers"))
    (row,) = [t for t in response.context["trainers"] if t.pk == first.trainer_id]
    assert (row.upcoming, row.held) == (2, 1)


def test_the_edit_form_gives_the_date_picker_an_iso_date_in_every_language() -> None:
    from django.utils import translation

    from saylau.web.commissions.forms import SessionEditForm
    from saylau.web.commissions.models import Trainer

    for lang in ("ru", "kk", "en"):
        with translation.override(lang):
            form = SessionEditForm(
                initial={"date": dt.date(2027, 2, 1)}, trainers=Trainer.objects.none()
            )
            assert 'value="2027-02-01"' in str(form["date"]), lang


def test_attendance_before_the_session_is_refused_in_the_users_language_without_details(
    client,  # type: ignore[no-untyped-def]
) -> None:
    """Walked: the refusal read "… в день занятия или позже. (session 11 is on 14.12.2026;
    today is 02.12.2026)": the log's English detail on a Russian page."""
    session, members = enrolled_session(1)
    session.date = clock.today() + dt.timedelta(days=12)
    session.save()
    client.force_login(user_for(Role.REGIONAL, place=session.region))
    enrolment = session.enrolments.get()
    url = reverse("commissions:attendance", args=[session.pk])
    for prefix, expected in (("/ru", "Занятие ещё не состоялось"), ("", "Сабақ әлі өткен жоқ")):
        # the page's language must not outlive the test (reverse() of later tests follows it)
        with translation.override("ru"):
            response = client.post(prefix + url, {"attended": [enrolment.pk]}, follow=True)
        page = response.content.decode()
        assert expected in page
        assert "today is" not in page and f"session {session.pk}" not in page
    enrolment.refresh_from_db()
    assert not enrolment.attended
