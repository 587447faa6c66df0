"""The public pages on a phone: finding one's precinct, the results and the verification of a
protocol work on a 320 px and a 390 px wide screen without scrolling sideways, neither the
page nor a table inside it (tables become cards, static/js/tables.js), in Kazakh and Russian."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.browser.test_results_pages import _after_the_count, published  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390)
#: Screenshots for people to look at (not compared by the test).
SHOTS = Path("/work/wt/_reports/pages")


def _pages(election: Any) -> list[tuple[str, str, dict[str, str] | None]]:
    """(name, address, form to post or None) of every public page a voter opens on a phone."""
    verify = reverse("results:public_verify", args=[election.pk])
    return [
        ("find", reverse("register:find_precinct"), None),
        ("find-answer", reverse("register:find_precinct"), {"iin": "000000000000"}),
        ("results-index", reverse("results:public_index"), None),
        ("results", reverse("results:public", args=[election.pk]), None),
        ("verify", verify, None),
        ("verify-answer", verify, {"precinct_no": "99999", "valid": "1"}),
    ]


def overflow(page: Any) -> str:
    """What sticks out of the screen sideways, or scrolls sideways inside its own box (a table
    in its scrolling wrapper): empty when nothing does."""
    return str(
        page.evaluate(
            """() => {
              const width = window.innerWidth;
              const problems = [];
              if (document.documentElement.scrollWidth > width) {
                problems.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
              }
              for (const box of document.querySelectorAll(".table-wrap, pre")) {
                if (box.scrollWidth > box.clientWidth + 1) {
                  const caption = box.querySelector("caption");
                  problems.push(`scrolls inside: ${caption ? caption.textContent.trim() : box.tagName}`);
                }
              }
              return problems.join("; ");
            }"""
        )
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_pages_fit_a_phone_without_scrolling_sideways(
    live_server: Any,
    browser: Any,
    published: Any,  # noqa: F811 - the fixture imported above
    width: int,
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 760})
    page = context.new_page()
    page.set_default_timeout(20_000)
    failures = []
    try:
        for prefix in ("", "/ru"):
            for name, url, form in _pages(published):
                response = page.goto(live_server.url + prefix + url)
                assert response is not None and response.status == 200, (prefix, name)
                if form is not None:
                    for field, value in form.items():
                        page.fill(f"[name={field}]", value)
                    with page.expect_navigation():
                        page.locator("main form button[type=submit]").first.click()
                too_wide = overflow(page)
                if too_wide:
                    failures.append(f"{prefix or '/kk'} {name} at {width}px: {too_wide}")
                if SHOTS.is_dir():
                    page.screenshot(
                        path=str(SHOTS / f"phone-{width}{prefix.replace('/', '-')}-{name}.png"),
                        full_page=True,
                    )
    finally:
        context.close()
    assert not failures, "\n".join(failures)
