"""Item statistics of the questions and the effect of training on election night."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.audit.services import record_event
from saylau.web.commissions.itemstats import item_statistics
from saylau.web.commissions.models import Certificate, Enrolment
from saylau.web.commissions.selectors.effect import training_effect
from saylau.web.core import clock
from saylau.web.results.models import Protocol
from tests.factories import DistrictFactory, ElectionFactory, PrecinctFactory, user_for

from .factories import MemberFactory, PrecinctCommissionFactory, SessionFactory


def test_item_statistics_give_difficulty_and_discrimination_and_flag_a_bad_key() -> None:
    # 20 attempts of 3 questions; strength rises with the attempt number.
    responses = []
    for a in range(20):
        strong = a >= 10
        responses.append((a, 1, strong))  # tells strong from weak
        responses.append((a, 2, True))  # everyone right: too easy
        responses.append((a, 3, not strong))  # the weak do better: a wrong key
        responses += [(a, q, strong or (a + q) % 3 == 0) for q in range(4, 10)]
    stats = item_statistics(responses)
    assert stats[1].p == 0.5 and stats[1].point_biserial is not None
    assert stats[1].point_biserial > 0.5 and stats[1].upper_lower == 1.0
    assert "too_easy" in stats[2].flags
    assert "negative_discrimination" in stats[3].flags
    assert stats[1].flags == ()
    few = item_statistics([(1, 9, True), (2, 9, False)])
    assert few[9].flags == ("few_answers",)


@pytest.mark.django_db
def test_the_question_statistics_page_lists_questions_to_revise(client) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.services import (
        enrol_members,
        mark_attendance,
        start_test,
        submit_answers,
    )

    from .factories import make_bank, sheet

    make_bank(3)
    session = SessionFactory()
    members = [
        MemberFactory(
            commission=PrecinctCommissionFactory(
                precinct=PrecinctFactory(district=session.district)
            )
        )
        for _ in range(3)
    ]
    for i, e in enumerate(enrol_members(actor=None, session=session, members=members)):
        mark_attendance(actor=None, session=session, attended={e.pk: True})
        a = start_test(actor=None, enrolment=e, kind="entry", source="paper")
        submit_answers(actor=None, attempt=a, answers=sheet(a, i + 1))
    client.force_login(user_for(Role.CEC))
    page = client.get(reverse("commissions:items"), {"election": session.plan.election_id})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Q000" in body and "Q002" in body


def _certify(member, day):  # type: ignore[no-untyped-def]
    session = SessionFactory(date=day)
    e = Enrolment.objects.create(session=session, member=member, attended=True)
    Certificate.objects.create(
        number=f"C-{e.pk}",
        enrolment=e,
        member=member,
        person=member.person,
        issued_on=day,
        valid_until=day + dt.timedelta(days=730),
        verification_code=f"code{e.pk}",
    )


@pytest.mark.django_db
def test_the_effect_report_compares_trained_and_untrained_commissions_with_the_numbers(
    client,
) -> None:  # type: ignore[no-untyped-def]
    election = ElectionFactory(day=dt.date(2027, 3, 21))
    district = DistrictFactory(region=election.region)
    trained = PrecinctCommissionFactory(precinct=PrecinctFactory(district=district))
    untrained = PrecinctCommissionFactory(precinct=PrecinctFactory(district=district))
    for m in [MemberFactory(commission=trained) for _ in range(2)]:
        _certify(m, dt.date(2027, 2, 1))
    MemberFactory(commission=untrained)
    late = MemberFactory(commission=untrained)
    _certify(late, dt.date(2027, 3, 25))  # after election day: does not count
    close = dt.datetime(2027, 3, 21, 20, 0, tzinfo=clock.local_zone())
    for commission, minutes, versions in ((trained, 90, 1), (untrained, 300, 2)):
        for v in range(1, versions + 1):
            Protocol.objects.create(
                election=election,
                precinct=commission.precinct,
                version=v,
                status="accepted",
                is_current=v == versions,
                data={},
                sha256=f"{commission.pk}-{v}",
                submitted_at=close + dt.timedelta(minutes=minutes * v),
            )
    record_event(
        actor="results",
        action="results.protocol.refuse",
        target_type="territory.precinct",
        target_id=untrained.precinct_id,
        new={"election": election.pk, "findings": ["ballot_balance"]},
    )
    report = training_effect(user_for(Role.CEC), election)
    (row,) = report.rows
    assert (row.trained.precincts, row.untrained.precincts) == (1, 1)
    assert row.trained.median_minutes == 90 and row.untrained.median_minutes == 300
    assert (row.trained.corrections, row.untrained.corrections) == (0, 1)
    assert (row.trained.refused, row.untrained.refused) == (0, 1)
    assert report.refusals_recorded
    client.force_login(user_for(Role.CEC))
    assert client.get(reverse("commissions:effect"), {"election": election.pk}).status_code == 200
    pdf = client.get(reverse("commissions:effect_pdf"), {"election": election.pk})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.django_db
def test_the_effect_report_pdf_keeps_every_word_on_the_page(language: str) -> None:
    """Walked: the Kazakh heading "Тапсыруға дейінгі минуттар" ran off the right edge of the
    printed report (pdftotext read "минутт")."""
    import io

    from django.utils import translation
    from pypdf import PdfReader
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from saylau.web.commissions.effect_pdf import effect_pdf

    election = ElectionFactory(day=dt.date(2027, 3, 21))
    district = DistrictFactory(region=election.region, name_kk="Тұрар Рысқұлов ауданы")
    PrecinctCommissionFactory(precinct=PrecinctFactory(district=district))
    with translation.override(language):
        report = training_effect(user_for(Role.CEC), election)
        pdf = effect_pdf(report, title=election.name_kk)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    right = float(page.mediabox.width) - 10  # points: a little inside the paper's edge
    runs: list[tuple[float, str, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            bold = "Bold" in str((font or {}).get("/BaseFont", ""))
            runs.append((tm[4], text.strip(), "DejaVu-Bold" if bold else "DejaVu"))

    page.extract_text(visitor_text=visit)
    assert runs
    over = [t for x, t, font in runs if x + stringWidth(t, font, 8) > right]
    assert over == []


@pytest.mark.django_db
def test_the_effect_page_writes_no_percent_sign_after_a_dash(client) -> None:  # type: ignore[no-untyped-def]
    """Walked: a group with no precinct read "0 / 0 (— %)" on the page, "0 / 0 (—)" in the PDF."""
    election = ElectionFactory(day=dt.date(2027, 3, 21))
    district = DistrictFactory(region=election.region)
    PrecinctCommissionFactory(precinct=PrecinctFactory(district=district))  # untrained only
    client.force_login(user_for(Role.CEC))
    page = client.get(reverse("commissions:effect"), {"election": election.pk}).content.decode()
    assert "(—)" in page and "— %" not in page
