"""Issue 11, item 9: once an election's results are tabulated or published, its voter lists
can no longer be compiled again (not from the page, not by a service)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from saylau.web.audit.models import AuditEvent
from saylau.web.elections.models import Election
from saylau.web.register.models import VoterList
from saylau.web.register.services.voter_lists import ListsClosed, compile_lists


@pytest.mark.parametrize("status", [Election.Status.PUBLISHED, Election.Status.TABULATED])
@pytest.mark.usefixtures("in_russian")
def test_the_lists_of_a_counted_election_cannot_be_compiled_again(world: Any, status: str) -> None:
    Election.objects.filter(pk=world.election.pk).update(status=status)
    world.election.refresh_from_db()
    before = list(VoterList.objects.values_list("pk", "revision", "voters"))
    events = AuditEvent.objects.count()
    with pytest.raises(ListsClosed):
        compile_lists(election=world.election, actor=world.users["cec"])
    c = Client()
    c.force_login(world.users["cec"])
    url = reverse("register:compile", args=[world.election.pk])
    response = c.post(url, follow=True)
    assert response.status_code == 200
    assert "больше нельзя составить заново" in response.content.decode()  # Russian, the default
    assert list(VoterList.objects.values_list("pk", "revision", "voters")) == before
    assert AuditEvent.objects.count() == events


def test_the_lists_of_an_election_in_preparation_compile_again(world: Any) -> None:
    revision = VoterList.objects.first().revision  # type: ignore[union-attr]
    compile_lists(election=world.election, actor=world.users["cec"])
    assert VoterList.objects.first().revision == revision + 1  # type: ignore[union-attr]
