import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from saylau.web.accounts.models import Role
from saylau.web.commissions.selectors import (
    budget_report,
    coverage_by_district,
    coverage_by_precinct,
    coverage_total,
    deadline_for,
    trainer_stats,
    untrained_members,
)
from saylau.web.commissions.services import (
    enrol_members,
    mark_attendance,
    set_budget,
    start_test,
    submit_answers,
)
from tests.factories import DistrictFactory, ElectionFactory, PrecinctFactory, user_for

from .factories import (
    MemberFactory,
    PlanFactory,
    PrecinctCommissionFactory,
    SessionFactory,
    make_bank,
    sheet,
)

pytestmark = pytest.mark.django_db


def run_session(session, members, *, entry: list[int], final: list[int]):  # type: ignore[no-untyped-def]
    enrolments = enrol_members(actor=None, session=session, members=members)
    mark_attendance(actor=None, session=session, attended={e.pk: True for e in enrolments})
    for e, right in zip(enrolments, entry, strict=True):
        a = start_test(actor=None, enrolment=e, kind="entry", source="paper")
        submit_answers(actor=None, attempt=a, answers=sheet(a, right))
    for e, right in zip(enrolments, final, strict=True):
        a = start_test(actor=None, enrolment=e, kind="final", source="paper")
        submit_answers(actor=None, attempt=a, answers=sheet(a, right), on=session.date)
    return enrolments


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    make_bank(10)
    election = ElectionFactory(day=dt.date(2027, 3, 21))
    d1 = DistrictFactory(region=election.region, name_ru="Байзакский")
    d2 = DistrictFactory(region=election.region, name_ru="Таласский")
    c1 = PrecinctCommissionFactory(precinct=PrecinctFactory(district=d1))
    c2 = PrecinctCommissionFactory(precinct=PrecinctFactory(district=d2))
    m1 = MemberFactory.create_batch(4, commission=c1)
    m2 = MemberFactory.create_batch(2, commission=c2)
    plan = PlanFactory(election=election)
    session = SessionFactory(plan=plan, district=d1, date=dt.date(2027, 2, 1))
    # Entry 40 % and 60 %; final 90 % (pass), 50 % (fail); two of d1 not trained at all.
    run_session(session, m1[:2], entry=[4, 6], final=[9, 5])
    return election, d1, d2, m1, m2, session


def test_coverage_counts_trained_failed_and_not_trained_per_district(world) -> None:  # type: ignore[no-untyped-def]
    election, d1, d2, *_ = world
    rows = {r.label: r for r in coverage_by_district(user_for(Role.CEC), election)}
    assert (rows["Байзакский"].members, rows["Байзакский"].trained, rows["Байзакский"].failed) == (
        4,
        1,
        1,
    )
    assert rows["Байзакский"].not_trained == 2
    assert rows["Таласский"].not_trained == 2 and rows["Таласский"].trained == 0
    total = coverage_total(list(rows.values()))
    assert (total.members, total.trained, total.failed) == (6, 1, 1)
    assert rows["Байзакский"].trained_percent == Fraction(25)


def test_coverage_per_precinct_within_a_district(world) -> None:  # type: ignore[no-untyped-def]
    election, d1, *_ = world
    rows = coverage_by_precinct(user_for(Role.CEC), election, district_id=d1.pk)
    assert [(r.members, r.trained, r.failed) for r in rows] == [(4, 1, 1)]


def test_a_territorial_user_sees_only_their_districts_coverage(world) -> None:  # type: ignore[no-untyped-def]
    election, d1, d2, *_ = world
    rows = coverage_by_district(user_for(Role.TERRITORIAL, place=d2), election)
    assert [r.label for r in rows] == ["Таласский"]


def test_the_untrained_list_holds_every_sitting_member_without_a_valid_certificate(world) -> None:  # type: ignore[no-untyped-def]
    election, d1, d2, m1, m2, _ = world
    untrained = set(untrained_members(user_for(Role.CEC), election).values_list("pk", flat=True))
    assert untrained == {m1[1].pk, m1[2].pk, m1[3].pk, m2[0].pk, m2[1].pk}


