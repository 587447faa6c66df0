"""The precinct protocol and the protocol of mandate distribution as the CEC's forms ask for
them, read back from the PDF in Kazakh and Russian: every figure in digits and in words, a
signature line with the name of each member sitting, the local date and time of signing, the
place of the seal, and none of the developers' notes."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from saylau.law.words import in_words
from saylau.web.accounts.models import Role
from saylau.web.commissions.models import MemberRole
from saylau.web.core import clock
from saylau.web.elections.models import SingleMemberDistrict
from saylau.web.results import services
from saylau.web.results.models import Distribution
from saylau.web.results.pdf import distribution_pdf, protocol_pdf
from saylau.web.results.services.decisions import record_decision
from saylau.web.results.services.single_member import submit_single_member_protocol
from tests.factories import user_for
from tests.pdftext import assert_no_developer_notes, text_of
from tests.web.commissions.factories import (
    MemberFactory,
    PersonFactory,
    PrecinctCommissionFactory,
    RegionalCommissionFactory,
)

from .factories import (
    election_with_lists,
    protocol_data,
    single_member_data,
    single_member_districts,
)

pytestmark = pytest.mark.django_db

SEAL = {"ru": "М.П.", "kk": "М.О."}
SIGNED = {"ru": "Подписано 22.03.2027 в 01:30", "kk": "22.03.2027 сағат 01:30"}
LONG_NAME = "Сейітқалиева-Нұрмағамбетова Әсемгүл Бауыржанқызы-Төлеғалиқызы"

VOTES = [
    {"amanat": 600, "auyl": 150, "ak-zhol": 120},
    {"amanat": 400, "auyl": 260, "ak-zhol": 80},
    {"amanat": 500, "auyl": 100, "ak-zhol": 100},
    {"amanat": 300, "auyl": 240, "ak-zhol": 160},
]


def _members(commission, *, left=False):  # type: ignore[no-untyped-def]
    """Chair, deputy, secretary and two members (one with a very long name); with ``left``,
    a sixth member who left before election day and must not sign."""
    people = {
        MemberRole.CHAIR: "Ахметов Ерлан Серікұлы",
        MemberRole.DEPUTY_CHAIR: "Иванова Мария Петровна",
        MemberRole.SECRETARY: "Нұрланова Ғалия Бекқызы",
    }
    names = []
    for role, full in people.items():
        last, first, patronymic = full.split()
        person = PersonFactory(last_name=last, first_name=first, patronymic=patronymic)
        MemberFactory(commission=commission, role=role, person=person)
        names.append(full)
    for full in ("Ким Ольга Викторовна", LONG_NAME):
        last, first, patronymic = full.split()
        person = PersonFactory(last_name=last, first_name=first, patronymic=patronymic)
        MemberFactory(commission=commission, role=MemberRole.MEMBER, person=person)
        names.append(full)
    gone = PersonFactory(last_name="Ушедший", first_name="Член", patronymic="Комиссии")
    if left:
        MemberFactory(
            commission=commission,
            person=gone,
            is_active=False,
            ended_on=dt.date(2027, 2, 1),
            end_reason="заявление",
        )
    return names


@pytest.fixture
def protocol():  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    commission = PrecinctCommissionFactory(precinct=precincts[0])
    names = _members(commission, left=True)
    with clock.travel(dt.datetime(2027, 3, 22, 1, 30)):
        row = services.submit_protocol(
            actor=None, election=election, precinct=precincts[0], data=protocol_data(precincts[0])
        )
    return row, names


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_precinct_protocol_is_in_the_form_of_the_cec(protocol, lang) -> None:  # type: ignore[no-untyped-def]
    row, names = protocol
    text = text_of(protocol_pdf(row, services.qr_text(row), lang=lang))
    data = row.data
    # Every line of the protocol and every party's votes, in digits and in words.
    for value in (data["voters_main_list"], data["ballots_received"], data["valid"]):
        assert f"{value:,}".replace(",", " ") in text
        assert in_words(value, lang) in text
    for line in data["votes"]:
        assert in_words(line["votes"], lang) in text
    # Parties by name, never by code.
    assert "Аманат" in text and "amanat" not in text
    # A signature line with the name of every member sitting; none for one who had left.
    for name in names:
        assert name in text
    assert "Ушедший" not in text
    assert SIGNED[lang] in text
    assert SEAL[lang] in text
    assert_no_developer_notes(text)


@pytest.fixture
def signed_off():  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    commission = RegionalCommissionFactory(region=election.region)
    names = _members(commission)
    for p, votes in zip(precincts, VOTES, strict=True):
        services.submit_protocol(
            actor=None, election=election, precinct=p, data=protocol_data(p, votes)
        )
    d = services.distribute_mandates(actor=None, election=election)
    d.signed_off_at = dt.datetime(2027, 3, 22, 1, 30, tzinfo=clock.local_zone())
    d.save(update_fields=["signed_off_at"])
    return d, names


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_protocol_of_mandate_distribution_is_in_the_form_of_the_cec(signed_off, lang) -> None:  # type: ignore[no-untyped-def]
    d, names = signed_off
    text = text_of(distribution_pdf(d, lang=lang))
    # amanat 1800 votes, 3 mandates; the protocols tabulated: four.
    assert "1 800" in text and in_words(1800, lang) in text
    assert f"3 ({in_words(3, lang)})" in text
    assert f"4 ({in_words(4, lang)})" in text
    assert "Аманат кандидат 1" in text and "(amanat)" not in text
    for name in names:
        assert name in text
    assert SIGNED[lang] in text
    assert SEAL[lang] in text
    assert_no_developer_notes(text)
    assert "list_order" not in text and "party_decision" not in text
    assert d.rule_set not in text  # the rules by their title, never by their code


#: How the trace of the fixture's distribution says amanat's share (1,800 of 3,050 votes with
#: "against all"), its quotient (1,800 votes / the quota 602) and its remainder (298/301).
TRACE_NUMBERS = {
    "kk": ("59,02 % ≥ 5,00 %", "1 800 ÷ 602,0000 ≈ 2,9900", "298/301 ≈ 0,9900"),
    "ru": ("59,02 % ≥ 5,00 %", "1 800 ÷ 602,0000 ≈ 2,9900", "298/301 ≈ 0,9900"),
    "en": ("59.02 % ≥ 5.00 %", "1,800 ÷ 602.0000 ≈ 2.9900", "298/301 ≈ 0.9900"),
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_printed_trace_writes_numbers_as_the_language_does(signed_off, lang) -> None:  # type: ignore[no-untyped-def]
    d, _names = signed_off
    text = text_of(distribution_pdf(d, lang=lang))
    for printed in TRACE_NUMBERS[lang]:
        assert printed in text
    if lang != "en":
        assert "59.02" not in text and "0.9900" not in text


#: Why a deputy took the mandate, in words (the law layer's "list_order", "party_decision of").
LIST_ORDER = {
    "kk": "тізімдегі кезек тәртібімен",
    "ru": "в порядке очерёдности в списке",
    "en": "in the order of the list",
}
PARTY_DECISION = {
    "kk": "партияның 25.03.2027 шешімі бойынша",
    "ru": "по решению партии от 25.03.2027",
    "en": "by the party's decision of 25 Mar 2027",
}


def _mandates_page(client, election, lang: str) -> str:  # type: ignore[no-untyped-def]
    """The text of the mandates page in ``lang``, as a reader sees it (tags and entities gone)."""
    with translation.override(lang):
        url = reverse("results:mandates", args=[election.pk])
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\xa0", " ").split())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_mandates_page_says_how_each_deputy_got_the_mandate_and_the_trace_in_its_numbers(  # type: ignore[no-untyped-def]
    client, signed_off, lang
) -> None:
    d, _names = signed_off
    client.force_login(user_for(Role.REGIONAL, place=d.election.region))
    text = _mandates_page(client, d.election, lang)
    assert "list_order" not in text
    assert text.count(LIST_ORDER[lang]) == 5  # five deputies, each by the list's order
    for printed in TRACE_NUMBERS[lang]:
        assert printed in text
    assert "Аманат:" in text and "amanat:" not in text  # the trace names parties, not codes


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_mandate_taken_by_the_party_s_decision_says_so_with_its_date(  # type: ignore[no-untyped-def]
    client, signed_off, lang
) -> None:
    d, _names = signed_off
    amanat = d.election.party_lists.get(party__code="amanat")
    order = list(amanat.candidates.order_by("-position").values_list("pk", flat=True))
    record_decision(
        actor=None,
        election=d.election,
        party_list=amanat,
        kind="party_order",
        order=order,
        decided_on=dt.date(2027, 3, 25),
    )
    client.force_login(user_for(Role.REGIONAL, place=d.election.region))
    text = _mandates_page(client, d.election, lang)
    assert "party_decision" not in text
    assert text.count(PARTY_DECISION[lang]) == 3  # amanat's three deputies
    assert text.count(LIST_ORDER[lang]) == 2
    printed = text_of(distribution_pdf(Distribution.objects.get(pk=d.pk), lang=lang))
    assert printed.count(PARTY_DECISION[lang]) == 3


def test_a_draft_distribution_leaves_the_time_of_signing_to_be_filled_in(signed_off) -> None:  # type: ignore[no-untyped-def]
    d, _names = signed_off
    Distribution.objects.filter(pk=d.pk).update(signed_off_at=None)
    d.refresh_from_db()
    text = text_of(distribution_pdf(d, lang="ru"))
    assert "Проект" in text
    assert "Подписано «___»" in text


def test_a_mazhilis_protocol_of_distribution_has_lines_for_the_cec_to_sign(signed_off) -> None:  # type: ignore[no-untyped-def]
    d, _names = signed_off
    election = d.election
    election.region = None
    election.save(update_fields=["region"])
    text = text_of(distribution_pdf(d, lang="ru"))
    assert "Председатель Центральной избирательной комиссии" in text
    assert "Секретарь Центральной избирательной комиссии" in text


@pytest.fixture
def with_districts():  # type: ignore[no-untyped-def]
    """Four precincts, two single-member districts; the first named, as the CEC names them,
    with its number in its name."""
    election, precincts = election_with_lists()
    districts = single_member_districts(election, precincts)
    SingleMemberDistrict.objects.filter(pk=districts[0].pk).update(
        name_ru="Избирательный округ №1", name_kk="№1 сайлау округі"
    )
    for i, (p, votes) in enumerate(zip(precincts, VOTES, strict=True)):
        services.submit_protocol(
            actor=None, election=election, precinct=p, data=protocol_data(p, votes)
        )
        smd = districts[0] if i < 2 else districts[1]
        submit_single_member_protocol(
            actor=None,
            election=election,
            precinct=p,
            data=single_member_data(p, smd, [300, 200, 100]),
        )
    return services.distribute_mandates(actor=None, election=election)


#: The single-member districts as the protocol names them: a name that says its number keeps
#: it once; another gets the number before it. The column is the electoral district's.
DISTRICTS = {
    "ru": ("Избирательный округ №1", "№2 Округ 2", "Округ"),
    "kk": ("№1 сайлау округі", "№2 2-округ", "Округ"),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_single_member_district_is_numbered_once(client, with_districts, lang) -> None:  # type: ignore[no-untyped-def]
    d = with_districts
    printed = text_of(distribution_pdf(d, lang=lang))
    client.force_login(user_for(Role.REGIONAL, place=d.election.region))
    page = _mandates_page(client, d.election, lang)
    first, second, column = DISTRICTS[lang]
    for text in (printed, page):
        assert first in text and second in text
        assert "№1 " + first not in text
    assert f"{column} " in printed and "Район" not in printed and "Аудан" not in printed
