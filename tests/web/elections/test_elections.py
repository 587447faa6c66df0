import datetime as dt
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from saylau.law.iin import make_iin
from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.elections import services
from saylau.web.elections.errors import (
    AlreadyOnAList,
    DrawRefused,
    ListClosed,
    NotEligible,
    QuotaNotMet,
    RegistrationClash,
    SeatsRefused,
)
from saylau.web.elections.models import Election, Party
from saylau.web.register.models import Person
from saylau.web.territory.models import District, Region
from tests.factories import DistrictFactory, RegionFactory, user_for

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 3, 21)


def iin(born: dt.date, sex: str = "M", serial: int = 1, **register: object) -> str:
    """A synthetic IIN, and the person the register holds under it (``register``: fields of
    the register's person, e.g. ``citizenship="RU"``; ``register=False``: not registered)."""
    for s in range(serial, serial + 20):
        value = make_iin(born, sex, s)  # type: ignore[arg-type]
        if value is not None:
            if register.pop("registered", True):
                fields = {"last_name": "Тест", "first_name": "Т", "sex": sex, "birth_date": born}
                Person.private_objects.get_or_create(iin=value, defaults={**fields, **register})
            return value
    raise AssertionError


def party(code: str) -> Party:
    return services.get_or_create_party(code=code, name_ru=code, name_kk=code)


def new_election(
    body: str,
    list_seats: int,
    single_member_districts: int,
    region: Region | None = None,
    district: District | None = None,
) -> Election:
    """An election of ``body`` on :data:`DAY` with these seats, in ``region``/``district``
    where the body has one."""
    return services.create_election(
        actor=None,
        name_ru="Выборы",
        name_kk="Сайлау",
        body=body,
        day=DAY,
        region=region,
        district=district,
        list_seats=list_seats,
        single_member_districts=single_member_districts,
    )


@pytest.fixture
def election() -> Election:
    return new_election(Election.Body.OBLAST_MASLIKHAT, 16, 16, region=RegionFactory())


def test_a_new_election_stores_the_rule_set_the_law_chooses_for_its_body_and_day(election) -> None:  # type: ignore[no-untyped-def]
    assert election.rule_set == "kz-2023"
    assert AuditEvent.objects.filter(action="elections.election.create").count() == 1


def test_a_candidate_under_the_maslikhat_age_on_election_day_is_refused(election) -> None:  # type: ignore[no-untyped-def]
    pl = services.register_party_list(actor=None, election=election, party=party("a"))
    too_young = iin(dt.date(2007, 3, 22))  # 19 on election day, 20 the day after
    with pytest.raises(NotEligible) as caught:
        services.add_candidate(actor=None, party_list=pl, full_name="Жас Үміткер", iin=too_young)
    assert [r.code for r in caught.value.reasons] == ["under_candidate_age"]
    assert "20" in caught.value.message
    ok = services.add_candidate(
        actor=None, party_list=pl, full_name="Жас Үміткер", iin=iin(dt.date(2007, 3, 21))
    )
    assert ok.position == 1 and ok.birth_date == dt.date(2007, 3, 21)


def test_no_one_stands_on_two_lists_of_one_election(election) -> None:  # type: ignore[no-untyped-def]
    a = services.register_party_list(actor=None, election=election, party=party("a"))
    b = services.register_party_list(actor=None, election=election, party=party("b"))
    person = iin(dt.date(1980, 5, 5))
    services.add_candidate(actor=None, party_list=a, full_name="Асқар Серіков", iin=person)
    with pytest.raises(AlreadyOnAList):
        services.add_candidate(actor=None, party_list=b, full_name="Асқар Серіков", iin=person)


def test_a_party_registers_one_list_and_two_lists_never_share_a_registration_moment(
    election,
) -> None:  # type: ignore[no-untyped-def]
    at = timezone.now()
    services.register_party_list(actor=None, election=election, party=party("a"), registered_at=at)
    with pytest.raises(RegistrationClash):
        services.register_party_list(actor=None, election=election, party=party("a"))
    with pytest.raises(RegistrationClash):
        services.register_party_list(
            actor=None, election=election, party=party("b"), registered_at=at
        )


