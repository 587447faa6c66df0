"""The commissions pages in Chromium: axe-core finds no serious or critical violation on the
registry, a commission, a session with enrolment and scoring, the entry and final tests taken
in the browser, coverage, budget and the public certificate check (also on a phone)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.commissions.models import Certificate
from saylau.web.commissions.services import (
    enrol_members,
    mark_attendance,
    set_budget,
    start_test,
    submit_answers,
)
from tests.browser.conftest import axe_violations
from tests.factories import DistrictFactory, ElectionFactory, PrecinctFactory, user_for
from tests.web.commissions.factories import (
    MemberFactory,
    PlanFactory,
    PrecinctCommissionFactory,
    RegionalCommissionFactory,
    SessionFactory,
    TerritorialCommissionFactory,
    make_bank,
    sheet,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def world() -> SimpleNamespace:
    make_bank(3)
    election = ElectionFactory(day=dt.date.today() + dt.timedelta(days=60))
    region = election.region
    district = DistrictFactory(region=region, name_ru="г. Тараз", name_kk="Тараз қ.")
    RegionalCommissionFactory(region=region)
    TerritorialCommissionFactory(district=district)
    precinct = PrecinctCommissionFactory(precinct=PrecinctFactory(district=district, number=101))
    members = [MemberFactory(commission=precinct) for _ in range(3)]
    plan = PlanFactory(election=election)
    # Held two days ago: attendance and tests are recorded on or after the session's date
    # (the live server runs on the real clock, so no clock.travel here).
    session = SessionFactory(
        plan=plan, district=district, date=dt.date.today() - dt.timedelta(days=2)
    )
    trainer_user = user_for(Role.TRAINER, place=region)
    session.trainer.user = trainer_user
    session.trainer.save()
    enrolments = enrol_members(actor=None, session=session, members=members)
    mark_attendance(actor=None, session=session, attended={e.pk: True for e in enrolments})
    # The first member is trained through the services; the others sit the tests in Chromium.
    for kind in ("entry", "final"):
        attempt = start_test(actor=None, enrolment=enrolments[0], kind=kind, source="paper")
        submit_answers(actor=None, attempt=attempt, answers=sheet(attempt, 3))
    set_budget(
        actor=None,
        session=session,
        payer="district",
        payer_district=district,
        costs={"planned_venue": 20000, "planned_per_participant": 1500, "actual_venue": 18000},
    )
    # A second session, not held yet, for a fourth member: it gets cancelled in the browser.
    spare = SessionFactory(
        plan=plan,
        district=district,
        trainer=session.trainer,
        date=dt.date.today() + dt.timedelta(days=25),
        place="Тараз, мектеп № 12",
    )
    enrol_members(actor=None, session=spare, members=[MemberFactory(commission=precinct)])
    return SimpleNamespace(
        spare=spare,
        election=election,
        region=region,
        district=district,
        commission=precinct,
        session=session,
        enrolments=enrolments,
        trainer_user=trainer_user,
        regional_user=user_for(Role.REGIONAL, place=region),
        certificate=Certificate.objects.get(enrolment=enrolments[0]),
    )


def sign_in(page: Any, base: str, user: Any) -> None:
    """A session made by Django's test client, handed to the browser as its cookie."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])


