"""Voter and candidate eligibility on election day, and the statutory calendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.law.calendar import CALENDAR_TEXT, UnknownBody, election_calendar
from saylau.law.eligibility import (
    REASON_MESSAGES,
    Person,
    UnknownCandidateRule,
    age_on,
    anniversary,
    birth_date_unknown,
    candidate_reasons,
    candidate_rule,
    is_voter,
    listing_reasons,
    not_in_register,
    voter_reasons,
)

DAY = date(2023, 3, 19)


def codes(person: Person, day: date = DAY) -> list[str]:
    return [r.code for r in voter_reasons(person, day)]


def test_a_citizen_who_turns_18_on_election_day_votes() -> None:
    assert is_voter(Person(date(2005, 3, 19)), DAY)


def test_a_citizen_who_turns_18_the_day_after_does_not_vote_and_is_told_when() -> None:
    reasons = voter_reasons(Person(date(2005, 3, 20)), DAY)
    assert [r.code for r in reasons] == ["under_age"]
    assert reasons[0].params["turns_18_on"] == "2023-03-20"


def test_someone_born_on_29_february_turns_18_on_28_february_in_a_common_year() -> None:
    born = date(2008, 2, 29)
    assert codes(Person(born), date(2026, 2, 28)) == []
    assert codes(Person(born), date(2026, 2, 27)) == ["under_age"]


def test_the_29_february_rule_is_configurable() -> None:
    assert voter_reasons(Person(date(2008, 2, 29)), date(2026, 2, 28), feb29="mar1")


def test_every_reason_is_returned_not_only_the_first() -> None:
    person = Person(
        date(2010, 1, 1),
        citizen=False,
        died_on=date(2023, 1, 1),
        declared_incapable=True,
        imprisoned_by_sentence=True,
    )
    assert codes(person) == [
        "not_citizen",
        "under_age",
        "deceased",
        "declared_incapable",
        "imprisoned_by_sentence",
    ]


def test_a_person_who_dies_after_election_day_was_a_voter_on_it() -> None:
    assert is_voter(Person(date(1950, 5, 5), died_on=date(2023, 3, 20)), DAY)


def test_someone_not_yet_born_is_not_a_voter() -> None:
    assert codes(Person(date(2024, 1, 1))) == ["not_born"]


@settings(deadline=None)
@given(st.dates(date(1900, 1, 1), date(2030, 12, 31)), st.dates(date(1900, 1, 1), date(2060, 1, 1)))
def test_age_grows_by_one_exactly_on_the_anniversary(born: date, day: date) -> None:
    age = age_on(born, day)
    if day >= born:
        assert anniversary(born, age) <= day < anniversary(born, age + 1)


def test_mazhilis_candidates_must_be_25_and_maslikhat_candidates_20() -> None:
    assert candidate_rule("mazhilis", DAY).min_age == 25
    assert candidate_rule("maslikhat", DAY).min_age == 20
    assert candidate_rule("maslikhat", DAY).unconfirmed is None
    assert candidate_rule("maslikhat", date(2021, 1, 10)).unconfirmed


def test_a_24_year_old_may_stand_for_a_maslikhat_but_not_the_mazhilis() -> None:
    person = Person(date(1998, 6, 1))
    assert candidate_reasons(person, "maslikhat", DAY) == []
    reasons = candidate_reasons(person, "mazhilis", DAY)
    assert [r.code for r in reasons] == ["under_candidate_age"]
    assert reasons[0].params["reaches_on"] == "2023-06-01"


def test_mazhilis_candidates_need_ten_years_of_residence_when_known() -> None:
    person = Person(date(1980, 1, 1), resident_years=7)
    assert [r.code for r in candidate_reasons(person, "mazhilis", DAY)] == ["residence_too_short"]


def test_a_candidate_must_be_a_voter_too() -> None:
    person = Person(date(1980, 1, 1), imprisoned_by_sentence=True)
    assert "imprisoned_by_sentence" in [r.code for r in candidate_reasons(person, "maslikhat", DAY)]


def test_an_unknown_body_has_no_candidate_rule() -> None:
    with pytest.raises(UnknownCandidateRule):
        candidate_rule("senate", DAY)


def test_the_2023_calendar_matches_the_dates_reported_for_19_march_2023() -> None:
    cal = {d.code: d for d in election_calendar("mazhilis", DAY)}
    assert cal["public_review"].on == date(2023, 3, 4)  # reported: from 4 March
    assert cal["lists_to_precincts"].on >= date(2023, 2, 26)  # reported: handed over 26 Feb
    assert cal["public_review_special"].on == date(2023, 3, 14)
    assert cal["absentee_to_precincts"].on == date(2023, 3, 3)
    assert cal["results_published"].on == date(2023, 3, 29)


def test_maslikhat_results_are_published_within_7_days() -> None:
    cal = {d.code: d for d in election_calendar("maslikhat", date(2021, 1, 10))}
    assert cal["results_published_maslikhat"].on == date(2021, 1, 17)
    assert "tec_protocols_to_cec" not in cal


def test_every_deadline_cites_its_source_and_the_list_is_in_date_order() -> None:
    cal = election_calendar("mazhilis", DAY)
    assert all(d.article for d in cal)
    assert [d.on for d in cal] == sorted(d.on for d in cal)
    assert any(d.unconfirmed for d in cal)
    assert {d.code for d in cal if d.unconfirmed} >= {"outside_voting_applications"}


def test_an_unknown_body_has_no_calendar() -> None:
    with pytest.raises(UnknownBody):
        election_calendar("senate", DAY)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_reason_reads_in_every_language(lang: str) -> None:
    person = Person(
        date(2010, 1, 1),
        citizen=False,
        died_on=date(2023, 1, 1),
        declared_incapable=True,
        imprisoned_by_sentence=True,
        resident_years=1,
    )
    reasons = (
        candidate_reasons(person, "mazhilis", DAY, already_standing=True)
        + voter_reasons(Person(date(2030, 1, 1)), DAY)
        + listing_reasons(
            Person(date(1980, 1, 1), registered_residence=False), DAY, other_list="101"
        )
        + [not_in_register(), birth_date_unknown()]
    )
    assert {r.code for r in reasons} == set(REASON_MESSAGES)
    for reason in reasons:
        text = reason.message(lang)
        assert text and "{" not in text


@pytest.mark.parametrize("body", ["mazhilis", "maslikhat"])
def test_every_deadline_is_described_in_russian_and_kazakh(body: str) -> None:
    for deadline in election_calendar(body, DAY):
        assert deadline.code in CALENDAR_TEXT
        assert deadline.describe("ru") != deadline.what
        assert deadline.describe("kk") != deadline.what
        assert deadline.describe("en") == deadline.what


def test_a_six_year_old_foreigner_in_prison_gets_every_reason_at_once() -> None:
    person = Person(date(2020, 6, 1), citizen=False, imprisoned_by_sentence=True)
    assert codes(person, date(2026, 12, 2)) == [
        "not_citizen",
        "under_age",
        "imprisoned_by_sentence",
    ]


def test_one_list_only_and_a_list_by_application_needs_no_registered_residence() -> None:
    homeless = Person(date(1980, 1, 1), registered_residence=False)
    assert [r.code for r in listing_reasons(homeless, DAY)] == ["no_registered_residence"]
    assert listing_reasons(homeless, DAY, by_application=True) == []
    twice = listing_reasons(Person(date(1980, 1, 1)), DAY, other_list="204")
    assert [(r.code, r.params) for r in twice] == [("on_another_list", {"precinct": "204"})]


def test_a_mazhilis_candidate_needs_25_years_10_of_residence_and_one_candidacy() -> None:
    person = Person(date(2000, 1, 1), resident_years=9)
    reasons = candidate_reasons(person, "mazhilis", DAY, already_standing=True)
    assert [r.code for r in reasons] == [
        "under_candidate_age",
        "residence_too_short",
        "already_candidate",
    ]
    assert all(r.rule for r in reasons)
    assert candidate_rule("mazhilis", DAY).max_list_names == 90


def test_the_maslikhat_local_residence_rule_is_off_unless_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from saylau.law.eligibility import candidates

    person = Person(date(1980, 1, 1))
    assert candidate_reasons(person, "maslikhat", DAY, local_resident_years=0) == []
    monkeypatch.setattr(candidates, "MASLIKHAT_LOCAL_RESIDENCE_YEARS_UNCONFIRMED", 1)
    found = candidate_reasons(person, "maslikhat", DAY, local_resident_years=0)
    assert [r.code for r in found] == ["residence_too_short"]
    assert "configured" in found[0].rule
