import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.errors import (
    AnswersLocked,
    BadAnswers,
    NotEligible,
    SessionFull,
    TrainerCertificateExpired,
    TrainerNotAllowed,
    WrongLevel,
)
from saylau.web.commissions.models import Certificate, TestAttempt
from saylau.web.commissions.services import (
    correct_answers,
    create_session,
    enrol_members,
    mark_attendance,
    start_test,
    submit_answers,
)
from tests.factories import user_for

from .factories import (
    MemberFactory,
    PlanFactory,
    SessionFactory,
    TerritorialCommissionFactory,
    TrainerFactory,
    make_bank,
    sheet,
)

pytestmark = pytest.mark.django_db


def new_session(plan, trainer, date=dt.date(2027, 2, 1)):  # type: ignore[no-untyped-def]
    return create_session(
        actor=None,
        plan=plan,
        district=None,
        date=date,
        place="Тараз",
        trainer=trainer,
        capacity=20,
        language="kk",
    )


def test_a_trainer_with_an_expired_certificate_cannot_be_assigned_to_a_session() -> None:
    plan = PlanFactory()
    trainer = TrainerFactory(certificate_valid_until=dt.date(2027, 1, 31))
    with pytest.raises(TrainerCertificateExpired):
        new_session(plan, trainer, date=dt.date(2027, 2, 1))
    assert new_session(plan, trainer, date=dt.date(2027, 1, 31)).pk


@override_settings(SAYLAU_TRAINING={"trainer_certification_required": False})
def test_the_trainer_certificate_check_is_saylaus_own_scheme_and_can_be_switched_off() -> None:
    trainer = TrainerFactory(certificate_valid_until=dt.date(2026, 12, 31))
    assert new_session(PlanFactory(), trainer).pk


def test_a_trainer_may_only_train_the_levels_on_their_certificate() -> None:
    trainer = TrainerFactory(trains_precinct=False)
    with pytest.raises(TrainerNotAllowed):
        new_session(PlanFactory(level="precinct"), trainer)


def test_trainers_cannot_organise_sessions() -> None:
    plan = PlanFactory()
    trainer = TrainerFactory()
    trainer.user = user_for(Role.TRAINER, place=plan.region)
    trainer.save()
    with pytest.raises(PermissionDenied):
        create_session(
            actor=trainer.user,
            plan=plan,
            district=None,
            date=dt.date(2027, 2, 1),
            place="x",
            trainer=trainer,
            capacity=5,
            language="ru",
        )


def test_enrolment_takes_only_sitting_members_of_the_sessions_level_up_to_capacity() -> None:
    session = SessionFactory(capacity=2)
    precinct_members = MemberFactory.create_batch(3)
    territorial = MemberFactory(commission=TerritorialCommissionFactory())
    with pytest.raises(WrongLevel):
        enrol_members(actor=None, session=session, members=[precinct_members[0], territorial])
    assert session.enrolments.count() == 0
    with pytest.raises(SessionFull):
        enrol_members(actor=None, session=session, members=precinct_members)
    rows = enrol_members(actor=None, session=session, members=precinct_members[:2])
    assert len(rows) == 2
    # enrolling again is idempotent
    assert enrol_members(actor=None, session=session, members=precinct_members[:2]) == []


def scored_final(correct: int, *, questions: int = 4, attended: bool = True):  # type: ignore[no-untyped-def]
    make_bank(questions)
    session = SessionFactory()
    (enrolment,) = enrol_members(actor=None, session=session, members=[MemberFactory()])
    mark_attendance(actor=None, session=session, attended={enrolment.pk: attended})
    attempt = start_test(actor=None, enrolment=enrolment, kind="final", source="paper")
    return submit_answers(
        actor=None, attempt=attempt, answers=sheet(attempt, correct), on=dt.date(2027, 2, 1)
    )


def test_a_test_is_scored_against_the_pass_mark_with_integer_arithmetic() -> None:
    attempt = scored_final(3, questions=4)  # 75 % >= 70 %
    assert (attempt.score, attempt.max_score, attempt.passed) == (3, 4, True)
    assert attempt.pass_mark_percent == 70
    failed = scored_final(2, questions=4)  # 50 %
    assert failed.passed is False


@override_settings(SAYLAU_TRAINING={"pass_mark_percent": 80})
def test_the_pass_mark_is_configurable() -> None:
    assert scored_final(3, questions=4).passed is False


