"""Absentee certificates and requests to vote outside the premises, each in its window of the
calendar (issue 13: a certificate was issued three months before the calendar allowed it):
outside it the commission's page and the public page name the rule, its article and the date,
and nothing is recorded."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.web.core import clock
from saylau.web.elections.windows import OutsideWindow
from saylau.web.register.models import AbsenteeCertificate, OutsideVotingRequest, Person
from saylau.web.register.services.outside import apply_for_outside_voting

from .builders import standard_persons

#: The factories' election is on 21 March 2099: absentee certificates from 6 March (the public
#: review) to the eve of election day, home-voting requests from the hand-over of the lists
#: (1 March) to 12:00 on 20 March.
MONTHS_BEFORE = datetime(2098, 12, 2, 14, 0)


def _voter(n: int = 0) -> Person:
    return Person.private_objects.get(iin=standard_persons()[n].iin)


def _issue(client: Client, world: Any) -> str:
    vl = world.election.voter_lists.get(precinct=world.p101)
    entry = vl.entries.get(number=1)
    url = reverse("register:absentee_issue", args=[world.election.pk, world.p101.pk])
    list_url = reverse("register:list", args=[world.election.pk, world.p101.pk])
    page = client.post(url, {"entry": entry.pk}, HTTP_REFERER=list_url, follow=True)
    return str(page.content.decode())


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        (MONTHS_BEFORE, "06.03.2099 00:00"),  # the issue's case: months before
        (datetime(2099, 3, 5, 23, 59), "06.03.2099 00:00"),  # a minute before it opens
        (datetime(2099, 3, 21, 0, 0), "21.03.2099 00:00"),  # election day: closed
    ],
)
def test_an_absentee_certificate_outside_its_window_is_refused_on_the_page(
    world: Any, moment: datetime, said: str
) -> None:
    client = Client()
    client.force_login(world.users["precinct_101"])
    with clock.travel(moment), translation.override("ru"):
        page = _issue(client, world)
    assert said in page and "161/306" in page and "открепительного" in page
    assert not AbsenteeCertificate.objects.exists()


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (datetime(2099, 2, 28, 23, 59), "outside_window.not_yet"),  # before the lists are out
        (datetime(2099, 3, 20, 12, 1), "outside_window.closed"),  # past 12:00 on the eve
    ],
)
def test_a_home_voting_request_outside_its_window_is_refused(
    world: Any, moment: datetime, code: str
) -> None:
    with clock.travel(moment), pytest.raises(OutsideWindow) as caught:
        apply_for_outside_voting(
            election=world.election, person=_voter(), reason="illness", where="x", actor="t"
        )
    assert caught.value.code == code and caught.value.rule == "outside_voting_applications"
    assert not OutsideVotingRequest.objects.exists()


def test_the_public_help_request_before_its_window_names_the_date_it_opens(world: Any) -> None:
    form = {
        "iin": standard_persons()[0].iin,
        "election": world.election.pk,
        "kind": "assistance",
        "reason": "disability",
        "phone": "1",
        "applicant": "voter",
    }
    client = Client()
    with clock.travel(MONTHS_BEFORE), translation.override("en"):
        url = reverse("register:help_request")
        page = client.post(url, form, HTTP_REFERER=url, follow=True).content.decode()
    assert "01.03.2099 00:00" in page and "Art. 41" in page
    assert not OutsideVotingRequest.objects.exists()


def test_the_commission_form_for_home_voting_before_its_window_says_so(world: Any) -> None:
    client = Client()
    client.force_login(world.users["precinct_101"])
    url = reverse("register:outside", args=[world.election.pk])
    form = {"iin": standard_persons()[1].iin, "reason": "illness", "applicant": "voter"}
    with clock.travel(MONTHS_BEFORE), translation.override("kk"):
        page = client.post(url, form | {"where": "x"}, HTTP_REFERER=url, follow=True)
    assert "01.03.2099 00:00" in page.content.decode()
    assert not OutsideVotingRequest.objects.exists()
