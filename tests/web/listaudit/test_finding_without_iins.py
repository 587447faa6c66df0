"""Issue 11, item 7: resolving a finding that names no IIN (an address or a precinct; 58 of the
demo's 243 findings) is recorded, not a ValueError."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from saylau.web.listaudit.models import Finding
from saylau.web.listaudit.services.runs import start_run

from .conftest import World


def test_a_finding_without_iins_is_resolved_from_its_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(user=world.users["cec"], region=world.region, election=world.election)
    finding = Finding.objects.filter(run=run).first()
    assert finding is not None
    Finding.objects.filter(pk=finding.pk).update(iins=[], lines=[], evidence={})
    c = Client()
    c.force_login(world.users["cec"])
    url = reverse("listaudit:finding", args=[finding.pk])
    response = c.post(url, {"status": "confirmed", "reason": ""})
    assert response.status_code == 302
    assert Finding.objects.get(pk=finding.pk).status == "confirmed"
