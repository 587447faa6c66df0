"""The election-day exercise: graded by the control ratios of saylau.law.protocol and by the
scenario's events; the traps are caught."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.errors import SessionNotYet
from saylau.web.commissions.exercise import SCENARIOS, grade
from saylau.web.commissions.models import ExerciseAttempt
from saylau.web.commissions.services import enrol_members, submit_exercise
from saylau.web.core import clock
from tests.factories import PrecinctFactory, user_for

from .factories import MemberFactory, PrecinctCommissionFactory, SessionFactory


def right(code: str) -> dict[str, int]:
    s = SCENARIOS[code]
    return {**s.expected, **{f"votes_{p}": v for p, v in s.votes.items()}}


@pytest.mark.parametrize("code", list(SCENARIOS))
def test_the_protocol_the_events_give_passes_the_control_ratios(code: str) -> None:
    result, passed = grade(SCENARIOS[code], right(code))
    assert passed and not result.errors and result.score == result.max_score


def test_counting_the_spoiled_ballot_as_issued_breaks_the_ballot_balance() -> None:
    lines = {**right("spoiled"), "ballots_issued_premises": 703}
    result, passed = grade(SCENARIOS["spoiled"], lines)
    assert not passed and "ballot_balance" in {f.code for f in result.errors}


def test_counting_the_ballot_brought_back_from_home_as_issued_is_refused() -> None:
    lines = {**right("home"), "ballots_issued_outside": 12}
    result, passed = grade(SCENARIOS["home"], lines)
    assert not passed and "ballot_balance" in {f.code for f in result.errors}


def test_leaving_out_the_recount_keeps_the_ratios_but_fails_the_lines() -> None:
    lines = {**right("correction"), "votes_A": 527, "votes_B": 303}
    result, passed = grade(SCENARIOS["correction"], lines)
    assert not result.errors and not passed
    assert set(result.wrong_lines) == {"votes_A", "votes_B"}


@pytest.mark.django_db
def test_a_trainer_runs_the_exercise_on_the_page_and_each_try_is_kept_and_audited(client) -> None:  # type: ignore[no-untyped-def]
    session = SessionFactory()
    trainer_user = user_for(Role.TRAINER, place=session.region)
    session.trainer.user = trainer_user
    session.trainer.save()
    member = MemberFactory(
        commission=PrecinctCommissionFactory(precinct=PrecinctFactory(district=session.district))
    )
    (enrolment,) = enrol_members(actor=None, session=session, members=[member])
    client.force_login(trainer_user)
    url = reverse("commissions:exercise_scenario", args=[enrolment.pk, "home"])
    assert client.get(url).status_code == 200
    page = client.post(url, {**right("home"), "ballots_issued_outside": 12})
    assert page.status_code == 200
    page = client.post(url, right("home"))
    tries = list(ExerciseAttempt.objects.filter(enrolment=enrolment).order_by("submitted_at"))
    assert [t.passed for t in tries] == [False, True]
    assert AuditEvent.objects.filter(action="commissions.exercise.submit").count() == 2
    with clock.travel(session.date.replace(day=1).replace(month=1)), pytest.raises(SessionNotYet):
        submit_exercise(
            actor=None, enrolment=enrolment, scenario="home", lines=right("home"), language="ru"
        )


@pytest.mark.parametrize("code", list(SCENARIOS))
def test_the_form_names_the_parties_as_the_scenario_tells_them(code: str) -> None:
    """Walked: the scenario said "А - 400, Б - 200, В - 80" and the form asked for "голосов за
    C": a trainee looks for a party C that the story never mentions."""
    import re

    from saylau.web.commissions.exercise import text_in
    from saylau.web.commissions.forms import ExerciseForm

    for language in ("kk", "ru"):
        story = text_in(SCENARIOS[code].story, language)
        told = re.findall(r"(?<!\w)([А-ЯA-Z]) - \d", story)
        assert told, story
        form = ExerciseForm(language=language)
        labels = [str(form.fields[f"votes_{p}"].label) for p in ("A", "B", "C")]
        for name, label in zip(told, labels, strict=True):
            assert re.search(rf"(?<!\w){name}(?!\w)", label), (language, name, label)
