"""Find my precinct for the voter: each coming election, where they vote, and one kind answer
for everyone who is not on a list (never the reason); home voting and assistance requests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from saylau.web.core import clock
from saylau.web.register.models import OutsideVotingRequest, Person
from saylau.web.register.services import absentee
from saylau.web.register.services.voter_lists import compile_lists, issue_absentee_certificate
from saylau.web.territory.models import Address

from .builders import iin, standard_persons

API = "/api/register/find-precinct"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def ask(value: str, language: str = "ru") -> dict[str, Any]:
    """The API's answer in ``language`` (the browser's Accept-Language; Kazakh without one)."""
    resp = Client().post(
        API, {"iin": value}, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert resp.status_code == 200
    return resp.json()  # type: ignore[no-any-return]


def registered(n: int, **fields: Any) -> Person:
    values = {
        "last_name": "Тестов",
        "first_name": "Тест",
        "sex": "M",
        "birth_date": date(1970, 1, 1),
        "address": Address.objects.get(address_id="A1"),
        **fields,
    }
    return Person.private_objects.create(iin=iin(n), **values)


def test_the_answer_names_each_coming_election_its_date_and_the_place(world: Any) -> None:
    body = ask(standard_persons()[0].iin)
    assert body["status"] == "found"
    [place] = body["elections"]
    assert place["election"] == world.election.name_ru
    assert place["election_day"] == "2099-03-21"
    assert place["how"] == "list" and place["precinct_number"] == 101
    assert place["map_url"].startswith("https://www.openstreetmap.org/search?query=")
    assert set(place["accessibility"]) >= {"ramp", "step_free_entrance"}


def test_a_child_a_foreigner_an_incapable_person_and_a_prisoner_get_the_unknown_iins_answer(
    world: Any,
) -> None:
    people = [
        registered(901, birth_date=date(2093, 1, 1)),  # 6 years old on election day
        registered(902, citizenship="RU"),
        registered(903, incapable=True),
        registered(904, imprisoned=True),
        registered(905, death_date=date(2025, 1, 1)),
    ]
    compile_lists(election=world.election, actor="t")
    unknown = ask(iin(999))
    assert unknown["status"] == "not_listed" and unknown["elections"] == []
    for person in people:
        assert ask(person.iin) == unknown
    assert "akimat" in unknown["message"] or "акимат" in unknown["message"]


def test_the_page_says_the_same_kind_words_whatever_the_reason(world: Any, client: Client) -> None:
    prisoner = registered(906, imprisoned=True)
    pages = [
        client.post(reverse("register:find_precinct"), {"iin": v}).content.decode()
        for v in (prisoner.iin, iin(998))
    ]
    answers = [p.split('role="status">')[1].split("</section>")[0] for p in pages]
    assert answers[0] == answers[1]
    assert "101" not in answers[0]


def test_a_malformed_iin_gets_its_own_message(world: Any, client: Client) -> None:
    assert ask("123")["status"] == "malformed"
    html = client.post(reverse("register:find_precinct"), {"iin": "123"}).content.decode()
    assert "12" in html and "akimat" not in html.lower()


def test_an_absentee_certificate_holder_is_told_where_they_vote(world: Any) -> None:
    holder = Person.private_objects.get(iin=standard_persons()[0].iin)
    absentee.ABSENTEE_QUOTA = (1, 2)
    try:
        cert = issue_absentee_certificate(
            election=world.election, person=holder, actor="t", issued_on=date(2099, 3, 10)
        )
    finally:
        absentee.ABSENTEE_QUOTA = (1, 100)
    [place] = ask(holder.iin)["elections"]
    assert (place["how"], place["certificate_number"]) == ("absentee", cert.number)


def test_a_voter_who_asked_to_vote_at_home_is_told_the_commission_comes(world: Any) -> None:
    voter = Person.private_objects.get(iin=standard_persons()[1].iin)
    with clock.travel(datetime(2099, 3, 10, 12)):
        OutsideVotingRequest.objects.create(
            election=world.election,
            precinct=world.p101,
            person=voter,
            reason="disability",
            where="дома",
            received_at=clock.now(),
        )
    assert ask(voter.iin)["elections"][0]["how"] == "home"


@pytest.mark.usefixtures("in_russian")
def test_a_voter_with_a_disability_asks_for_home_voting_on_the_public_page(
    world: Any, client: Client
) -> None:
    voter = standard_persons()[2]
    url = reverse("register:help_request")
    page = client.get(url)
    assert page.status_code == 200 and world.election.name_ru in page.content.decode()
    form = {
        "iin": voter.iin,
        "election": world.election.pk,
        "kind": "home",
        "reason": "disability",
        "where": "ул. Толе би, 1, кв. 2",
        "phone": "+7 700 000 00 00",
        "applicant": "voter",
    }
    with clock.travel(datetime(2099, 3, 1, 12)):
        resp = client.post(url, form)
    assert resp.status_code == 200
    req = OutsideVotingRequest.objects.get()
    assert (req.public, req.kind, req.precinct.number) == (True, "home", 101)
    # The precinct commission sees it in its list of requests.
    c = Client()
    c.force_login(world.users["precinct_101"])
    listing = c.get(reverse("register:outside", args=[world.election.pk])).content.decode()
    assert "Толе би, 1, кв. 2" in listing


def test_a_public_request_for_someone_not_on_a_list_changes_nothing_and_tells_no_reason(
    world: Any, client: Client
) -> None:
    prisoner = registered(907, imprisoned=True)
    form = {
        "iin": prisoner.iin,
        "election": world.election.pk,
        "kind": "assistance",
        "reason": "disability",
        "phone": "1",
        "applicant": "voter",
    }
    with clock.travel(datetime(2099, 3, 1, 12)):
        html = client.post(reverse("register:help_request"), form).content.decode()
        bad = client.post(reverse("register:help_request"), dict(form, iin="123"))
    assert not OutsideVotingRequest.objects.exists()
    assert "prison" not in html.lower() and "лишения" not in html
    assert bad.status_code == 200 and not OutsideVotingRequest.objects.exists()


def test_a_request_past_its_deadline_is_refused_and_nothing_is_recorded(
    world: Any, client: Client
) -> None:
    form = {
        "iin": standard_persons()[2].iin,
        "election": world.election.pk,
        "kind": "assistance",
        "reason": "disability",
        "phone": "1",
        "applicant": "voter",
    }
    with clock.travel(datetime(2099, 3, 21, 19)):
        client.post(reverse("register:help_request"), form)
    assert not OutsideVotingRequest.objects.exists()


def test_public_requests_are_rate_limited(world: Any, client: Client, settings: Any) -> None:
    settings.SAYLAU_LOOKUP_RATE = 1
    form = {
        "iin": "123",
        "election": world.election.pk,
        "kind": "assistance",
        "reason": "illness",
        "phone": "1",
        "applicant": "voter",
    }
    codes = [client.post(reverse("register:help_request"), form).status_code for _ in range(2)]
    assert codes == [200, 429]
