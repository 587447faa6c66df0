"""The list-audit pages in Chromium: axe-core finds no serious or critical violation on the
audit's landing page, a run, the findings with filters, a finding with its resolution form and
the analysis page with its charts (also on a phone)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from saylau.web.listaudit.models import Finding
from saylau.web.listaudit.services.runs import start_run
from tests.browser.conftest import axe_violations
from tests.browser.test_commissions import PHONE, sign_in
from tests.web.listaudit.conftest import World, world  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Any, url: str, failures: dict[str, list[str]], *, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (name, response and response.status)
    found = axe_violations(page)
    if found:
        failures[name] = found


def test_the_list_audit_pages_have_no_serious_accessibility_violations(
    live_server: Any,
    page: Any,
    world: World,  # noqa: F811
) -> None:
    run = start_run(user=world.users["cec"], region=world.region, election=world.election)
    finding = Finding.objects.filter(run=run).order_by("seq").first()
    assert finding is not None
    base = live_server.url
    sign_in(page, base, world.users["regional"])
    pages = {
        "index": reverse("listaudit:index"),
        "run": reverse("listaudit:run", args=[run.pk]),
        "findings": reverse("listaudit:findings", args=[run.pk]),
        "findings filtered": reverse("listaudit:findings", args=[run.pk]) + "?status=unresolved",
        "finding": reverse("listaudit:finding", args=[finding.pk]),
        "analysis": reverse("listaudit:analysis", args=[world.region.pk]),
    }
    failures: dict[str, list[str]] = {}
    for name, url in pages.items():
        check(page, base + url, failures, name=name)
    page.set_viewport_size(PHONE)
    check(page, base + pages["analysis"], failures, name="analysis (phone)")
    assert failures == {}