def check(page: Any, url: str, failures: dict[str, list[str]], *, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (name, response and response.status)
    found = axe_violations(page)
    if found:
        failures[name] = found


def test_the_commissions_pages_of_an_official_have_no_serious_accessibility_violations(
    live_server: Any, page: Any, world: SimpleNamespace
) -> None:
    base = live_server.url
    sign_in(page, base, world.regional_user)
    election = f"?election={world.election.pk}"
    pages = {
        "registry": reverse("commissions:index"),
        "commission": reverse("commissions:commission", args=[world.commission.pk]),
        "trainers": reverse("commissions:trainers"),
        "plans": reverse("commissions:plans"),
        "sessions": reverse("commissions:sessions") + election,
        "session": reverse("commissions:session", args=[world.session.pk]),
        "session_edit": reverse("commissions:session_edit", args=[world.session.pk]),
        "coverage": reverse("commissions:coverage") + election,
        "coverage_district": reverse("commissions:coverage")
        + f"{election}&district={world.district.pk}",
        "budget": reverse("commissions:budget") + election,
    }
    failures: dict[str, list[str]] = {}
    for name, url in pages.items():
        check(page, base + url, failures, name=name)
    page.set_viewport_size(PHONE)
    check(page, base + pages["session"], failures, name="session (phone)")
    assert failures == {}


def test_an_official_moves_and_then_cancels_a_session_and_the_commission_page_says_so(
    live_server: Any, page: Any, world: SimpleNamespace
) -> None:
    base = live_server.url
    sign_in(page, base, world.regional_user)
    spare = world.spare
    page.goto(base + reverse("commissions:session_edit", args=[spare.pk]))
    page.locator("#edit_place").fill("Тараз, мәдениет үйі")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "Тараз, мәдениет үйі" in page.locator("main h1").inner_text()
    page.locator("main details summary").click()
    page.locator("#cancel_reason").fill("тренер заболел")
    with page.expect_navigation():
        page.locator("main details form button[type=submit]").click()
    note = page.locator("main [role=note]").first.inner_text()
    assert "тренер заболел" in note, note
    assert axe_violations(page) == []
    page.goto(base + reverse("commissions:commission", args=[world.commission.pk]))
    assert page.locator(".training-cancelled").count() == 1
    assert "тренер заболел" in page.locator("main table").inner_text()
    assert axe_violations(page) == []


def test_a_trainer_runs_the_entry_and_final_tests_in_the_browser_and_a_certificate_follows(
    live_server: Any, page: Any, world: SimpleNamespace
) -> None:
    base = live_server.url
    sign_in(page, base, world.trainer_user)
    session_url = base + reverse("commissions:session", args=[world.session.pk])
    enrolment = world.enrolments[1]
    failures: dict[str, list[str]] = {}
    for kind in ("entry", "final"):
        page.goto(session_url)
        with page.expect_navigation():
            page.locator(f"a[href$='/enrolments/{enrolment.pk}/test/{kind}/']").click()
        found = axe_violations(page)
        if found:
            failures[f"{kind} test"] = found
        # the attempt (its own form, options shuffled) starts with the button
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        fieldsets = page.locator("main form fieldset")
        assert fieldsets.count() == 3
        for i in range(3):
            # "Ответ 0" is the right one (make_bank), wherever this attempt shows it
            fieldsets.nth(i).get_by_text("Ответ 0", exact=True).click()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.url == session_url, page.url
        row = page.locator(
            "tbody tr", has=page.locator(f"a[href*='/enrolments/{enrolment.pk}/test/']")
        ).first
        assert "3/3" in row.inner_text(), row.inner_text()
    # the scored final earned a certificate, linked from the session page
    assert Certificate.objects.filter(enrolment=enrolment, revoked=False).exists()
    found = axe_violations(page)
    if found:
        failures["session after scoring"] = found
    # a scored test opens as a correction that asks for a reason
    page.goto(base + reverse("commissions:test", args=[enrolment.pk, "entry"]))
    assert page.locator("[role=note]").count() == 1
    assert page.get_by_label("reason", exact=False).or_(page.locator("#id_reason")).count() >= 1
    found = axe_violations(page)
    if found:
        failures["correction"] = found
    assert failures == {}


def test_the_public_certificate_check_has_no_serious_accessibility_violations_nor_on_a_phone(
    live_server: Any, page: Any, world: SimpleNamespace
) -> None:
    code = world.certificate.verification_code
    for viewport in (None, PHONE):
        if viewport:
            page.set_viewport_size(viewport)
        for prefix in ("/ru", ""):
            url = live_server.url + prefix + reverse("commissions:verify", args=[code])
            response = page.goto(url)
            assert response is not None and response.status == 200
            assert page.locator("[role=status]").inner_text()
            assert axe_violations(page) == [], (viewport, prefix)
    # nothing wider than the phone's screen
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # an unknown code is a clear "not found" page, also accessible
    response = page.goto(live_server.url + reverse("commissions:verify", args=["no-such-code"]))
    assert response is not None and response.status == 404
    assert axe_violations(page) == []
