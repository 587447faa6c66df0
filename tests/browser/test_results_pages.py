"""The results pages in a real browser: the public results, the tabulation and the protocol of
mandate distribution pass axe-core without serious violations, on a desktop and on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from saylau.web.accounts.models import Role
from saylau.web.results import services
from saylau.web.results.services.single_member import submit_single_member_protocol
from tests.browser.conftest import axe_violations
from tests.browser.test_walk import log_in
from tests.factories import user_for
from tests.web.results.factories import (
    election_with_lists,
    protocol_data,
    single_member_data,
    single_member_districts,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _after_the_count(settings: Any) -> None:
    """The night after the factories' election day: protocols and publication in their windows."""
    from tests.web.results.conftest import AFTER_THE_COUNT

    settings.SAYLAU_AS_OF = AFTER_THE_COUNT


@pytest.fixture
def published() -> Any:
    """A published election with party lists and two single-member districts."""
    election, precincts = election_with_lists(precincts_per_district=3, districts=2)
    districts = single_member_districts(election, precincts)
    for i, p in enumerate(precincts):
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
        smd = districts[0] if p in districts[0].precincts.all() else districts[1]
        submit_single_member_protocol(
            actor=None,
            election=election,
            precinct=p,
            data=single_member_data(p, smd, [400 - i, 300, 100]),
        )
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    return election


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def sized_page(browser: Any, request: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ru-RU", viewport=request.param)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def no_sideways_scroll(page: Any) -> bool:
    """The page itself never scrolls sideways; wide tables scroll inside their own box."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_the_public_results_page_passes_axe_in_russian_and_kazakh(
    live_server: Any, sized_page: Any, published: Any
) -> None:
    url = reverse("results:public", args=[published.pk])
    for prefix in ("/ru", ""):
        response = sized_page.goto(live_server.url + prefix + url)
        assert response is not None and response.status == 200
        assert sized_page.locator("svg").count() >= 1
        assert sized_page.locator("caption", has_text="№1").count() == 1
        assert axe_violations(sized_page) == []
        assert no_sideways_scroll(sized_page)


def test_the_tabulation_and_mandate_pages_pass_axe(
    live_server: Any, sized_page: Any, published: Any
) -> None:
    user = user_for(Role.REGIONAL, place=published.region)
    log_in(sized_page, live_server.url, user.username, "pw")
    failures = {}
    for name in ("results:tabulation", "results:mandates"):
        response = sized_page.goto(live_server.url + reverse(name, args=[published.pk]))
        assert response is not None and response.status == 200, name
        found = axe_violations(sized_page)
        if found:
            failures[name] = found
        if not no_sideways_scroll(sized_page):
            failures[name] = ["the page scrolls sideways"]
    assert failures == {}


def test_the_secretary_enters_a_single_member_protocol_in_the_browser(
    live_server: Any, sized_page: Any
) -> None:
    election, precincts = election_with_lists()
    districts = single_member_districts(election, precincts)
    precinct = precincts[0]
    user = user_for(Role.PRECINCT, place=precinct)
    log_in(sized_page, live_server.url, user.username, "pw")
    url = reverse("results:enter_single_member", args=[election.pk, precinct.pk])
    sized_page.goto(live_server.url + url)
    assert axe_violations(sized_page) == []
    data = single_member_data(precinct, districts[0], [300, 200, 100])
    for key, value in data.items():
        if isinstance(value, int) and key != "district":
            sized_page.locator(f"#id_{key}").fill(str(value))
    for line in data["votes"]:
        sized_page.locator(f"#id_cand_{line['code']}").fill(str(line["votes"]))
    sized_page.locator("#findings .ok").wait_for()
    with sized_page.expect_navigation():
        sized_page.locator("main button[type=submit]").click()
    assert election.protocols.filter(precinct=precinct, race="single_member").count() == 1
