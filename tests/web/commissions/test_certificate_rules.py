"""Certificates that mean something: nothing before the session's date, a time limit in the
browser, bad input refused with nothing counted, revocation with who, why and when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.errors import (
    AlreadyRevoked,
    AnswersLocked,
    BadAnswers,
    ReasonRequired,
    SessionCancelled,
    SessionNotYet,
    TimeUp,
)
from saylau.web.commissions.models import Certificate, TestAttempt
from saylau.web.commissions.pdf import wrap_words
from saylau.web.commissions.selectors import training_status
from saylau.web.commissions.services import (
    cancel_session,
    enrol_members,
    mark_attendance,
    revoke_certificate,
    start_test,
    submit_answers,
)
from saylau.web.core import clock
from tests.factories import user_for

from .factories import MemberFactory, SessionFactory, make_bank, sheet

pytestmark = pytest.mark.django_db
SESSION_DAY = dt.date(2027, 2, 1)


def enrolled():  # type: ignore[no-untyped-def]
    make_bank(4)
    session = SessionFactory(date=SESSION_DAY)
    (enrolment,) = enrol_members(actor=None, session=session, members=[MemberFactory()])
    return session, enrolment


def certified():  # type: ignore[no-untyped-def]
    session, enrolment = enrolled()
    mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
    attempt = start_test(actor=None, enrolment=enrolment, kind="final", source="paper")
    submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 4))
    return Certificate.objects.get(enrolment=enrolment)


def test_attendance_and_tests_before_the_sessions_date_are_refused_and_nothing_is_recorded() -> (
    None
):
    session, enrolment = enrolled()
    with clock.travel(SESSION_DAY - dt.timedelta(days=18)):
        with pytest.raises(SessionNotYet):
            mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
        with pytest.raises(SessionNotYet):
            start_test(actor=None, enrolment=enrolment, kind="entry", source="paper")
    enrolment.refresh_from_db()
    assert enrolment.attended is None and not TestAttempt.objects.exists()


def test_a_certificate_is_issued_on_the_day_the_final_test_is_passed_never_before_the_session() -> (
    None
):
    cert = certified()
    assert cert.issued_on == clock.today() >= cert.enrolment.session.date


def test_a_browser_test_past_its_time_limit_is_refused_and_nothing_is_counted() -> None:
    session, enrolment = enrolled()
    with clock.travel(dt.datetime(2027, 2, 1, 10, 0)):
        attempt = start_test(actor=None, enrolment=enrolment, kind="entry", source="browser")
    assert attempt.expires_at is not None
    with clock.travel(dt.datetime(2027, 2, 1, 10, 41)), pytest.raises(TimeUp):
        submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 4))
    attempt.refresh_from_db()
    assert attempt.score is None and not attempt.answers.exclude(choice=None).exists()


def test_a_test_submitted_twice_and_answers_to_questions_not_in_the_attempt_are_refused() -> None:
    session, enrolment = enrolled()
    attempt = start_test(actor=None, enrolment=enrolment, kind="entry", source="paper")
    foreign = make_bank(1)[0]
    bad = {**sheet(attempt, 4), foreign.pk: foreign.choices.first().pk}
    with pytest.raises(BadAnswers, match="not in this test"):
        submit_answers(actor=None, attempt=attempt, answers=bad)
    attempt.refresh_from_db()
    assert attempt.score is None
    submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 2))
    with pytest.raises(AnswersLocked):
        submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 4))
    attempt.refresh_from_db()
    assert attempt.score == 2


def test_an_attendance_sheet_for_a_cancelled_session_is_refused() -> None:
    make_bank(2)
    session = SessionFactory(date=SESSION_DAY + dt.timedelta(days=10))
    (enrolment,) = enrol_members(actor=None, session=session, members=[MemberFactory()])
    cancel_session(actor=None, session=session, reason="зал на ремонте")
    with clock.travel(SESSION_DAY + dt.timedelta(days=11)), pytest.raises(SessionCancelled):
        mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
    enrolment.refresh_from_db()
    assert enrolment.attended is None


def test_a_member_re_enrolled_after_a_cancellation_is_no_longer_told_to_enrol_in_another() -> None:
    member = MemberFactory()
    cancelled = SessionFactory(date=SESSION_DAY + dt.timedelta(days=10))
    enrol_members(actor=None, session=cancelled, members=[member])
    cancel_session(actor=None, session=cancelled, reason="зал на ремонте")
    assert training_status([member], clock.today())[member.pk].code == "cancelled"
    held = SessionFactory(plan=cancelled.plan, date=SESSION_DAY)
    (e,) = enrol_members(actor=None, session=held, members=[member])
    mark_attendance(actor=None, session=held, attended={e.pk: True})
    status = training_status([member], clock.today())[member.pk]
    assert status.code == "enrolled" and status.session == held


def test_revoking_needs_a_reason_records_who_why_and_when_and_the_public_page_shows_it(
    client,
) -> None:  # type: ignore[no-untyped-def]
    cert = certified()
    official = user_for(Role.CEC)
    with pytest.raises(ReasonRequired):
        revoke_certificate(actor=official, certificate=cert, reason=" ")
    revoke_certificate(actor=official, certificate=cert, reason="обучение проведено с нарушениями")
    cert.refresh_from_db()
    assert cert.revoked and cert.revoked_by == official and cert.revoked_at is not None
    assert cert.revoke_reason == "обучение проведено с нарушениями"
    event = AuditEvent.objects.get(action="commissions.certificate.revoke")
    assert event.actor == official and event.new["reason"] == cert.revoke_reason
    with pytest.raises(AlreadyRevoked):
        revoke_certificate(actor=official, certificate=cert, reason="ещё раз")
    page = client.get(reverse("commissions:verify", args=[cert.verification_code])).content.decode()
    assert cert.revoked_at is not None
    assert f"{clock.localtime(cert.revoked_at):%d.%m.%Y}" in page


def test_a_long_budget_title_wraps_inside_the_page() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from saylau.web.core.pdf import register_fonts

    register_fonts()
    title = "Бюджет обучения: " + "Выборы депутатов Мажилиса Парламента Республики Казахстан " * 2
    lines = wrap_words(title, font="DejaVu-Bold", size=13, width=A4[0] - 30 * mm)
    assert len(lines) > 1
    assert all(stringWidth(x, "DejaVu-Bold", 13) <= A4[0] - 30 * mm for x in lines)


def test_the_session_page_revokes_in_its_own_form_and_attendance_still_saves(client) -> None:  # type: ignore[no-untyped-def]
    """Walked: the revoke form sat inside the attendance form. Browsers drop a nested <form>,
    so "Revoke" saved attendance instead, and the revoke reason (required) blocked "Save
    attendance" for every session that had issued a certificate."""
    from html.parser import HTMLParser

    class Forms(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0
            self.nested = 0
            self.ids: dict[str, str] = {}
            self.owners: list[tuple[str, str | None]] = []  # (name or tag, form attribute)
            self.in_attendance = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "form":
                self.nested += self.depth > 0
                self.depth += 1
                if a.get("id"):
                    self.ids[a["id"] or ""] = a.get("action") or ""
                self.in_attendance = "/attendance/" in (a.get("action") or "")
            inside = self.in_attendance and self.depth > 0
            if inside and (a.get("name") == "reason" or (tag == "button" and a.get("form"))):
                self.owners.append((a.get("name") or tag, a.get("form")))

        def handle_endtag(self, tag: str) -> None:
            if tag == "form":
                self.depth -= 1
                self.in_attendance = False

    cert = certified()
    session = cert.enrolment.session
    client.force_login(user_for(Role.REGIONAL, place=session.region))
    url = reverse("commissions:session", args=[session.pk])
    parser = Forms()
    parser.feed(client.get(url).content.decode())
    assert parser.nested == 0
    revoke = reverse("commissions:certificate_revoke", args=[cert.pk])
    assert parser.owners and all(parser.ids.get(form or "") == revoke for _, form in parser.owners)
    # both forms work as the browser sends them
    saved = client.post(
        reverse("commissions:attendance", args=[session.pk]), {"attended": [cert.enrolment_id]}
    )
    assert saved.status_code == 302
    client.post(revoke, {"reason": "ошибка в данных"})
    cert.refresh_from_db()
    assert cert.revoked
