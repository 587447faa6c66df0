"""Every act in its window, on the API, on the pages and on the command line; the election page
shows where the election stands; the calendar as a feed, with its points to confirm only on
the CEC's legal-basis page."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import translation

from saylau.cli import main
from saylau.web.accounts.models import Role
from saylau.web.core import clock
from saylau.web.elections.windows import OutsideWindow, require_window
from saylau.web.results import services
from saylau.web.results.errors import InvalidProtocol
from saylau.web.results.models import Protocol
from tests.factories import (
    DistrictFactory,
    ElectionFactory,
    PrecinctFactory,
    RegionFactory,
    user_for,
)
from tests.web.results.factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db

JUST_BEFORE = dt.datetime(2027, 3, 21, 19, 59)
CLOSE_OF_POLLS = dt.datetime(2027, 3, 21, 20, 0)


def test_a_protocol_a_minute_before_the_polls_close_gets_409_with_the_rule(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    url = f"/api/results/elections/{election.pk}/precincts/{p.pk}/protocol"
    body = json.dumps(protocol_data(p))
    with clock.travel(JUST_BEFORE):
        early = client.post(url, body, content_type="application/json")
    assert early.status_code == 409
    assert early.json()["code"] == "outside_window.not_yet"
    assert "21.03.2027 20:00" in early.json()["message"] and "43" in early.json()["message"]
    assert not Protocol.objects.exists()
    with clock.travel(CLOSE_OF_POLLS):
        assert client.post(url, body, content_type="application/json").status_code == 201


def test_the_protocol_form_before_the_polls_close_says_when_it_opens(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    p = precincts[0]
    client.force_login(user_for(Role.PRECINCT, place=p))
    data = protocol_data(p)
    fields = {k: v for k, v in data.items() if k != "votes"}
    fields.update({f"vote_{line['code']}": line["votes"] for line in data["votes"]})
    url = reverse("results:enter", args=[election.pk, p.pk])
    with clock.travel(JUST_BEFORE):
        page = client.post(url, fields, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "21.03.2027 20:00" in page.content.decode()
    assert not Protocol.objects.exists()


def test_only_a_precinct_of_the_election_may_submit_its_protocol() -> None:
    election, _precincts = election_with_lists()
    elsewhere = RegionFactory(code="ALA", name_ru="Алматинская область")
    stranger = PrecinctFactory(district=DistrictFactory(region=elsewhere))
    with clock.travel(CLOSE_OF_POLLS), pytest.raises(InvalidProtocol) as caught:
        services.submit_protocol(
            actor=None, election=election, precinct=stranger, data=protocol_data(stranger)
        )
    assert caught.value.field == "precinct"


def test_the_refusal_names_the_rule_its_article_and_the_date_in_every_language() -> None:
    election = ElectionFactory()
    with clock.travel(dt.date(2026, 12, 2)), pytest.raises(OutsideWindow) as caught:
        require_window(election, "absentee_certificate")
    exc = caught.value
    assert (exc.code, exc.rule) == ("outside_window.not_yet", "absentee_issue_from")
    assert exc.opens is not None and exc.opens.date() == dt.date(2027, 3, 6)
    assert "06.03.2027" in exc.text("ru") and "открепительного" in exc.text("ru")
    assert "06.03.2027" in exc.text("kk") and "куәлігін" in exc.text("kk")
    assert exc.as_json()["opens"].startswith("2027-03-06T00:00:00+05")


@pytest.mark.usefixtures("in_russian")
def test_the_election_page_shows_its_phase_and_what_comes_next(client) -> None:  # type: ignore[no-untyped-def]
    election, _ = election_with_lists()
    client.force_login(user_for(Role.CEC))
    url = reverse("elections:detail", args=[election.pk])
    with clock.travel(dt.datetime(2027, 3, 21, 12, 0)):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "день голосования" in page and "подсчёт голосов" in page
    assert "21.03.2027 20:00" in page
    assert "UNCONFIRMED" not in page and "not confirmed" not in page


def test_the_calendar_feed_has_every_deadline_with_its_article_and_no_dev_notes(client) -> None:  # type: ignore[no-untyped-def]
    election, _ = election_with_lists()
    client.force_login(user_for(Role.CEC))
    response = client.get(reverse("elections:calendar_ics", args=[election.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 12
    assert "DTSTART;TZID=Asia/Almaty:20270321T200000" in text
    unfolded = text.replace("\r\n ", "")
    # Kazakh by default; the article as officials cite it, never the notes' web sources.
    assert "44-баптың 4-тармағы" in unfolded and "not confirmed" not in unfolded
    assert not any(x in unfolded for x in ("vlast.kz", "electionin", "jjtv", "rules as of"))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_points_to_confirm_are_on_the_legal_basis_page_for_the_cec_only(client) -> None:  # type: ignore[no-untyped-def]
    election, _ = election_with_lists()
    client.force_login(user_for(Role.REGIONAL, place=election.region))
    assert client.get(reverse("elections:legal_basis")).status_code == 403
    client.force_login(user_for(Role.CEC))
    with translation.override("en"):
        page = client.get(reverse("elections:legal_basis")).content.decode()
    assert "the current deadline is not confirmed" in page
    # The sources the notes found a rule in, and saylau's own training rules to confirm.
    assert "jjtv.kz" in page and "electionin.org" in page
    assert "trainer corps" in page


@pytest.mark.parametrize(
    ("language", "notes"),
    [
        (
            "kk",
            [
                "қолданыстағы мерзім расталмаған (заң туралы жазбалар, 3 және 9-бөлімдер)",
                "бабтың қолданыстағы мәтіні оқылмаған",
                "jjtv.kz, 2023: тізімдер 19 наурыздағы сайлауға 26 ақпанда берілген",
                "electionin.org сайтындағы заңның бұрынғы редакциясына шолу",
                "тренерлік корпус",
            ],
        ),
        (
            "ru",
            [
                "действующий срок не подтверждён (заметки о законе, разделы 3 и 9)",
                "действующий текст статьи не прочитан",
                "jjtv.kz, 2023: списки переданы 26 февраля к выборам 19 марта",
                "обзор прежней редакции закона на electionin.org",
                "корпусе тренеров",
            ],
        ),
    ],
)
def test_the_legal_basis_page_gives_the_points_to_confirm_and_sources_in_the_readers_language(
    client, language: str, notes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user_for(Role.CEC))
    with translation.override(language):
        page = client.get(reverse("elections:legal_basis")).content.decode()
    for note in notes:
        assert note in page
    english = ("not confirmed", "was not read", "the rules as of", "summary of the older law",
               "handed over on", "is inferred from", "law-notes")  # fmt: skip
    assert not any(e in page for e in english)
    # The act and article as officials cite them stay (saylau.law.citations).
    assert ("26-бап" if language == "kk" else "ст. 26") in page


def test_the_legal_basis_page_lists_the_names_still_missing_a_translation(client) -> None:  # type: ignore[no-untyped-def]
    election, _ = election_with_lists()
    election.name_en = ""
    election.save(update_fields=["name_en"])
    client.force_login(user_for(Role.CEC))
    with translation.override("ru"):
        page = client.get(reverse("elections:legal_basis")).content.decode()
    assert "Названия без перевода" in page
    assert election.name_ru in page and "Английский" in page


def test_the_calendar_command_prints_text_and_json_and_refuses_an_act_outside_its_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["calendar", "--body", "maslikhat", "--day", "2027-03-21", "--at", "2027-03-21T20:00"]
    assert main([*args, "--json", "--lang", "kk"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["phase"]["phase"] == "count" and out["phase"]["name"] == "дауыстарды санау"
    assert all(d["article"] for d in out["deadlines"])
    assert "unconfirmed" not in out["deadlines"][0]
    assert main([*args, "--check", "protocol_entry"]) == 0
    early = ["calendar", "--body", "maslikhat", "--day", "2027-03-21", "--at", "2027-03-21T19:59"]
    assert main([*early, "--check", "protocol_entry"]) == 2
    assert "21.03.2027 20:00 (election law Art. 43)" in capsys.readouterr().err


def test_a_commission_has_a_feed_of_every_coming_election_of_its_territory(client) -> None:  # type: ignore[no-untyped-def]
    from tests.web.commissions.factories import TerritorialCommissionFactory

    election, precincts = election_with_lists()
    district = precincts[0].district
    commission = TerritorialCommissionFactory(district=district)
    client.force_login(user_for(Role.TERRITORIAL, place=district))
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    feed_url = reverse("elections:commission_ics", args=[commission.pk])
    assert feed_url in page
    with clock.travel(dt.date(2027, 1, 10)):
        feed = client.get(feed_url).content.decode()
    assert feed.count("BEGIN:VEVENT") == 12 and f"saylau-{election.pk}-polls_open" in feed
    other = TerritorialCommissionFactory(district=precincts[-1].district)
    assert client.get(reverse("elections:commission_ics", args=[other.pk])).status_code == 403


def test_a_precinct_secretary_gets_the_feed_of_their_own_commission(client) -> None:  # type: ignore[no-untyped-def]
    from tests.web.commissions.factories import PrecinctCommissionFactory

    election, precincts = election_with_lists()
    commission = PrecinctCommissionFactory(precinct=precincts[0])
    client.force_login(user_for(Role.PRECINCT, place=precincts[0]))
    with clock.travel(dt.date(2027, 1, 10)):
        feed = client.get(reverse("elections:commission_ics", args=[commission.pk]))
    assert feed.status_code == 200 and f"saylau-{election.pk}-polls_open" in feed.content.decode()


def test_refusals_and_the_calendar_cite_the_article_in_the_users_language_not_the_source(
    client,  # type: ignore[no-untyped-def]
) -> None:
    """Walked: an absentee certificate refused in January read "… с 26.01.2027 00:00 (CEC
    resolution of 8 April 2009 No. 161/306)", and the election page's calendar listed sources
    such as "electionin.org summary of the older law" and "vlast.kz on the 2023 distribution"."""
    from saylau.law.eligibility import Reason
    from saylau.web.elections.errors import NotEligible

    election = ElectionFactory()
    with clock.travel(dt.date(2026, 12, 2)), pytest.raises(OutsideWindow) as caught:
        require_window(election, "absentee_certificate")
    ru, kk = caught.value.text("ru"), caught.value.text("kk")
    assert "(постановление ЦИК от 8 апреля 2009 года № 161/306)" in ru
    assert "(ОСК-нің 2009 жылғы 8 сәуірдегі № 161/306 қаулысы)" in kk
    assert "CEC resolution" not in ru + kk and "rules as of" not in ru + kk
    with translation.override("ru"):
        refused = NotEligible(
            [Reason("deceased", "election law Art. 4", {"died_on": "2026-07-10"})]
        )
    assert refused.message == "умер 10.07.2026 (Конституционный закон о выборах, ст. 4)"
    election, _ = election_with_lists()
    client.force_login(user_for(Role.CEC))
    for prefix, article in (
        ("/ru", "Конституционный закон о выборах, ст. 26 п. 1"),
        ("", "26-баптың 1-тармағы"),
    ):
        with translation.override("kk"):  # the address without a language prefix
            url = reverse("elections:detail", args=[election.pk])
        text = client.get(prefix + url).content.decode()
        assert article in text
        assert not any(
            x in text for x in ("electionin", "vlast.kz", "jjtv", "election law", "CEC resolution")
        )
