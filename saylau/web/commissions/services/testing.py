"""Entry and final tests: answers taken in the browser or entered from paper, scoring against
the pass mark, the audited correction of a scored test, and certificates."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.core import clock

from ..access import require_session_write
from ..errors import AlreadyRevoked, AnswersLocked, BadAnswers, NotEligible, ReasonRequired, TimeUp
from ..models import (
    Answer,
    Certificate,
    Choice,
    Enrolment,
    Question,
    TestAttempt,
    TestKind,
)
from ..rules import training_rules
from ..testforms import BankQuestion, draw_form
from .training import enrolment_on_the_day, mark_revoked, require_held

#: question id -> chosen choice id (None: left blank)
Answers = Mapping[int, int | None]


def questions_for(kind: str, level: str | None = None) -> QuerySet[Question]:
    """The questions a test draws from: the active questions of the bank's part for this test
    (or for both) and of the session's level (or of every level)."""
    qs = Question.objects.filter(active=True, kind__in=[kind, ""])
    if level is not None:
        qs = qs.filter(level__in=[level, ""])
    return qs.prefetch_related("choices").order_by("code")


def _bank(kind: str, level: str) -> list[BankQuestion]:
    return [
        BankQuestion(q.pk, q.topic, q.difficulty, tuple(c.pk for c in q.choices.all()))
        for q in questions_for(kind, level)
    ]


def _validated(attempt: TestAttempt, answers: Answers) -> dict[int, int | None]:
    """Every problem with the answer sheet at once (unknown questions, foreign choices)."""
    wanted = {a.question_id for a in attempt.answers.all()}
    problems: list[str] = []
    unknown = sorted(set(answers) - wanted)
    if unknown:
        problems.append(f"questions not in this test: {unknown}")
    missing = sorted(wanted - set(answers))
    if missing:
        problems.append(f"questions without an answer or blank: {missing}")
    chosen = {c for c in answers.values() if c is not None}
    owner = dict(Choice.objects.filter(pk__in=chosen).values_list("pk", "question_id"))
    unknown_choices = sorted(chosen - set(owner))
    if unknown_choices:
        problems.append(f"choices that do not exist: {unknown_choices}")
    for question_id, choice_id in answers.items():
        if choice_id is not None and choice_id in owner and owner[choice_id] != question_id:
            problems.append(f"choice {choice_id} does not belong to question {question_id}")
    if problems:
        raise BadAnswers("; ".join(problems), field="answers")
    return dict(answers)


def _score(attempt: TestAttempt) -> None:
    rules = training_rules()
    rows = attempt.answers.select_related("choice")
    attempt.score = sum(1 for a in rows if a.choice is not None and a.choice.is_correct)
    attempt.pass_mark_percent = rules.pass_mark_percent
    attempt.passed = rules.passes(attempt.score, attempt.max_score)
    attempt.scored_at = clock.now()


def _sheet(attempt: TestAttempt) -> dict[str, int | None]:
    return {str(q): c for q, c in attempt.answers.values_list("question_id", "choice_id")}


def _result(attempt: TestAttempt) -> dict[str, Any]:
    return {
        "score": attempt.score,
        "max_score": attempt.max_score,
        "passed": attempt.passed,
        "pass_mark_percent": attempt.pass_mark_percent,
    }


def start_test(
    *,
    actor: ActorLike,
    enrolment: Enrolment,
    kind: str,
    source: str,
    rng: random.Random | None = None,
) -> TestAttempt:
    """Open an attempt with its own form (idempotent while unscored): questions drawn across
    the topics of the bank's part for this test and the session's level, options shuffled, the
    order stored so that grading follows it. Not before the session's date."""
    with transaction.atomic():
        enrolment = enrolment_on_the_day(actor, enrolment)
        session = enrolment.session
        attempt = TestAttempt.objects.filter(enrolment=enrolment, kind=kind).first()
        if attempt is not None:
            return attempt
        if kind == TestKind.FINAL and enrolment.attended is False:
            msg = "a member marked absent cannot sit the final test"
            raise NotEligible(msg, field="kind")
        rules = training_rules()
        form = draw_form(
            _bank(kind, session.level),
            size=rules.questions_per_test,
            rng=rng or random.SystemRandom(),
        )
        if not form:
            msg = f"the question bank has no active questions for the {kind} test"
            raise BadAnswers(msg, field="kind")
        now = clock.now()
        attempt = TestAttempt(
            enrolment=enrolment,
            kind=kind,
            source=source,
            language=session.language,
            max_score=len(form),
            member_id=enrolment.member_id,
            person_id=enrolment.member.person_id,
            trainer_id=session.trainer_id,
            started_at=now,
            expires_at=(
                now + dt.timedelta(minutes=rules.test_minutes)
                if source == TestAttempt.Source.BROWSER
                else None
            ),
        )
        attempt.full_clean(validate_constraints=False)
        attempt.save()
        Answer.objects.bulk_create(
            [
                Answer(
                    attempt=attempt,
                    question_id=item.question_id,
                    position=n,
                    choice_order=list(item.choice_order),
                )
                for n, item in enumerate(form, start=1)
            ]
        )
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_TEST_START,
            target=attempt,
            new={
                "enrolment": enrolment.pk,
                "kind": kind,
                "source": source,
                "questions": [item.question_id for item in form],
                "expires_at": attempt.expires_at,
            },
        )
    return attempt


def _write_answers(attempt: TestAttempt, answers: dict[int, int | None]) -> None:
    rows = list(attempt.answers.all())
    for row in rows:
        row.choice_id = answers[row.question_id]
    Answer.objects.bulk_update(rows, ["choice"])


