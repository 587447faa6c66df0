"""Line 1 of a precinct protocol against the lists compiled for that precinct."""

from __future__ import annotations

import pytest

from saylau.web.register.models import Person, VoterList, VoterListEntry
from saylau.web.results import services
from saylau.web.results.errors import ProtocolInconsistent
from saylau.web.results.models import Protocol
from saylau.web.territory.models import Precinct

from .factories import election_with_lists, protocol_data, synthetic_iin

pytestmark = pytest.mark.django_db


def _list_of(election, precinct, *, main: int, additional: int = 0) -> VoterList:  # type: ignore[no-untyped-def]
    vl = VoterList.objects.create(election=election, precinct=precinct, voters=main)
    for n in range(additional):
        person = Person.private_objects.create(
            iin=synthetic_iin(9000 + n + precinct.pk * 50, 1850),
            last_name="Тест",
            first_name=str(n),
            sex="M",
        )
        VoterListEntry.objects.create(voter_list=vl, part="additional", number=n + 1, person=person)
    return vl


def test_1870_voters_on_a_special_precinct_whose_list_has_0_is_refused_with_both_numbers() -> None:
    election, precincts = election_with_lists()
    special = precincts[0]
    special.kind = Precinct.Kind.SPECIAL
    special.save()
    _list_of(election, special, main=0)
    data = dict(protocol_data(special), voters_main_list=1870, voters_additional_list=0)
    with pytest.raises(ProtocolInconsistent) as caught:
        services.submit_protocol(actor=None, election=election, precinct=special, data=data)
    found = {f.code: dict(f.params) for f in caught.value.findings}
    assert found["main_list_differs"] == {"protocol": 1870, "lists": 0}
    assert "1870" in caught.value.findings[0].message("ru")
    assert not Protocol.objects.exists()


def test_99999_voters_against_a_list_of_1125_is_refused() -> None:
    election, precincts = election_with_lists()
    p = precincts[0]
    _list_of(election, p, main=1125, additional=10)
    data = dict(protocol_data(p), voters_main_list=99_999)
    with pytest.raises(ProtocolInconsistent) as caught:
        services.submit_protocol(actor=None, election=election, precinct=p, data=data)
    assert [(f.code, dict(f.params)) for f in caught.value.findings if f.severity == "error"] == [
        ("main_list_differs", {"protocol": 99_999, "lists": 1125})
    ]


def test_a_protocol_stating_the_compiled_lists_is_accepted() -> None:
    election, precincts = election_with_lists()
    p = precincts[0]
    data = protocol_data(p)
    _list_of(election, p, main=data["voters_main_list"], additional=data["voters_additional_list"])
    row = services.submit_protocol(actor=None, election=election, precinct=p, data=data)
    assert row.voters == data["voters_main_list"] + data["voters_additional_list"]


def test_a_precinct_without_a_list_in_an_election_with_lists_has_a_list_of_0() -> None:
    election, precincts = election_with_lists()
    _list_of(election, precincts[1], main=5)
    p = precincts[0]
    with pytest.raises(ProtocolInconsistent) as caught:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    assert "main_list_differs" in {f.code for f in caught.value.findings}
