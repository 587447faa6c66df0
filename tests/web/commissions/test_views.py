import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.models import Certificate, Member, Question, TestAttempt
from saylau.web.commissions.services import (
    enrol_members,
    mark_attendance,
    set_budget,
    start_test,
    submit_answers,
)
from saylau.web.core import clock
from tests.factories import DistrictFactory, PrecinctFactory, user_for

from .factories import (
    MemberFactory,
    PrecinctCommissionFactory,
    SessionFactory,
    TerritorialCommissionFactory,
    make_bank,
    sheet,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts():  # type: ignore[no-untyped-def]
    mine = PrecinctCommissionFactory()
    theirs = PrecinctCommissionFactory(
        precinct=PrecinctFactory(district=DistrictFactory(region=mine.region))
    )
    return mine, theirs


@pytest.mark.usefixtures("in_russian")
def test_a_territorial_user_gets_404_for_a_commission_of_another_district(
    client, two_districts
) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_districts
    client.force_login(user_for(Role.TERRITORIAL, place=mine.district))
    assert client.get(reverse("commissions:commission", args=[mine.pk])).status_code == 200
    assert client.get(reverse("commissions:commission", args=[theirs.pk])).status_code == 404
    page = client.get(reverse("commissions:index")).content.decode()
    assert mine.name_ru in page and theirs.name_ru not in page


def test_a_precinct_user_cannot_dismiss_a_member_of_another_precinct_by_guessing_its_id(
    client, two_districts
) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_districts
    member = MemberFactory(commission=theirs)
    client.force_login(user_for(Role.PRECINCT, place=mine.precinct))
    response = client.post(
        reverse("commissions:dismiss", args=[member.pk]), {"on": "2026-05-01", "reason": "x"}
    )
    assert response.status_code == 404
    assert Member.objects.get(pk=member.pk).is_active


def test_appointing_through_the_page_seats_the_person(client) -> None:  # type: ignore[no-untyped-def]
    commission = PrecinctCommissionFactory()
    client.force_login(user_for(Role.TERRITORIAL, place=commission.district))
    response = client.post(
        reverse("commissions:commission", args=[commission.pk]),
        {
            "last_name": "Сейітова",
            "first_name": "Әйгерім",
            "role": "secretary",
            "nominated_by": "maslikhat",
            "term_start": "2026-02-01",
        },
    )
    assert response.status_code == 302
    assert commission.members.get().person.first_name == "Әйгерім"


def test_the_commission_list_keeps_a_query_budget(client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(12):
        MemberFactory()
    client.force_login(user_for(Role.CEC))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("commissions:index")).status_code == 200


@pytest.fixture
def trained():  # type: ignore[no-untyped-def]
    make_bank(3)
    session = SessionFactory()
    other = SessionFactory(plan=session.plan)
    trainer_user = user_for(Role.TRAINER, place=session.region)
    session.trainer.user = trainer_user
    session.trainer.save()
    member = MemberFactory(
        commission=PrecinctCommissionFactory(precinct=PrecinctFactory(district=session.district))
    )
    (enrolment,) = enrol_members(actor=None, session=session, members=[member])
    mark_attendance(actor=None, session=session, attended={enrolment.pk: True})
    attempt = start_test(actor=None, enrolment=enrolment, kind="final", source="paper")
    submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 3), on=dt.date(2027, 2, 1))
    (foreign,) = enrol_members(actor=None, session=other, members=[MemberFactory()])
    return session, other, trainer_user, enrolment, foreign


def test_a_trainer_sees_only_their_own_sessions(client, trained) -> None:  # type: ignore[no-untyped-def]
    session, other, trainer_user, *_ = trained
    client.force_login(trainer_user)
    assert client.get(reverse("commissions:session", args=[session.pk])).status_code == 200
    assert client.get(reverse("commissions:session", args=[other.pk])).status_code == 404
    listing = client.get(reverse("commissions:sessions")).content.decode()
    assert session.place in listing
    assert reverse("commissions:session", args=[other.pk]) not in listing


def test_a_trainer_cannot_open_or_score_a_test_of_another_session(client, trained) -> None:  # type: ignore[no-untyped-def]
    *_, trainer_user, _, foreign = trained
    client.force_login(trainer_user)
    url = reverse("commissions:test", args=[foreign.pk, "entry"])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert not TestAttempt.objects.filter(enrolment=foreign).exists()


