"""Voter lists per precinct: eligibility from the law layer, Kazakh alphabetical order,
special precincts, absentee certificates with the 1 % quota, additional lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from saylau.web.register.models import AbsenteeCertificate, Person, VoterList
from saylau.web.register.services.events import apply_events_file
from saylau.web.register.services.importing import import_registry
from saylau.web.register.services.voter_lists import (
    add_to_additional_list,
    apply_for_special_stay,
    compile_lists,
    issue_absentee_certificate,
)
from saylau.web.territory.models import Precinct
from tests.factories import ElectionFactory

from .builders import Extract, iin, person, standard_persons

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(tmp_path: Path):  # type: ignore[no-untyped-def]
    persons = [
        *standard_persons(),
        person(10, "Яковлев", "Иван", address_id="A1"),
        person(11, "Ақанов", "Болат", address_id="A1"),
        person(12, "Аманов", "Серік", address_id="A1", death_date="1899-01-01"),
        person(13, "Бөкеев", "Әлихан", address_id="A1", imprisoned="1"),
    ]
    young = iin(14, born=date(2010, 5, 5))
    persons.append(
        person(14, "Жас", "Бала", address_id="A1").but(iin=young, birth_date="2010-05-05")
    )
    import_registry(directory=Extract(persons=persons).write(tmp_path / "x"), actor="test")
    from saylau.web.territory.models import Region

    return ElectionFactory(region=Region.objects.get(code="ZHA"), day=date(2027, 3, 21))  # type: ignore[no-untyped-call]


def names(precinct_no: int, election) -> list[str]:  # type: ignore[no-untyped-def]
    vl = VoterList.objects.get(election=election, precinct__number=precinct_no)
    return [e.person.last_name for e in vl.entries.filter(part="main").order_by("number")]


def test_lists_hold_the_voters_only_in_kazakh_alphabetical_order(election) -> None:  # type: ignore[no-untyped-def]
    compile_lists(election=election, actor="test")
    # Kazakh order: Ә right after А (not after Я as in code points). Аманов has died,
    # Бөкеев is imprisoned, Жас is 16, Ким is not a citizen.
    assert names(101, election) == ["Ақанов", "Әбілов", "Иванова", "Сейітқали", "Яковлев"]
    assert names(102, election) == ["Өмірбеков"]
    assert names(201, election) == ["Бекова"]  # Ким is not a citizen
    assert names(900, election) == []


def test_an_event_recompiles_only_the_affected_precincts(election, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    compile_lists(election=election, actor="test")
    revisions = dict(VoterList.objects.values_list("precinct__number", "revision"))
    moved = Person.private_objects.get(last_name="Яковлев").iin
    ev = tmp_path / "ev.csv"
    ev.write_text(
        f"event_id,event_date,kind,iin,address_id\nE1,2027-01-01,residence_change,{moved},A3\n",
        encoding="utf-8",
    )
    report = apply_events_file(path=ev, actor="test")
    assert report.lists_recompiled == 2
    after = dict(VoterList.objects.values_list("precinct__number", "revision"))
    assert after == {**revisions, 101: revisions[101] + 1, 102: revisions[102] + 1}
    assert names(102, election) == ["Өмірбеков", "Яковлев"]


def test_a_voter_staying_in_a_special_precinct_is_listed_there_instead_of_at_home(election) -> None:  # type: ignore[no-untyped-def]
    compile_lists(election=election, actor="test")
    voter = Person.private_objects.get(last_name="Иванова")
    hospital = Precinct.objects.get(number=900)
    apply_for_special_stay(
        election=election,
        person=voter,
        precinct=hospital,
        actor="t",
        applied_on=date(2027, 3, 10),
        reason="больница",
    )
    assert names(900, election) == ["Иванова"]
    assert "Иванова" not in names(101, election)
    with pytest.raises(ValidationError):
        apply_for_special_stay(
            election=election,
            person=voter,
            precinct=Precinct.objects.get(number=102),
            actor="t",
            applied_on=date(2027, 3, 10),
        )


def test_absentee_certificates_are_numbered_mark_the_home_line_and_keep_to_the_quota(
    election, settings
) -> None:  # type: ignore[no-untyped-def]
    compile_lists(election=election, actor="test")
    settings.SAYLAU_AS_OF = "2027-03-10T10:00"  # in the window of absentee certificates
    voter = Person.private_objects.get(last_name="Яковлев")
    # 7 voters in the oblast: 1 % of 7 is 0 certificates.
    with pytest.raises(ValidationError, match="1%"):
        issue_absentee_certificate(
            election=election, person=voter, actor="t", issued_on=date(2027, 3, 10)
        )
    from saylau.web.register.services import absentee

    absentee.ABSENTEE_QUOTA = (1, 7)
    try:
        cert = issue_absentee_certificate(
            election=election, person=voter, actor="t", issued_on=date(2027, 3, 10)
        )
        assert cert.number == 1 and cert.home_precinct.number == 101
        assert "Яковлев" in names(101, election)  # stays, with the remark of the certificate
        home = VoterList.objects.get(election=election, precinct__number=101)
        line = home.entries.get(person=voter)
        assert line.certificate == cert and "№ 1" in line.remarks.replace("No. ", "№ ")
        with pytest.raises(ValidationError, match="1%"):
            issue_absentee_certificate(
                election=election,
                person=Person.private_objects.get(last_name="Ақанов"),
                actor="t",
                issued_on=date(2027, 3, 10),
            )
    finally:
        absentee.ABSENTEE_QUOTA = (1, 100)
    there = Precinct.objects.get(number=201)
    entry = add_to_additional_list(
        election=election, precinct=there, person=voter, actor="t", certificate=cert
    )
    assert (entry.part, entry.number, entry.basis) == ("additional", 1, "absentee")
    assert AbsenteeCertificate.objects.get().voted_at == there
    with pytest.raises(ValidationError):
        add_to_additional_list(
            election=election,
            precinct=Precinct.objects.get(number=102),
            person=voter,
            actor="t",
            certificate=cert,
        )


def test_the_additional_list_refuses_someone_who_is_not_a_voter(election) -> None:  # type: ignore[no-untyped-def]
    compile_lists(election=election, actor="test")
    young = Person.private_objects.get(last_name="Жас")
    with pytest.raises(ValidationError):
        add_to_additional_list(
            election=election, precinct=Precinct.objects.get(number=101), person=young, actor="t"
        )
