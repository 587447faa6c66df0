"""Every role signs in, walks its dashboard and navigation without a server error; the
language switch works; the public pages pass axe-core without serious violations."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from saylau.web.core.templatetags.saylau import reverse_or_none
from tests.browser.conftest import axe_violations
from tests.factories import AddressFactory, DistrictFactory, PrecinctFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_logins() -> list[tuple[str, str, str]]:
    from saylau.web.accounts import demo

    region = RegionFactory()
    taraz = DistrictFactory(
        region=region, name_ru="г. Тараз", name_kk="Тараз қ.", name_en="Taraz city", kind="city"
    )
    DistrictFactory(region=region)
    precinct = PrecinctFactory(
        district=taraz, number=1, ramp=True, accessibility_notes="Пандус у входа."
    )
    PrecinctFactory(district=taraz, number=2)
    AddressFactory(precinct=precinct)
    ctx = SimpleNamespace(logins=[], say=lambda text: None)
    demo.load(ctx)
    return ctx.logins


def log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").or_(page.locator("#id_username")).first.fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def test_every_role_walks_its_dashboard_and_navigation_without_errors(
    live_server: Any, page: Any, demo_logins: list[tuple[str, str, str]]
) -> None:
    base = live_server.url
    assert len({role for role, _, _ in demo_logins}) == 7  # every role (the region has a secretary too)
    for role, username, password in demo_logins:
        log_in(page, base, username, password)
        assert page.url.endswith("/dashboard/"), (role, page.url)
        assert page.locator("main h1").count() == 1
        hrefs = page.eval_on_selector_all(
            ".site-nav a", "els => els.map(e => e.getAttribute('href'))"
        )
        assert hrefs, role
        for href in hrefs:
            response = page.goto(base + href)
            assert response is not None and response.status < 500, (
                role,
                href,
                response and response.status,
            )
            assert response.status in (200, 403), (role, href, response.status)
        # the first precinct listed opens
        page.goto(base + "/territory/precincts/")
        links = page.locator("table a[href*='/territory/precincts/']")
        if links.count():
            with page.expect_navigation():
                links.first.click()
            assert page.locator("main h1").count() == 1
        with page.expect_navigation():
            page.locator("header form[action$='/logout/'] button").click()


def test_the_language_switch_moves_between_kazakh_russian_and_english(
    live_server: Any, page: Any
) -> None:
    base = live_server.url
    page.goto(base + "/")
    # Kazakh, the state language, whatever the browser asks for (the context says ru-RU).
    assert page.locator("html").get_attribute("lang") == "kk"
    for code in ("ru", "en", "kk"):
        page.select_option("#lang-select", code)
        with page.expect_navigation():
            page.locator("form.lang-switch button").click()
        assert page.locator("html").get_attribute("lang") == code
        path = page.url[len(base) :]
        assert path == ("/" if code == "kk" else f"/{code}/"), path


PUBLIC_PAGES = (
    "core:home",
    "accounts:login",
    "register:find_precinct",
    "register:help_request",
    "results:public_index",
)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_have_no_serious_accessibility_violations(
    live_server: Any, page: Any, name: str
) -> None:
    url = reverse_or_none(name)
    if url is None:
        pytest.skip(f"{name} does not exist yet")
    for lang_prefix in ("/ru", ""):
        response = page.goto(live_server.url + lang_prefix + url)
        assert response is not None and response.status == 200
        assert axe_violations(page) == []


OFFICIAL_PAGES = (
    "core:dashboard",
    "territory:precincts",
    "territory:districts",
    "audit:index",
    "accounts:index",
    "accounts:otp_enrol",
)


def test_the_foundation_pages_of_an_official_have_no_serious_accessibility_violations(
    live_server: Any, page: Any, demo_logins: list[tuple[str, str, str]]
) -> None:
    from django.urls import reverse

    log_in(page, live_server.url, "cec", "demo-cec")
    failures = {}
    for name in OFFICIAL_PAGES:
        response = page.goto(live_server.url + reverse(name))
        assert response is not None and response.status == 200, name
        found = axe_violations(page)
        if found:
            failures[name] = found
    page.goto(live_server.url + reverse("territory:precincts"))
    with page.expect_navigation():
        page.locator("table a[href*='/territory/precincts/']").first.click()
    found = axe_violations(page)
    if found:
        failures["territory:precinct"] = found
    with page.expect_navigation():
        page.locator("a[href*='/accessibility/']").first.click()
    found = axe_violations(page)
    if found:
        failures["territory:accessibility_edit"] = found
    assert failures == {}