def submit_answers(
    *, actor: ActorLike, attempt: TestAttempt, answers: Answers, on: dt.date | None = None
) -> TestAttempt:
    """Store the answer sheet and score it. A scored attempt is locked: use
    :func:`correct_answers`; a browser attempt past its time is refused, nothing counted. A
    passed final test of an attendee earns a certificate. (``on`` is ignored: results and
    certificates carry the clock's date, never an earlier one.)"""
    with transaction.atomic():
        attempt = (
            TestAttempt.objects.select_for_update(of=("self",))
            .select_related("enrolment__session__trainer")
            .get(pk=attempt.pk)
        )
        require_session_write(actor, attempt.enrolment.session)
        if attempt.is_scored:
            msg = f"attempt {attempt.pk} was scored at {attempt.scored_at}"
            raise AnswersLocked(msg, field="answers")
        require_held(attempt.enrolment.session)
        if attempt.expires_at is not None and clock.now() > attempt.expires_at:
            msg = (
                f"attempt {attempt.pk}: time was up at {clock.localtime(attempt.expires_at):%H:%M}"
            )
            raise TimeUp(msg, field="answers")
        clean = _validated(attempt, answers)
        _write_answers(attempt, clean)
        _score(attempt)
        attempt.save()
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_TEST_SCORE,
            target=attempt,
            new={"answers": _sheet(attempt), **_result(attempt)},
        )
        _certify_if_earned(actor, attempt)
    return attempt


def correct_answers(
    *,
    actor: ActorLike,
    attempt: TestAttempt,
    answers: Answers,
    reason: str,
    on: dt.date | None = None,
) -> TestAttempt:
    """Change a scored answer sheet (a data-entry mistake on paper, an appeal), re-score it and
    record the old and new answers and result with the reason. A certificate that the new
    result no longer supports is revoked."""
    if not reason.strip():
        msg = "a correction of a scored test needs a reason"
        raise BadAnswers(msg, field="reason")
    with transaction.atomic():
        attempt = (
            TestAttempt.objects.select_for_update(of=("self",))
            .select_related("enrolment__session__trainer")
            .get(pk=attempt.pk)
        )
        require_session_write(actor, attempt.enrolment.session)
        clean = _validated(attempt, answers)
        old = {"answers": _sheet(attempt), **_result(attempt)}
        _write_answers(attempt, clean)
        _score(attempt)
        attempt.save()
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_TEST_CORRECT,
            target=attempt,
            old=old,
            new={"answers": _sheet(attempt), **_result(attempt), "reason": reason},
        )
        cert = Certificate.objects.filter(enrolment=attempt.enrolment, revoked=False).first()
        if cert is not None and attempt.kind == TestKind.FINAL and not attempt.passed:
            mark_revoked(actor, cert, reason=f"final test corrected: {reason}")
        else:
            _certify_if_earned(actor, attempt)
    return attempt


def revoke_certificate(*, actor: ActorLike, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate (found to be issued in error, training in doubt, ...): the reason is
    required; the public verification page shows the revocation and its date from then on."""
    if not reason.strip():
        msg = "revoking a certificate needs a reason"
        raise ReasonRequired(msg, field="reason")
    with transaction.atomic():
        cert = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("enrolment__session__trainer")
            .get(pk=certificate.pk)
        )
        require_session_write(actor, cert.enrolment.session)
        if cert.revoked:
            msg = f"certificate {cert.number} was revoked on {cert.revoked_at}"
            raise AlreadyRevoked(msg)
        mark_revoked(actor, cert, reason=reason.strip())
    return cert


def _certify_if_earned(actor: ActorLike, attempt: TestAttempt) -> None:
    enrolment = attempt.enrolment
    if (
        attempt.kind == TestKind.FINAL
        and attempt.passed
        and enrolment.attended
        and not Certificate.objects.filter(enrolment=enrolment).exists()
    ):
        issue_certificate(actor=actor, enrolment=enrolment)


def certificate_number(enrolment: Enrolment) -> str:
    """``<region code>-<level letter>-<year>-<enrolment id>``: unique, and readable on paper."""
    session = enrolment.session
    return f"{session.region.code}-{session.level[0].upper()}-{session.date:%Y}-{enrolment.pk:07d}"


def issue_certificate(
    *, actor: ActorLike, enrolment: Enrolment, on: dt.date | None = None
) -> Certificate:
    """Issue on the clock's date (``on`` is only checked against it): a certificate needs
    attendance on or after the session's date and a passed final test."""
    today = clock.today()
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("session__region", "session__trainer", "member")
            .get(pk=enrolment.pk)
        )
        require_session_write(actor, enrolment.session)
        passed = TestAttempt.objects.filter(
            enrolment=enrolment, kind=TestKind.FINAL, passed=True
        ).exists()
        if not (enrolment.attended and passed) or today < enrolment.session.date:
            msg = (
                f"enrolment {enrolment.pk}: attended={enrolment.attended}, final passed={passed}, "
                f"session on {enrolment.session.date}, today {today}"
            )
            raise NotEligible(msg)
        cert = Certificate(
            number=certificate_number(enrolment),
            enrolment=enrolment,
            member_id=enrolment.member_id,
            person_id=enrolment.member.person_id,
            issued_on=today,
            valid_until=today + dt.timedelta(days=training_rules().certificate_valid_days),
            verification_code=secrets.token_urlsafe(12),
        )
        cert.full_clean(validate_constraints=False)
        cert.save()
        record_event(
            actor=actor,
            action=Action.COMMISSIONS_CERTIFICATE_ISSUE,
            target=cert,
            new={
                "number": cert.number,
                "member": cert.member_id,
                "issued_on": cert.issued_on,
                "valid_until": cert.valid_until,
            },
        )
    return cert