def test_a_trainer_takes_an_entry_test_in_the_browser(client, trained) -> None:  # type: ignore[no-untyped-def]
    _, _, trainer_user, enrolment, _ = trained
    client.force_login(trainer_user)
    url = reverse("commissions:test", args=[enrolment.pk, "entry"])
    page = client.get(url)
    assert page.status_code == 200
    assert not TestAttempt.objects.filter(
        enrolment=enrolment, kind="entry"
    ).exists()  # GET writes nothing
    questions = list(Question.objects.order_by("code").prefetch_related("choices"))
    data = {
        f"q{q.pk}": q.choices.order_by("id")[0 if i < 2 else 1].pk for i, q in enumerate(questions)
    }
    assert client.post(url, data).status_code == 302
    attempt = TestAttempt.objects.get(enrolment=enrolment, kind="entry")
    assert attempt.score == 2 and attempt.source == "browser" and attempt.is_scored


@pytest.mark.usefixtures("in_russian")
def test_a_scored_test_posted_again_without_a_reason_changes_nothing(client, trained) -> None:  # type: ignore[no-untyped-def]
    _, _, trainer_user, enrolment, _ = trained
    attempt = TestAttempt.objects.get(enrolment=enrolment, kind="final")
    client.force_login(trainer_user)
    url = reverse("commissions:test", args=[enrolment.pk, "final"])
    data = {f"q{q}": c for q, c in sheet(attempt, 0).items()}
    # The same sheet sent again is refused with a message; nothing is counted twice.
    again = client.post(url, data, follow=True)
    assert "already submitted" in again.content.decode() or "уже" in again.content.decode()
    attempt.refresh_from_db()
    assert attempt.score == 3
    # A correction is a deliberate act: the form asks for the reason.
    assert client.post(url, {**data, "correction": "1"}).status_code == 200
    attempt.refresh_from_db()
    assert attempt.score == 3
    response = client.post(url, {**data, "correction": "1", "reason": "ошибка ввода"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert (
        AuditEvent.objects.filter(action="commissions.test.correct", actor=trainer_user).count()
        == 1
    )


def test_the_certificate_pdf_carries_a_qr_to_the_public_page_which_masks_the_name(
    client, trained
) -> None:  # type: ignore[no-untyped-def]
    _, _, trainer_user, enrolment, _ = trained
    cert = Certificate.objects.get(enrolment=enrolment)
    client.force_login(trainer_user)
    pdf = client.get(reverse("commissions:certificate", args=[cert.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.logout()
    page = client.get(reverse("commissions:verify", args=[cert.verification_code]))
    text = page.content.decode()
    assert page.status_code == 200 and cert.number in text
    person = enrolment.member.person
    assert person.masked_name in text and person.last_name not in text
    assert client.get(reverse("commissions:verify", args=["nope"])).status_code == 404
    api = client.get(f"/api/commissions/verify/{cert.verification_code}")
    assert api.status_code == 200 and api.json()["valid_today"] in (True, False)
    assert api.json()["holder"] == person.masked_name


def test_coverage_page_and_xlsx_export(client, trained, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    session, *_ = trained
    MemberFactory(commission=TerritorialCommissionFactory(district=session.district))
    client.force_login(user_for(Role.REGIONAL, place=session.region))
    url = reverse("commissions:coverage") + f"?election={session.plan.election_id}"
    # + 3 fixed queries for where the first 100 untrained members stand (enrolled, cancelled)
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200
    response = client.get(
        reverse("commissions:coverage_xlsx") + f"?election={session.plan.election_id}"
    )
    book = load_workbook(io.BytesIO(response.content))
    districts = list(book.worksheets[0].iter_rows(values_only=True))
    assert sum(row[1] for row in districts[1:]) == 3  # 2 precinct members + 1 territorial
    untrained = list(book.worksheets[2].iter_rows(values_only=True))
    assert len(untrained) == 1 + 2


def test_budget_page_and_printable_report(client, trained) -> None:  # type: ignore[no-untyped-def]
    session, *_ = trained
    set_budget(actor=None, session=session, payer="region", costs={"planned_venue": 1000})
    client.force_login(user_for(Role.AKIMAT, place=session.district))
    election = session.plan.election_id
    assert client.get(reverse("commissions:budget") + f"?election={election}").status_code == 200
    pdf = client.get(reverse("commissions:budget_pdf") + f"?election={election}")
    assert pdf.content.startswith(b"%PDF")


def test_the_api_lists_only_commissions_in_scope(client, two_districts) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_districts
    assert client.get("/api/commissions/").status_code == 401
    client.force_login(user_for(Role.TERRITORIAL, place=mine.district))
    ids = {c["id"] for c in client.get("/api/commissions/").json()}
    assert mine.pk in ids and theirs.pk not in ids


def test_the_dashboard_panel_shows_coverage_to_officials_and_sessions_to_a_trainer(trained) -> None:  # type: ignore[no-untyped-def]
    from django.template.loader import render_to_string

    from saylau.web.accounts.scope import scope_for
    from saylau.web.commissions.dashboard import panel

    session, _, trainer_user, *_ = trained
    session.plan.election.day = clock.today() + dt.timedelta(days=30)
    session.plan.election.save()
    official = user_for(Role.REGIONAL, place=session.region)
    p = panel(user=official, scope=scope_for(official))
    assert p is not None and p["context"]["total"].members == 2
    render_to_string(p["template"], p["context"])
    t = panel(user=trainer_user, scope=scope_for(trainer_user))
    assert t is not None and t["context"]["trainer"]
    render_to_string(t["template"], t["context"])


def test_pages_speak_kazakh_by_default_and_russian_under_ru(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user_for(Role.CEC))
    assert "Сайлау комиссиялары" in client.get("/commissions/").content.decode()
    assert "Избирательные комиссии" in client.get("/ru/commissions/").content.decode()


def test_a_trainer_sees_only_the_commissions_and_members_they_train(client, trained) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.selectors import commissions_for, members_for

    session, other, trainer_user, enrolment, foreign = trained
    assert set(members_for(trainer_user)) == {enrolment.member}
    assert set(commissions_for(trainer_user)) == {enrolment.member.commission}
    client.force_login(trainer_user)
    assert (
        client.get(
            reverse("commissions:commission", args=[foreign.member.commission_id])
        ).status_code
        == 404
    )


def test_the_coverage_api_is_scoped_to_the_users_territory(client, trained) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import ElectionFactory, RegionFactory

    session, *_ = trained
    election = session.plan.election
    client.force_login(user_for(Role.TERRITORIAL, place=DistrictFactory(region=session.region)))
    body = client.get(f"/api/commissions/coverage/{election.pk}").json()
    assert body["total"]["members"] == 0  # nothing of another district leaks
    client.force_login(user_for(Role.TERRITORIAL, place=session.district))
    body = client.get(f"/api/commissions/coverage/{election.pk}").json()
    assert body["total"]["members"] == 1 and body["total"]["trained"] == 1
    elsewhere = ElectionFactory(region=RegionFactory(code="ALM", name_ru="Алматинская"))
    assert client.get(f"/api/commissions/coverage/{elsewhere.pk}").status_code == 404


def test_replacing_a_member_through_the_page_and_a_refused_seat_keeps_no_new_person(client) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.commissions.models import Person

    commission = PrecinctCommissionFactory()
    chair = MemberFactory(commission=commission, role="chair")
    client.force_login(user_for(Role.TERRITORIAL, place=commission.district))
    url = reverse("commissions:replace", args=[chair.pk])
    form = {"last_name": "Жаңа", "first_name": "Төраға", "on": "2026-06-01", "reason": "переезд"}
    assert client.post(url, form).status_code == 302
    successor = commission.members.get(is_active=True)
    assert successor.role == "chair" and successor.person.last_name == "Жаңа"
    people = Person.objects.count()
    # dismissing the successor's predecessor again is refused; no orphan person is created
    client.post(url, {**form, "last_name": "Лишний"})
    assert Person.objects.count() == people


def test_the_commission_page_offers_replacement_with_unique_field_ids(client) -> None:  # type: ignore[no-untyped-def]
    commission = PrecinctCommissionFactory()
    a, b = MemberFactory.create_batch(2, commission=commission)
    client.force_login(user_for(Role.TERRITORIAL, place=commission.district))
    html = client.get(reverse("commissions:commission", args=[commission.pk])).content.decode()
    assert f'id="rep-{a.pk}-last_name"' in html and f'id="rep-{b.pk}-last_name"' in html


def test_a_precinct_user_reads_their_commission_without_the_editing_forms(client) -> None:  # type: ignore[no-untyped-def]
    commission = PrecinctCommissionFactory()
    member = MemberFactory(commission=commission)
    client.force_login(user_for(Role.PRECINCT, place=commission.precinct))
    html = client.get(reverse("commissions:commission", args=[commission.pk])).content.decode()
    assert member.person.last_name in html
    assert reverse("commissions:dismiss", args=[member.pk]) not in html
    assert 'name="term_start"' not in html
