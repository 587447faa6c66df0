"""The election page at every phase boundary (issue 13): where the election stands and what
comes next, a minute before and at each moment of the calendar, and after each recorded step
of the results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from saylau.web.accounts.models import Role
from saylau.web.core import clock
from saylau.web.results import services
from saylau.web.results.four_eyes import confirm_action, request_action
from tests.factories import ElectionFactory, user_for
from tests.web.results.factories import election_with_lists, officials_of, protocol_data

pytestmark = pytest.mark.django_db


def _page(client: Any, election: Any, at: dt.datetime) -> str:
    client.force_login(user_for(Role.CEC))
    with clock.travel(at), translation.override("en"):
        return str(client.get(reverse("elections:detail", args=[election.pk])).content.decode())


def _current(page: str) -> str:
    start = page.index('aria-current="step">') + len('aria-current="step">')
    return page[start : page.index("</li>", start)].lstrip("▶ ")


# The factories' election is on 21 March 2027: lists go to the precincts on 1 March (20 days
# before), the polls open at 07:00 and close at 20:00, the count lasts at most 12 hours.
BOUNDARIES = [
    (
        dt.datetime(2027, 2, 28, 23, 59),
        "registration of party lists and candidates",
        "01.03.2027 00:00",
    ),
    (dt.datetime(2027, 3, 1, 0, 0), "voter lists compiled and open for review", "21.03.2027 07:00"),
    (
        dt.datetime(2027, 3, 21, 6, 59),
        "voter lists compiled and open for review",
        "21.03.2027 07:00",
    ),
    (dt.datetime(2027, 3, 21, 7, 0), "voting day", "21.03.2027 20:00"),
    (dt.datetime(2027, 3, 21, 19, 59), "voting day", "21.03.2027 20:00"),
    (dt.datetime(2027, 3, 21, 20, 0), "count of the votes", "22.03.2027 08:00"),
    (dt.datetime(2027, 3, 22, 7, 59), "count of the votes", "22.03.2027 08:00"),
    (
        dt.datetime(2027, 3, 22, 8, 0),
        "tabulation of the precinct protocols",
        "(Constitutional Law on Elections, Art. 44",
    ),
]


@pytest.mark.parametrize(("at", "phase", "next_when"), BOUNDARIES)
def test_the_page_shows_the_phase_and_what_comes_next_at_each_boundary(
    client: Any, at: dt.datetime, phase: str, next_when: str
) -> None:
    election, _precincts = election_with_lists()
    page = _page(client, election, at)
    assert _current(page) == phase
    assert next_when in page


def test_an_election_without_lists_is_only_called(client: Any) -> None:
    election = ElectionFactory()
    page = _page(client, election, dt.datetime(2027, 1, 10, 12, 0))
    assert _current(page) == "election called"
    assert "Next: registration of party lists and candidates" in page


def test_each_recorded_step_of_the_results_moves_the_page_on(client: Any) -> None:
    election, precincts = election_with_lists()
    for p in precincts:
        with clock.travel(dt.datetime(2027, 3, 21, 21, 0)):
            services.submit_protocol(
                actor=None, election=election, precinct=p, data=protocol_data(p)
            )
    chair, secretary = officials_of(election)
    morning = dt.datetime(2027, 3, 22, 10, 0)
    steps = [
        ("distribute", "tabulation of the precinct protocols"),
        ("publish_preliminary", "preliminary results published"),
        ("sign_off", "results signed by the commission"),
        ("publish", "official results published"),
        ("register_mandates", "mandates registered"),
    ]
    for action, phase in steps:
        with clock.travel(morning):
            asked = request_action(actor=chair, election=election, action=action)
            confirm_action(actor=secretary, request_id=asked.pk)
        election.refresh_from_db()
        assert _current(_page(client, election, morning)) == phase, action
