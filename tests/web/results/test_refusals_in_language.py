"""Issue 15: a refused protocol, correction or act says what and why in the reader's language.

The services raise a translated title and a detail naming the objects (the precinct by its
number, the election by its name, a line of the protocol by its label); the English message
stays for the log and the API's developers. A Kazakh or Russian page shows no English detail.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.law.protocol import ProtocolError, check_fits, protocol_from_dict
from saylau.law.protocol.model import PROTOCOL_REASONS
from saylau.law.tally import protocol_hash
from saylau.web.accounts.models import Role
from saylau.web.core.refusals import refusal_text
from saylau.web.results import refusals, services
from saylau.web.results.errors import Frozen, NotComplete
from saylau.web.results.models import Protocol
from saylau.web.results.services.submission import QR_PREFIX
from tests.factories import user_for

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db

ENGLISH = (
    "control ratios failed",
    "no such precinct",
    "unknown lines",
    "is not a precinct of this election",
    "signed off",
    "not distributed",
)


def form_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k != "votes"}
    fields.update({f"vote_{line['code']}": line["votes"] for line in data["votes"]})
    return fields


def messages_of(page: str) -> str:
    """The page's messages (where a refusal is said)."""
    start = page.find('class="messages')
    return page[start : page.find("</ul>", start)] if start >= 0 else ""


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "kk",
            "№{n} учаскенің хаттамасы: алынған бюллетеньдер ({received}) берілген, жойылған "
            "және бүлінген бюллетеньдер сомасына ({accounted}) тең емес.",
        ),
        (
            "ru",
            "Протокол участка №{n}: получено бюллетеней ({received}) не равно сумме выданных, "
            "погашенных и испорченных ({accounted}).",
        ),
    ],
)
def test_a_protocol_whose_control_ratios_fail_is_refused_naming_the_precinct_and_the_ratio(
    language: str, said: str
) -> None:
    election, precincts = election_with_lists()
    p = precincts[0]
    data = protocol_data(p)
    fields = form_fields(data)
    fields["ballots_cancelled"] += 1
    client = Client()
    client.force_login(user_for(Role.PRECINCT, place=p))
    with translation.override(language):
        url = reverse("results:enter", args=[election.pk, p.pk])
    page = client.post(url, fields).content.decode()
    accounted = (
        data["ballots_issued_premises"]
        + data["ballots_issued_outside"]
        + fields["ballots_cancelled"]
        + data.get("ballots_spoiled", 0)
    )
    expected = said.format(n=p.number, received=data["ballots_received"], accounted=accounted)
    assert expected in messages_of(page)
    assert not any(english in page for english in ENGLISH)
    assert not Protocol.objects.exists()


def qr_of(data: dict[str, Any]) -> str:
    return f"{QR_PREFIX}{protocol_hash(data)} {json.dumps(data, ensure_ascii=False)}"


@pytest.mark.parametrize(
    ("language", "precinct", "lines"),
    [
        (
            "kk",
            "№9999 учаске бұл сайлауда дауыс бермейді: «Жамбыл облыстық мәслихатының сайлауы».",
            "Дауыс жолдары сайлаудың партиялық тізімдеріне сәйкес емес («Жамбыл облыстық "
            "мәслихатының сайлауы»): артық — nobody; жетпейтіні — —.",
        ),
        (
            "ru",
            "Участок №9999 не голосует на этих выборах: «Выборы депутатов Жамбылского "
            "областного маслихата».",
            "Строки голосов не совпадают с партийными списками выборов («Выборы депутатов "
            "Жамбылского областного маслихата»): лишние — nobody; недостающие — —.",
        ),
    ],
)
def test_a_qr_text_of_a_precinct_or_lines_not_of_the_election_is_refused_in_the_readers_language(
    language: str, precinct: str, lines: str
) -> None:
    election, precincts = election_with_lists()
    p = precincts[0]
    client = Client()
    client.force_login(user_for(Role.TERRITORIAL, place=p.district))
    with translation.override(language):
        url = reverse("results:qr_entry", args=[election.pk])
    stranger = dict(protocol_data(p), election=str(election.pk), precinct_no=9999)
    page = client.post(url, {"qr": qr_of(stranger)}, follow=True).content.decode()
    assert precinct in messages_of(page)
    data = protocol_data(p)
    data["votes"] = [*data["votes"], {"code": "nobody", "votes": 0}]
    page = client.post(
        url, {"qr": qr_of(dict(data, election=str(election.pk), precinct_no=p.number))}, follow=True
    ).content.decode()
    assert lines in messages_of(page)
    assert not any(english in page for english in ENGLISH)


def test_every_reason_the_law_gives_for_an_unreadable_protocol_has_a_sentence() -> None:
    """The law layer's ``ProtocolError.reason`` codes each map to a sentence of the web
    layer, in Kazakh and Russian too."""
    summing = {"nothing_to_sum", "parts_differ"}  # the command line's, never a page's
    assert PROTOCOL_REASONS - summing == set(refusals.PROTOCOL_SENTENCES)
    bad = protocol_from_dict(
        {"election": "7", "precinct_no": 3, **_ZEROS, "votes": [{"code": "A", "votes": 0}]}
    )
    with pytest.raises(ProtocolError) as caught:
        check_fits(bad, election="7", precincts={3, 4}, list_codes=["A", "B"])
    for language, words in (("kk", "жетпейтіні — B"), ("ru", "недостающие — B")):
        with translation.override(language):
            assert words in str(refusals.protocol_error(caught.value, None))


_ZEROS = {
    k: 0
    for k in (
        "voters_main_list",
        "voters_additional_list",
        "ballots_received",
        "ballots_issued_premises",
        "ballots_issued_outside",
        "absentee_certificate_voters",
        "ballots_cancelled",
        "ballots_in_stationary_boxes",
        "ballots_in_portable_boxes",
        "valid",
        "invalid",
    )
}


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("kk", "Мандаттар әлі бөлінбеген: «Жамбыл облыстық мәслихатының сайлауы»."),
        (
            "ru",
            "Мандаты ещё не распределены: «Выборы депутатов Жамбылского областного маслихата».",
        ),
    ],
)
def test_a_sign_off_before_the_distribution_names_the_election(language: str, said: str) -> None:
    election, _precincts = election_with_lists()
    with pytest.raises(NotComplete) as caught:
        services.sign_off(actor=None, election=election)
    assert caught.value.message == "the mandates are not distributed yet"  # the log's English
    with translation.override(language):
        assert said in refusal_text(caught.value)


def test_a_refusal_after_sign_off_is_said_in_the_language_of_the_page_that_shows_it() -> None:
    election, precincts = election_with_lists()
    with translation.override("kk"):
        error = Frozen("signed off", detail=refusals.signed_off(election))
    with translation.override("ru"):
        assert refusal_text(error).endswith(
            "Итоги выборов подписаны: «Выборы депутатов Жамбылского областного маслихата»."
        )
    with translation.override("en"):
        assert refusal_text(error).endswith(
            'The results of the election "Zhambyl oblast maslikhat election" are signed off.'
        )
    assert precincts