def test_a_certificate_expiring_before_election_day_does_not_count(world) -> None:  # type: ignore[no-untyped-def]
    election, d1, d2, m1, *_ = world
    m1[0].certificates.update(valid_until=dt.date(2027, 3, 20))
    rows = {r.label: r for r in coverage_by_district(user_for(Role.CEC), election)}
    assert rows["Байзакский"].trained == 0


def test_the_deadline_is_the_day_the_voter_lists_reach_the_precincts_by_default(world) -> None:  # type: ignore[no-untyped-def]
    election, *_ = world
    deadline = deadline_for(election, dt.date(2027, 3, 1))
    # election law Art. 26: lists handed over 20 days before election day (21.03.2027)
    assert deadline.day == dt.date(2027, 3, 1) and deadline.days_left == 0
    assert deadline.rule is not None and deadline.rule.basis == "anchor"
    assert deadline.rule.code == "lists_to_precincts" and "Art. 26" in deadline.rule.article
    assert deadline_for(election, dt.date(2027, 3, 4)).overdue == 3


def test_without_the_anchor_the_deadline_is_a_configurable_number_of_days(world) -> None:  # type: ignore[no-untyped-def]
    election, *_ = world
    with override_settings(
        SAYLAU_TRAINING={"training_deadline_anchor": None, "training_deadline_days": 10}
    ):
        deadline = deadline_for(election, dt.date(2027, 3, 1))
    assert deadline.day == dt.date(2027, 3, 11) and deadline.days_left == 10
    assert deadline.rule is not None and deadline.rule.basis == "days"


