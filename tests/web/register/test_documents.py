"""The voter list and the absentee certificate as the CEC's forms ask for them, read back
from the PDF in Kazakh and Russian: the count in digits and in words, the chair's and the
secretary's signature lines with their names, the local date and time, the place of the seal,
and long names wrapped, not cut off at the page edge."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from saylau.law.words import in_words
from saylau.web.commissions.models import MemberRole
from saylau.web.core import clock
from saylau.web.register import absentee_exports, exports
from saylau.web.register.models import VoterList
from saylau.web.register.services.voter_lists import issue_absentee_certificate
from tests.pdftext import assert_no_developer_notes, text_of
from tests.web.commissions.factories import MemberFactory, PersonFactory, PrecinctCommissionFactory

from .test_absentee import IN_WINDOW, _roomy_quota, voter  # noqa: F401 - autouse

SEAL = {"ru": "М.П.", "kk": "М.О."}
SIGNED = {"ru": "Подписано 10.03.2099 в 14:05", "kk": "10.03.2099 сағат 14:05"}
MOMENT = dt.datetime(2099, 3, 10, 14, 5)
LONG_NAME = "Сейітқалиева-Нұрмағамбетова Әсемгүл Бауыржанқызы-Төлеғалиқызы"


def _officers(precinct: Any) -> tuple[str, str, str]:
    """The chair, the secretary and a member (who signs neither document)."""
    commission = PrecinctCommissionFactory(precinct=precinct)
    made = []
    for role, (last, first, patronymic) in (
        (MemberRole.CHAIR, LONG_NAME.split()),
        (MemberRole.SECRETARY, ("Нұрланова", "Ғалия", "Бекқызы")),
        (MemberRole.MEMBER, ("Ким", "Ольга", "Викторовна")),
    ):
        person = PersonFactory(last_name=last, first_name=first, patronymic=patronymic)
        MemberFactory(commission=commission, role=role, person=person)
        made.append(person.full_name)
    return made[0], made[1], made[2]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_voter_list_is_signed_by_the_chair_and_the_secretary(world: Any, lang: str) -> None:
    vl = VoterList.objects.get(election=world.election, precinct=world.p101)
    chair, secretary, member = _officers(world.p101)
    entries = list(vl.entries.select_related("person__address", "certificate"))
    with clock.travel(MOMENT):
        text = text_of(exports.list_pdf(vl, entries, language=lang))
    n = len(entries)
    assert n > 0
    assert f"{n} ({in_words(n, lang)})" in text
    for entry in entries:
        assert entry.person.full_name in text
    assert chair in text and secretary in text and member not in text
    assert SIGNED[lang] in text and SEAL[lang] in text
    assert_no_developer_notes(text)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_absentee_certificate_names_who_signs_it_and_when(world: Any, lang: str) -> None:
    cert = issue_absentee_certificate(
        election=world.election, person=voter(0), actor="t", reason="travel", issued_on=IN_WINDOW
    )
    chair, secretary, member = _officers(cert.home_precinct)
    with clock.travel(MOMENT):
        text = text_of(absentee_exports.certificate_pdf(cert, language=lang))
    assert voter(0).full_name in text
    assert chair in text and secretary in text and member not in text
    assert SIGNED[lang] in text and SEAL[lang] in text
    assert_no_developer_notes(text)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_register_of_certificates_counts_them_in_words(world: Any, lang: str) -> None:
    certs = [
        issue_absentee_certificate(
            election=world.election, person=voter(i), actor="t", reason="travel", issued_on=IN_WINDOW
        )
        for i in (0, 1)
    ]
    with clock.travel(MOMENT):
        text = text_of(absentee_exports.register_pdf(world.election, certs, language=lang))
    assert f"2 ({in_words(2, lang)})" in text
    assert "10.03.2099 14:05" in text
    assert voter(0).full_name in text and voter(1).full_name in text
