"""Demo extras of the training step: election-day exercises, a move and a revocation."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .exercise import SCENARIOS
from .models import Certificate, Commission, Level, MemberRole
from .services.exercise import submit_exercise
from .services.registry import seat_existing_person
from .services.testing import revoke_certificate

ACTOR = "saylau demo"


def exercise_try(enrolment: Any, rng: random.Random) -> None:
    """A try of one scenario: most get it right, some fall into its trap first."""
    code = rng.choice(list(SCENARIOS))
    scenario = SCENARIOS[code]
    lines: dict[str, Any] = {
        **scenario.expected,
        **{f"votes_{p}": v for p, v in scenario.votes.items()},
    }
    if rng.random() < 0.35:
        trapped = dict(lines)
        if code == "spoiled":
            trapped["ballots_issued_premises"] += 1
        elif code == "home":
            trapped["ballots_issued_outside"] += 1
        else:
            trapped["votes_A"] += 7
            trapped["votes_B"] -= 7
        submit_exercise(
            actor=ACTOR, enrolment=enrolment, scenario=code, lines=trapped, language="ru"
        )
    submit_exercise(actor=ACTOR, enrolment=enrolment, scenario=code, lines=lines, language="ru")


def moves_and_revocation(today: dt.date) -> None:
    """One certified member moves to another precinct of the district (their certificate
    follows them); one certificate is revoked, with the reason, for the public check to show."""
    certs = list(
        Certificate.objects.filter(member__level=Level.PRECINCT, member__is_active=True)
        .select_related("member__commission")
        .order_by("pk")
    )
    if len(certs) < 2:
        return
    mover = certs[0].member
    if mover.commission.district_id is None:
        return
    target = (
        Commission.objects.filter(level=Level.PRECINCT, district_id=mover.commission.district_id)
        .exclude(pk=mover.commission_id)
        .order_by("pk")
        .first()
    )
    if target is not None:
        seat_existing_person(
            actor=ACTOR,
            commission=target,
            person=mover.person,
            role=MemberRole.MEMBER,
            nominated_by=mover.nominated_by,
            nominator_name=mover.nominator_name,
            term_start=today,
            leave_current_seat=True,
            reason="переезд в другой микрорайон",
        )
    revoke_certificate(
        actor=ACTOR,
        certificate=certs[-1],
        reason="итоговый тест сдан за другого человека (проверка комиссии)",
    )