def test_the_ballot_order_is_drawn_by_lot_before_witnesses_and_closes_the_lists(election) -> None:  # type: ignore[no-untyped-def]
    lists = [
        services.register_party_list(actor=None, election=election, party=party(c)) for c in "abc"
    ]
    for n, pl in enumerate(lists):
        services.add_candidate(
            actor=None, party_list=pl, full_name=f"К{n}", iin=iin(dt.date(1960, 1, 1 + n))
        )
    with pytest.raises(DrawRefused):
        services.draw_ballot_order(actor=None, election=election, witnesses=["Only One"])
    draw = services.draw_ballot_order(
        actor=None, election=election, witnesses=["Witness A", "Witness B"], rng=random.Random(1)
    )
    assert sorted(draw.order) == ["a", "b", "c"] and draw.witnesses == ["Witness A", "Witness B"]
    positions = {pl.party.code: pl.ballot_position for pl in election.party_lists.all()}
    assert [positions[c] for c in draw.order] == [1, 2, 3]
    with pytest.raises(DrawRefused):
        services.draw_ballot_order(actor=None, election=election, witnesses=["A", "B"])
    with pytest.raises(ListClosed):
        services.add_candidate(
            actor=None, party_list=lists[0], full_name="X", iin=iin(dt.date(1970, 1, 1))
        )


def test_the_mazhilis_list_quota_holds_the_draw_until_the_list_meets_it() -> None:
    mazhilis = new_election(Election.Body.MAZHILIS, 69, 29)
    pl = services.register_party_list(actor=None, election=mazhilis, party=party("a"))
    for n in range(4):
        services.add_candidate(
            actor=None, party_list=pl, full_name=f"M{n}", iin=iin(dt.date(1970, 1, 1 + n), "M")
        )
    assert [f.code for f in services.quota_findings(pl)] == ["list_quota"]
    with pytest.raises(QuotaNotMet):
        services.draw_ballot_order(actor=None, election=mazhilis, witnesses=["A", "B"])
    services.add_candidate(
        actor=None, party_list=pl, full_name="F", iin=iin(dt.date(1970, 2, 1), "F")
    )
    services.add_candidate(
        actor=None, party_list=pl, full_name="Y", iin=iin(dt.date(2000, 2, 1), "M")
    )
    assert services.quota_findings(pl) == []  # 2 of 6 is at least 30 %


def test_only_cec_and_regional_users_set_up_elections_in_their_own_region(client) -> None:  # type: ignore[no-untyped-def]
    region = RegionFactory()
    other = RegionFactory(code="ALA")
    form = {
        "name_ru": "Выборы",
        "name_kk": "Сайлау",
        "body": "oblast_maslikhat",
        "day": "2027-03-21",
        "list_seats": 16,
        "single_member_districts": 16,
    }
    client.force_login(user_for(Role.TERRITORIAL, place=DistrictFactory(region=region)))
    assert client.get(reverse("elections:create")).status_code == 403
    client.force_login(user_for(Role.REGIONAL, place=region))
    assert client.post(reverse("elections:create"), {**form, "region": other.pk}).status_code == 403
    response = client.post(reverse("elections:create"), {**form, "region": region.pk})
    assert response.status_code == 302
    election = Election.objects.get()
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    # The rule set and the day in the reader's words (Kazakh by default), not as codes.
    assert "2023 жылдан бастап" in page and "21.03.2027" in page and "kz-2023" not in page
    client.force_login(user_for(Role.REGIONAL, place=other))
    assert client.get(reverse("elections:detail", args=[election.pk])).status_code == 404
    assert (
        client.post(
            reverse("elections:add_list", args=[election.pk]), {"party": party("a").pk}
        ).status_code
        == 404
    )