@pytest.mark.usefixtures("in_russian")
def test_the_coverage_page_says_where_the_deadline_comes_from_and_when_it_has_passed(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    election, *_ = world
    client.force_login(user_for(Role.CEC))
    page = client.get(
        reverse("commissions:coverage") + f"?election={election.pk}", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "01.03.2027" in page and "Конституционный закон о выборах, ст. 26" in page
    assert "списки избирателей передаются участковым комиссиям" in page
    # Why the date was taken as the deadline is the CEC's legal-basis page's, not this one's.
    assert "НЕ ПОДТВЕРЖДЕНО" not in page and "UNCONFIRMED" not in page


def test_trainer_statistics_give_average_entry_and_final_scores_the_gain_and_the_load(
    world,
) -> None:  # type: ignore[no-untyped-def]
    election, *_ = world
    (row,) = trainer_stats(user_for(Role.CEC), election)
    assert (row.sessions, row.enrolled, row.attended) == (1, 2, 2)
    assert row.entry_percent == Fraction(50) and row.final_percent == Fraction(70)
    assert row.gain == Fraction(20)


def test_a_trainer_sees_statistics_only_of_their_own_sessions(world) -> None:  # type: ignore[no-untyped-def]
    election, *_ = world
    stranger = user_for(Role.TRAINER, place=election.region)
    assert trainer_stats(stranger, election) == []


@pytest.mark.usefixtures("in_russian")
def test_budget_totals_per_session_district_and_paying_akimat(world) -> None:  # type: ignore[no-untyped-def]
    election, d1, d2, m1, m2, session = world
    set_budget(
        actor=None,
        session=session,
        payer="district",
        payer_district=d1,
        costs={
            "planned_venue": Decimal("50000"),
            "planned_materials": Decimal("10000"),
            "planned_trainer_fee": Decimal("30000"),
            "planned_per_participant": Decimal("1000"),
            "actual_venue": Decimal("45000"),
            "actual_per_participant": Decimal("1200"),
        },
    )
    other = SessionFactory(plan=session.plan, district=d2, capacity=10)
    set_budget(actor=None, session=other, payer="region", costs={"planned_venue": Decimal("20000")})
    report = budget_report(user_for(Role.CEC), election)
    # planned: 50000 + 10000 + 30000 + 1000 x 30 seats; actual: 45000 + 1200 x 2 attendees
    first = report.sessions[0] if report.sessions[0]["session"] == session else report.sessions[1]
    assert first["planned"] == Decimal("120000") and first["actual"] == Decimal("47400")
    assert report.total.planned == Decimal("140000") and report.total.actual == Decimal("47400")
    assert {line.label.split(" · ")[0] for line in report.by_payer} == {
        "Байзакский",
        election.region.name,
    }
    assert len(report.by_district) == 2


def test_the_export_grid_agrees_with_the_district_and_precinct_coverage(world) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.selectors import coverage_grid

    from .factories import TerritorialCommissionFactory

    election, d1, *_ = world
    MemberFactory(commission=TerritorialCommissionFactory(district=d1))
    cec = user_for(Role.CEC)
    districts, precincts = coverage_grid(cec, election)
    assert districts == coverage_by_district(cec, election)
    assert precincts == coverage_by_precinct(cec, election)
    assert {r.label: r.members for r in districts}["Байзакский"] == 5


def test_a_training_deadline_in_the_law_calendar_takes_precedence(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from saylau.law import calendar
    from saylau.web.commissions.rules import training_deadline, training_deadline_rule

    day = dt.date(2027, 3, 21)
    assert training_deadline(day, "maslikhat") == dt.date(2027, 3, 1)  # lists_to_precincts
    assert training_deadline(day, None) == dt.date(2027, 3, 11)  # no calendar: 10 days
    real = calendar.election_calendar

    def with_training(body, election_day):  # type: ignore[no-untyped-def]
        extra = calendar.Deadline("commission_training", dt.date(2027, 2, 20), "by", "x", "y")
        return [*real(body, election_day), extra]

    monkeypatch.setattr(calendar, "election_calendar", with_training)
    assert training_deadline(day, "maslikhat") == dt.date(2027, 2, 20)
    assert training_deadline_rule(day, "maslikhat").basis == "calendar"


@given(st.integers(0, 200), st.integers(1, 200), st.integers(0, 100))
def test_the_pass_mark_is_exact_integer_arithmetic(score, maximum, mark) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.rules import TrainingRules

    rules = TrainingRules(pass_mark_percent=mark)
    assert rules.passes(score, maximum) == (Fraction(score, maximum) >= Fraction(mark, 100))


def test_training_follows_the_person_to_a_new_seat(world) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.services import appoint_member, dismiss_member

    election, d1, d2, m1, *_ = world
    trained = m1[0]  # passed the final test in d1
    dismiss_member(actor=None, member=trained, on=dt.date(2027, 2, 10), reason="переезд")
    seat = appoint_member(
        actor=None,
        commission=PrecinctCommissionFactory(precinct=PrecinctFactory(district=d2)),
        person=trained.person,
        role="member",
        nominated_by="party",
        term_start=dt.date(2027, 2, 11),
    )
    rows = {r.label: r for r in coverage_by_district(user_for(Role.CEC), election)}
    assert rows["Таласский"].trained == 1 and rows["Таласский"].members == 3
    assert rows["Байзакский"].trained == 0 and rows["Байзакский"].members == 3
    assert seat.pk not in set(
        untrained_members(user_for(Role.CEC), election).values_list("pk", flat=True)
    )


@pytest.mark.usefixtures("in_russian")
def test_the_two_query_export_equals_the_grid_and_the_untrained_list(world) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.selectors import coverage_export_data, coverage_grid

    from .factories import TerritorialCommissionFactory

    election, d1, _d2, m1, _m2, _session = world
    MemberFactory(commission=TerritorialCommissionFactory(district=d1))
    for user in (user_for(Role.CEC), user_for(Role.TERRITORIAL, place=d1)):
        data = coverage_export_data(user, election)
        assert (data.districts, data.precincts) == coverage_grid(user, election)
        expected = list(untrained_members(user, election))
        assert [r[3] for r in data.untrained] == [m.person.last_name for m in expected]
        assert [r[-1] for r in data.untrained] == [m.has_failed for m in expected]
    # the member who failed the final test is marked, with the role as a label
    failed = [r for r in coverage_export_data(user_for(Role.CEC), election).untrained if r[-1]]
    assert [(r[3], r[6]) for r in failed] == [(m1[1].person.last_name, "член комиссии")]
