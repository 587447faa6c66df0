"""Single-member plurality with "against all", and mandates to candidates of a party list."""

from __future__ import annotations

from datetime import date

import pytest

from saylau.law.mandates import (
    Deputy,
    MandateError,
    PartyDecision,
    assign_mandates,
    check_list_quota,
    fill_vacancy,
)
from saylau.law.single_member import AGAINST_ALL, SingleMemberError, plurality


def test_the_candidate_with_most_votes_wins() -> None:
    result = plurality({"Ali": 300, "Bota": 250, "Dana": 10}, against_all=40)
    assert result.winner == "Ali"
    assert result.decided


def test_equal_top_votes_are_undecided_and_name_the_leaders() -> None:
    result = plurality({"Ali": 300, "Bota": 300, "Dana": 10})
    assert result.winner is None
    assert result.undecided == "tie"
    assert result.leaders == ("Ali", "Bota")


def test_against_all_leading_is_undecided_because_the_law_is_unconfirmed() -> None:
    result = plurality({"Ali": 300, "Bota": 200}, against_all=301)
    assert result.undecided == "against_all_leads"
    assert result.leaders[0] == AGAINST_ALL


def test_against_all_level_with_the_leader_is_undecided_too() -> None:
    assert plurality({"Ali": 300}, against_all=300).undecided == "against_all_leads"


def test_against_all_is_counted_but_does_not_stop_a_clear_winner() -> None:
    assert plurality({"Ali": 301}, against_all=300).winner == "Ali"


def test_a_race_with_no_votes_at_all_is_undecided() -> None:
    assert plurality({"Ali": 0, "Bota": 0}).undecided == "no_votes"


@pytest.mark.parametrize(
    ("votes", "against"), [({}, 0), ({"Ali": -1}, 0), ({"Ali": 1.5}, 0), ({"Ali": 3}, -2)]
)
def test_bad_single_member_input_is_an_error(votes: dict[str, int], against: int) -> None:
    with pytest.raises(SingleMemberError):
        plurality(votes, against_all=against)


LIST = ["Abai", "Bolat", "Dana", "Erlan"]


def test_mandates_follow_list_order_by_default() -> None:
    result = assign_mandates(LIST, seats=2)
    assert result.elected == ("Abai", "Bolat")
    assert result.vacant == 0
    assert result.basis == "list_order"


def test_a_candidate_who_declines_passes_the_mandate_to_the_next() -> None:
    result = assign_mandates(LIST, seats=2, declined={"Bolat"})
    assert result.elected == ("Abai", "Dana")
    assert result.passed_over == ("Bolat",)


def test_a_seat_stays_vacant_when_the_list_runs_out() -> None:
    result = assign_mandates(LIST, seats=5, declined={"Erlan"})
    assert result.elected == ("Abai", "Bolat", "Dana")
    assert result.vacant == 2


def test_a_recorded_party_decision_orders_the_mandates_and_is_cited_with_its_date() -> None:
    decision = PartyDecision(date(2023, 3, 28), ("Erlan", "Abai", "Dana"), "Political Council")
    result = assign_mandates(LIST, seats=2, decision=decision, declined={"Abai"})
    assert result.elected == ("Erlan", "Dana")
    assert result.basis == "party_decision of 2023-03-28"


def test_a_party_decision_naming_someone_off_the_list_is_rejected() -> None:
    with pytest.raises(MandateError):
        assign_mandates(LIST, seats=1, decision=PartyDecision(date(2023, 3, 28), ("Zhan",)))


def test_zero_seats_give_no_mandate() -> None:
    assert assign_mandates(LIST, seats=0).elected == ()


def test_bad_mandate_input_is_rejected() -> None:
    with pytest.raises(MandateError):
        assign_mandates(LIST, seats=-1)
    with pytest.raises(MandateError):
        assign_mandates(["A", "A"], seats=1)
    with pytest.raises(MandateError):
        assign_mandates(LIST, seats=1, declined={"Nobody"})


def test_a_vacancy_goes_to_the_next_candidate_not_yet_holding_or_declining() -> None:
    assert fill_vacancy(LIST, holders={"Abai", "Bolat"}, declined={"Dana"}) == "Erlan"
    assert fill_vacancy(LIST, holders=set(LIST)) is None


def test_the_mazhilis_list_quota_counts_women_youth_and_disability_together() -> None:
    deputies = [
        Deputy("Aigerim", True, date(1975, 1, 1)),
        Deputy("Bolat", False, date(1995, 3, 20)),  # 27 on 19 March 2023
        Deputy("Dauren", False, date(1960, 1, 1), disabled=True),
        Deputy("Erlan", False, date(1960, 1, 1)),
        Deputy("Galym", False, date(1960, 1, 1)),
        Deputy("Marat", False, date(1960, 1, 1)),
        Deputy("Nurlan", False, date(1960, 1, 1)),
        Deputy("Olzhas", False, date(1960, 1, 1)),
        Deputy("Ruslan", False, date(1960, 1, 1)),
        Deputy("Serik", False, date(1960, 1, 1)),
    ]
    check = check_list_quota(deputies, body="mazhilis", election_day=date(2023, 3, 19))
    assert check is not None
    assert (check.counted, check.needed, check.met) == (3, 3, True)
    assert "UNCONFIRMED" in check.unconfirmed
    fewer = check_list_quota(deputies[1:], body="mazhilis", election_day=date(2023, 3, 19))
    assert fewer is not None and not fewer.met


def test_the_list_quota_does_not_bind_maslikhats_or_earlier_elections() -> None:
    deputies = [Deputy("Erlan", False, date(1960, 1, 1))]
    assert check_list_quota(deputies, body="maslikhat", election_day=date(2023, 3, 19)) is None
    assert check_list_quota(deputies, body="mazhilis", election_day=date(2021, 1, 10)) is None