def test_the_setup_page_registers_lists_and_candidates(client, election) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user_for(Role.CEC))
    client.post(reverse("elections:add_list", args=[election.pk]), {"party": party("amanat").pk})
    pl = election.party_lists.get()
    client.post(
        reverse("elections:add_candidate", args=[election.pk, pl.pk]),
        {"full_name": "Әсел Нұрланова", "iin": iin(dt.date(1985, 6, 1), "F")},
    )
    assert pl.candidates.get().full_name == "Әсел Нұрланова"
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    assert "Әсел Нұрланова" in page
    client.force_login(user_for(Role.OBSERVER, place=election.region))
    assert (
        client.post(
            reverse("elections:add_list", args=[election.pk]), {"party": party("x").pk}
        ).status_code
        == 403
    )


@pytest.mark.usefixtures("in_russian")
def test_single_member_districts_take_eligible_candidates_once_each(client, election) -> None:  # type: ignore[no-untyped-def]
    one = services.add_single_member_district(
        actor=None, election=election, number=1, name_ru="Округ 1", name_kk="1-округ"
    )
    two = services.add_single_member_district(
        actor=None, election=election, number=2, name_ru="Округ 2", name_kk="2-округ"
    )
    person = iin(dt.date(1975, 4, 4))
    services.add_single_member_candidate(
        actor=None, district=one, full_name="Серік Оспанов", iin=person, party=party("a")
    )
    with pytest.raises(AlreadyOnAList):
        services.add_single_member_candidate(
            actor=None, district=two, full_name="Серік Оспанов", iin=person
        )
    with pytest.raises(NotEligible):
        services.add_single_member_candidate(
            actor=None, district=two, full_name="Жас", iin=iin(dt.date(2010, 1, 1))
        )
    client.force_login(user_for(Role.CEC))
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    assert "Серік Оспанов" in page and "Округ 2" in page
    assert "☐" in page  # the calendar of an election in 2027 is still ahead


def test_the_setup_page_adds_districts_with_their_precincts_and_candidates(
    client, election
) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PrecinctFactory

    district = DistrictFactory(region=election.region)
    for number in (101, 102, 103):
        PrecinctFactory(district=district, number=number)
    client.force_login(user_for(Role.CEC))
    url = reverse("elections:add_district", args=[election.pk])
    form = {"number": 1, "name_ru": "Округ 1", "name_kk": "1-округ", "precinct_numbers": "101, 102"}
    assert client.post(url, form).status_code == 302
    smd = election.single_member_district_set.get()
    assert sorted(smd.precincts.values_list("number", flat=True)) == [101, 102]
    # a precinct votes in one district only; an unknown precinct is refused too
    client.post(url, {**form, "number": 2, "precinct_numbers": "102, 103"})
    client.post(url, {**form, "number": 3, "precinct_numbers": "999"})
    assert election.single_member_district_set.count() == 1
    client.post(
        reverse("elections:add_district_candidate", args=[election.pk, smd.pk]),
        {"full_name": "Гүлнар Сейітова", "iin": iin(dt.date(1980, 2, 2), "F"), "party": ""},
    )
    candidate = smd.candidates.get()
    assert candidate.full_name == "Гүлнар Сейітова" and candidate.party is None
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    assert "Гүлнар Сейітова" in page and "№101" in page
    client.force_login(user_for(Role.OBSERVER, place=election.region))
    assert client.post(url, {**form, "number": 4, "precinct_numbers": ""}).status_code == 403


def test_every_condition_is_checked_against_the_register_each_refusal_citing_its_rule(
    election,
) -> None:  # type: ignore[no-untyped-def]
    pl = services.register_party_list(actor=None, election=election, party=party("a"))
    cases = {
        "deceased": iin(dt.date(1970, 1, 2), death_date=dt.date(2026, 1, 1)),
        "not_citizen": iin(dt.date(1970, 1, 3), citizenship="RU"),
        "imprisoned_by_sentence": iin(dt.date(1970, 1, 4), imprisoned=True),
        "declared_incapable": iin(dt.date(1970, 1, 5), incapable=True),
        "not_in_register": iin(dt.date(1970, 1, 6), registered=False),
    }
    for code, value in cases.items():
        with pytest.raises(NotEligible) as caught:
            services.add_candidate(actor=None, party_list=pl, full_name="Х", iin=value)
        assert [r.code for r in caught.value.reasons] == [code]
        assert all(r.rule for r in caught.value.reasons)
    assert pl.candidates.count() == 0