def test_passing_the_final_test_after_attending_earns_a_certificate_valid_730_days_by_default() -> (
    None
):
    attempt = scored_final(4)
    cert = Certificate.objects.get(enrolment=attempt.enrolment)
    assert cert.issued_on == dt.date(2027, 2, 1)
    assert cert.valid_until == dt.date(2027, 2, 1) + dt.timedelta(days=730)
    assert cert.number.startswith("ZHA-P-2027-")
    assert len(cert.verification_code) >= 16


def test_a_member_marked_absent_cannot_sit_the_final_test() -> None:
    with pytest.raises(NotEligible):
        scored_final(4, attended=False)


def test_answers_are_locked_after_scoring() -> None:
    attempt = scored_final(2)
    with pytest.raises(AnswersLocked):
        submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 4))
    attempt.refresh_from_db()
    assert attempt.score == 2


def test_a_correction_after_scoring_is_audited_with_old_and_new_answers_and_reason() -> None:
    attempt = scored_final(2)
    assert not Certificate.objects.exists()
    correct_answers(
        actor=None,
        attempt=attempt,
        answers=sheet(attempt, 4),
        reason="ошибка ввода с бумажного бланка",
        on=dt.date(2027, 2, 2),
    )
    attempt.refresh_from_db()
    assert attempt.score == 4 and attempt.passed
    event = AuditEvent.objects.get(action="commissions.test.correct")
    assert event.old["score"] == 2 and event.new["score"] == 4
    assert event.new["reason"] == "ошибка ввода с бумажного бланка"
    assert event.old["answers"] != event.new["answers"]
    assert Certificate.objects.filter(enrolment=attempt.enrolment).exists()


def test_a_correction_that_fails_the_member_revokes_the_certificate() -> None:
    attempt = scored_final(4)
    correct_answers(actor=None, attempt=attempt, answers=sheet(attempt, 1), reason="апелляция")
    cert = Certificate.objects.get(enrolment=attempt.enrolment)
    assert cert.revoked
    assert AuditEvent.objects.filter(action="commissions.certificate.revoke").exists()


def test_a_correction_needs_a_reason() -> None:
    attempt = scored_final(2)
    with pytest.raises(BadAnswers):
        correct_answers(actor=None, attempt=attempt, answers=sheet(attempt, 4), reason="  ")


def test_an_answer_sheet_with_foreign_choices_and_missing_questions_reports_every_problem() -> None:
    make_bank(3)
    session = SessionFactory()
    (enrolment,) = enrol_members(actor=None, session=session, members=[MemberFactory()])
    attempt = start_test(actor=None, enrolment=enrolment, kind="entry", source="browser")
    answers = sheet(attempt, 3)
    first, second, third = sorted(answers)
    bad = {first: answers[second], second: answers[second], 999999: None}
    with pytest.raises(BadAnswers) as info:
        submit_answers(actor=None, attempt=attempt, answers=bad)
    text = str(info.value)
    assert "999999" in text and str(third) in text and f"choice {answers[second]}" in text
    assert TestAttempt.objects.get(pk=attempt.pk).scored_at is None


def test_a_trainer_scores_only_their_own_sessions() -> None:
    make_bank(2)
    own = SessionFactory()
    other = SessionFactory(plan=own.plan)
    user = user_for(Role.TRAINER, place=own.region)
    own.trainer.user = user
    own.trainer.save()
    (mine,) = enrol_members(actor=None, session=own, members=[MemberFactory()])
    (theirs,) = enrol_members(actor=None, session=other, members=[MemberFactory()])
    attempt = start_test(actor=user, enrolment=mine, kind="entry", source="browser")
    submit_answers(actor=user, attempt=attempt, answers=sheet(attempt, 2))
    with pytest.raises(PermissionDenied):
        start_test(actor=user, enrolment=theirs, kind="entry", source="browser")
    foreign = start_test(actor=None, enrolment=theirs, kind="entry", source="paper")
    with pytest.raises(PermissionDenied):
        submit_answers(actor=user, attempt=foreign, answers=sheet(foreign, 2))
    with pytest.raises(PermissionDenied):
        mark_attendance(actor=user, session=other, attended={theirs.pk: True})


def test_marking_a_certificate_holder_absent_afterwards_revokes_the_certificate() -> None:
    attempt = scored_final(4)
    enrolment = attempt.enrolment
    mark_attendance(actor=None, session=enrolment.session, attended={enrolment.pk: False})
    cert = Certificate.objects.get(enrolment=enrolment)
    assert cert.revoked
    event = AuditEvent.objects.get(action="commissions.certificate.revoke")
    assert event.new["reason"] == "marked absent"
