"""Recording a trainee's election-day exercise (one row and one audit event per try)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock

from ..errors import BadAnswers
from ..exercise import SCENARIOS, grade
from ..models import Enrolment, ExerciseAttempt
from ..rules import training_rules
from .training import enrolment_on_the_day


def submit_exercise(
    *, actor: ActorLike, enrolment: Enrolment, scenario: str, lines: dict[str, Any], language: str
) -> ExerciseAttempt:
    """Grade the protocol a trainee filled from ``scenario`` and keep the try. Not before the
    session's date, not in a cancelled session; an unknown scenario is refused."""
    if scenario not in SCENARIOS:
        msg = f"unknown scenario {scenario!r}"
        raise BadAnswers(msg, field="scenario")
    with transaction.atomic():
        enrolment = enrolment_on_the_day(actor, enrolment)
        result, passed = grade(
            SCENARIOS[scenario], lines, pass_percent=training_rules().exercise_pass_percent
        )
        row = ExerciseAttempt(
            enrolment=enrolment,
            member_id=enrolment.member_id,
            person_id=enrolment.member.person_id,
            scenario=scenario,
            language=language[:2],
            lines={k: v for k, v in lines.items() if isinstance(v, int | None)},
            findings=[f.code for f in result.findings],
            wrong_lines=list(result.wrong_lines),
            score=result.score,
            max_score=result.max_score,
            passed=passed,
            submitted_at=clock.now(),
        )
        row.full_clean()
        row.save()
        record_event(
            actor=actor,
            action=AuditAction.COMMISSIONS_EXERCISE_SUBMIT,
            target=row,
            new={
                "enrolment": enrolment.pk,
                "scenario": scenario,
                "score": row.score,
                "max_score": row.max_score,
                "passed": passed,
                "findings": row.findings,
                "wrong_lines": row.wrong_lines,
            },
        )
    return row