def test_a_register_person_with_several_faults_gets_every_refusal_not_only_the_first(
    election,
) -> None:  # type: ignore[no-untyped-def]
    pl = services.register_party_list(actor=None, election=election, party=party("a"))
    young_foreign_prisoner = iin(
        dt.date(2010, 5, 5), citizenship="CN", imprisoned=True, death_date=dt.date(2025, 1, 1)
    )
    with pytest.raises(NotEligible) as caught:
        services.add_candidate(actor=None, party_list=pl, full_name="Х", iin=young_foreign_prisoner)
    assert [r.code for r in caught.value.reasons] == [
        "not_citizen",
        "under_age",
        "deceased",
        "imprisoned_by_sentence",
        "under_candidate_age",
    ]


def test_the_register_date_of_birth_decides_not_the_digits_of_the_iin(election) -> None:  # type: ignore[no-untyped-def]
    pl = services.register_party_list(actor=None, election=election, party=party("a"))
    value = iin(dt.date(1980, 1, 1))
    Person.private_objects.filter(iin=value).update(birth_date=dt.date(2010, 1, 1))
    with pytest.raises(NotEligible):
        services.add_candidate(actor=None, party_list=pl, full_name="Х", iin=value)


def test_a_district_candidate_is_checked_like_a_list_candidate(election) -> None:  # type: ignore[no-untyped-def]
    district = services.add_single_member_district(
        actor=None, election=election, number=1, name_ru="Округ 1", name_kk="1-округ"
    )
    with pytest.raises(NotEligible) as caught:
        services.add_single_member_candidate(
            actor=None,
            district=district,
            full_name="Х",
            iin=iin(dt.date(1970, 2, 2), imprisoned=True),
        )
    assert [r.code for r in caught.value.reasons] == ["imprisoned_by_sentence"]


def test_a_mazhilis_election_with_5_list_seats_is_refused_and_nothing_is_created() -> None:
    with pytest.raises(SeatsRefused) as caught:
        new_election(Election.Body.MAZHILIS, 5, 29)
    assert [f.code for f in caught.value.findings] == ["list_seats_fixed"]
    assert "69" in caught.value.message and "5" in caught.value.message
    assert not Election.objects.exists()


def test_an_oblast_maslikhat_is_half_lists_half_districts_and_a_district_one_has_no_lists() -> None:
    region = RegionFactory()
    with pytest.raises(SeatsRefused) as caught:
        new_election(Election.Body.OBLAST_MASLIKHAT, 18, 10, region=region)
    assert [f.code for f in caught.value.findings] == ["halves_differ"]
    with pytest.raises(SeatsRefused):
        new_election(
            Election.Body.DISTRICT_MASLIKHAT,
            5,
            15,
            region=region,
            district=DistrictFactory(region=region),
        )


def test_a_list_with_no_candidates_gets_no_ballot_position_and_fails_the_quota(election) -> None:  # type: ignore[no-untyped-def]
    full = services.register_party_list(actor=None, election=election, party=party("a"))
    empty = services.register_party_list(actor=None, election=election, party=party("b"))
    services.add_candidate(actor=None, party_list=full, full_name="А", iin=iin(dt.date(1970, 3, 3)))
    assert [f.code for f in services.quota_findings(empty)] == ["empty_list"]
    services.draw_ballot_order(actor=None, election=election, witnesses=["A", "B"])
    full.refresh_from_db()
    empty.refresh_from_db()
    assert (full.ballot_position, empty.ballot_position) == (1, None)
