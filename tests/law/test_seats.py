"""Party-list seats: the real published results, the synthetic paths, and the invariants."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.law.seats import (
    RULE_SETS,
    CaseError,
    Numerals,
    UnknownRuleSet,
    allocate,
    load_case,
    render_trace,
    rule_set,
    rules_for,
)
from saylau.law.seats.rules import UNCONFIRMED
from saylau.law.seats.trace import TITLES, UNCONFIRMED_TEXT, decimal_text
from saylau.law.tally import official_trace


def case(parties: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"body": "mazhilis", "date": "2016-03-20", "seats": 10, "parties": parties} | extra


def votes(**named: int) -> list[dict[str, Any]]:
    return [{"name": n, "votes": v} for n, v in named.items()]


def golden_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "golden" / "seats").glob("*.json"))


def test_every_golden_case_is_reproduced_to_the_seat(data_dir: Path) -> None:
    files = golden_files(data_dir)
    assert len(files) >= 5
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        result = allocate(load_case(data, source=path.name))
        expected = {p["name"]: p["expected_seats"] for p in data["parties"]}
        assert result.seats == expected, path.name
        assert result.undecided is None, path.name
        assert sum(result.seats.values()) == data["seats"]


def test_golden_cases_use_the_rule_set_of_their_day(data_dir: Path) -> None:
    chosen = {}
    for path in golden_files(data_dir):
        data = json.loads(path.read_text(encoding="utf-8"))
        chosen[data["id"]] = allocate(load_case(data)).rules.name
    assert chosen["mazhilis_2007"] == "kz-2007"
    assert chosen["mazhilis_2016"] == "kz-2009"
    assert chosen["rudny_city_maslikhat_2021"] == "kz-2021"
    assert chosen["mazhilis_2023_party_list"] == "kz-2023"


def test_astana_2023_last_seat_goes_to_the_20_vote_larger_remainder(data_dir: Path) -> None:
    data = json.loads(
        (data_dir / "golden/seats/astana_city_maslikhat_2023_party_list.json").read_text()
    )
    result = allocate(load_case(data))
    assert result.base == 327228 + 3269
    assert result.quota == Fraction(319680, 17)
    assert result.to_json()["quota"] == "319680/17"


def test_2007_votes_under_the_2009_rule_leave_two_seats_undecided(data_dir: Path) -> None:
    data = json.loads((data_dir / "golden/seats/mazhilis_2007.json").read_text())
    result = allocate(load_case(data), rule_set("kz-2009"))
    assert result.admitted == ("Nur Otan", "Nationwide Social Democratic Party (OSDP)")
    assert result.seats["Nur Otan"] == 93
    assert result.seats["Nationwide Social Democratic Party (OSDP)"] == 3
    assert result.undecided is not None
    assert result.undecided.seats == 2
    assert "UNCONFIRMED" in " ".join(result.to_json()["steps"])


def test_a_party_exactly_at_the_threshold_is_admitted() -> None:
    # 7 of 100 votes: exactly 7 %.
    result = allocate(load_case(case(votes(A=93, B=7))))
    assert result.admitted == ("A", "B")
    assert result.seats["B"] == 1


def test_a_party_one_vote_below_the_threshold_is_not_admitted() -> None:
    result = allocate(load_case(case(votes(A=94, B=7, C=99))))  # 7 / 200 = 3.5 %
    assert "B" not in result.admitted


def test_against_all_counts_in_the_2023_percent_base_and_can_push_a_party_below() -> None:
    # C: 50 of 1000 party votes = 5 % exactly, but with 10 against all 50 / 1010 < 5 %.
    parties = votes(A=500, B=450, C=50)
    without = allocate(load_case(case(parties, date="2023-03-19")))
    with_against = allocate(load_case(case(parties, date="2023-03-19", against_all=10)))
    assert "C" in without.admitted
    assert "C" not in with_against.admitted
    assert with_against.base == 1010


def test_against_all_never_takes_part_in_the_quota() -> None:
    result = allocate(load_case(case(votes(A=600, B=400), date="2023-03-19", against_all=500)))
    assert result.quota == Fraction(1000, 10)


def test_against_all_before_2023_is_ignored_and_said_so() -> None:
    result = allocate(load_case(case(votes(A=600, B=400), against_all=500)))
    assert result.base == 1000
    assert "against_all_not_in_rules" in [s.code for s in result.steps]


def test_equal_remainders_go_to_the_list_registered_first() -> None:
    parties = [
        {"name": "A", "votes": 50, "registration_order": 2},
        {"name": "B", "votes": 25, "registration_order": 3},
        {"name": "C", "votes": 25, "registration_order": 1},
    ]
    result = allocate(load_case(case(parties, seats=2)))
    # quota 50: A 1.0, B .5, C .5 -> one seat by remainder, C registered first.
    assert result.seats == {"A": 1, "B": 0, "C": 1}
    tie = [s for s in result.steps if s.code == "tie_registration_order"]
    assert tie and tie[0].params["winners"] == ("C",)


def test_without_registration_order_the_array_order_settles_a_tie() -> None:
    result = allocate(load_case(case(votes(A=50, B=25, C=25), seats=2)))
    assert result.seats == {"A": 1, "B": 1, "C": 0}


def test_a_tie_the_rule_set_cannot_settle_is_undecided() -> None:
    lot = replace(RULE_SETS["kz-2009"], name="lot", tie_break="undecided")
    result = allocate(load_case(case(votes(A=50, B=25, C=25), seats=2)), lot)
    assert result.undecided is not None
    assert result.undecided.seats == 1
    assert set(result.undecided.between) == {"B", "C"}
    assert result.seats == {"A": 1, "B": 0, "C": 0}


def test_one_party_passing_takes_every_seat_under_the_2007_rule() -> None:
    result = allocate(load_case(case(votes(A=900, B=60, C=40), date="2007-08-18")))
    assert result.seats == {"A": 10, "B": 0, "C": 0}
    assert result.undecided is None


def test_one_party_passing_admits_the_runner_up_under_the_2009_rule() -> None:
    result = allocate(load_case(case(votes(A=900, B=60, C=40))))
    assert result.admitted == ("A", "B")
    # quota 96; A 9.375 -> 9; B 0.625 * 0.7 -> 0; one seat left: UNCONFIRMED -> undecided.
    assert result.seats == {"A": 9, "B": 0, "C": 0}
    assert result.undecided is not None and result.undecided.seats == 1


def test_the_runner_up_remaining_seats_can_be_configured_to_go_by_remainder() -> None:
    configured = replace(
        RULE_SETS["kz-2009"], name="kz-2009-lr", runner_up_remaining="largest_remainder"
    )
    result = allocate(load_case(case(votes(A=900, B=60, C=40))), configured)
    # quota 96: A 9.375 -> 9 (rem .375); B 0.625 * 0.7 = 0.4375 -> 0 (rem .4375) -> B.
    assert result.undecided is None
    assert result.seats == {"A": 9, "B": 1, "C": 0}


def test_the_configured_runner_up_minimum_uses_only_seats_left_after_whole_quotas() -> None:
    configured = replace(RULE_SETS["kz-2009"], name="kz-2009-min2", runner_up_min_seats=2)
    result = allocate(load_case(case(votes(A=900, B=60, C=40))), configured)
    assert result.seats == {"A": 9, "B": 1, "C": 0}
    assert "runner_up_minimum" in [s.code for s in result.steps]


def test_no_party_passing_is_undecided_and_assigns_nothing() -> None:
    parties = votes(**{f"P{i}": 10 for i in range(20)})  # 5 % each, below 7 %
    result = allocate(load_case(case(parties)))
    assert result.undecided is not None
    assert result.undecided.reason == "no_party_passes"
    assert result.undecided.seats == 10
    assert set(result.seats.values()) == {0}


def test_a_runner_up_tie_is_undecided() -> None:
    result = allocate(load_case(case(votes(A=900, B=50, C=50))))
    assert result.undecided is not None
    assert result.undecided.reason == "runner_up_tie"


def test_percent_only_input_allocates_on_the_published_shares() -> None:
    parties = [
        {"name": "Amanat", "percent": "53.90"},
        {"name": "Auyl", "percent": 10.90},
        {"name": "Respublica", "percent": "8.59"},
        {"name": "Ak Zhol", "percent": "8.41"},
        {"name": "People's Party", "percent": "6.80"},
        {"name": "OSDP", "percent": "5.20"},
        {"name": "Baytaq", "percent": "2.30"},
    ]
    result = allocate(
        load_case({"body": "mazhilis", "date": "2023-03-19", "seats": 69, "parties": parties})
    )
    assert result.seats == {
        "Amanat": 40,
        "Auyl": 8,
        "Respublica": 6,
        "Ak Zhol": 6,
        "People's Party": 5,
        "OSDP": 4,
        "Baytaq": 0,
    }
    assert result.base == 100


def pct(**named: str) -> list[dict[str, Any]]:
    return [{"name": n, "percent": v} for n, v in named.items()]


def test_a_printed_share_equal_to_the_threshold_is_undecided_without_votes() -> None:
    # "7.00" may be 6.995 or 7.004: the votes decide, not the rounded figure.
    result = allocate(load_case(case(pct(A="60.00", B="33.00", C="7.00"))))
    assert result.undecided is not None
    assert result.undecided.reason == "percent_rounding_at_threshold"
    assert result.undecided.between == ("C",)


def test_seats_that_rounded_shares_cannot_settle_are_undecided() -> None:
    # 2 seats: A .998, B .502, C .500 of a seat; B's edge over C is within the rounding.
    result = allocate(load_case(case(pct(A="49.9", B="25.1", C="25.0"), seats=2)))
    assert result.seats == {"A": 1, "B": 0, "C": 0}
    assert result.undecided is not None
    assert result.undecided.reason == "percent_rounding_at_last_seat"
    assert set(result.undecided.between) == {"B", "C"}


def test_the_same_shares_with_votes_are_decided() -> None:
    result = allocate(load_case(case(votes(A=499, B=251, C=250), seats=2)))
    assert result.seats == {"A": 1, "B": 1, "C": 0}
    assert result.undecided is None


@pytest.mark.parametrize(
    ("body", "day", "name"),
    [
        ("mazhilis", date(2004, 9, 19), "kz-2004"),
        ("mazhilis", date(2007, 8, 18), "kz-2007"),
        ("mazhilis", date(2012, 1, 15), "kz-2009"),
        ("mazhilis", date(2021, 1, 10), "kz-2009"),
        ("maslikhat", date(2021, 1, 10), "kz-2021"),
        ("maslikhat", date(2023, 3, 19), "kz-2023"),
        ("mazhilis", date(2023, 3, 19), "kz-2023"),
    ],
)
def test_the_rule_set_is_chosen_by_body_and_day(body: str, day: date, name: str) -> None:
    assert rules_for(body, day).name == name


def test_a_day_before_any_rule_set_or_an_unknown_body_is_an_error() -> None:
    with pytest.raises(UnknownRuleSet):
        rules_for("mazhilis", date(1999, 10, 10))
    with pytest.raises(UnknownRuleSet):
        rules_for("senate", date(2023, 3, 19))
    with pytest.raises(UnknownRuleSet):
        rule_set("kz-1995")


def test_every_rule_set_names_what_is_unconfirmed() -> None:
    for rules in RULE_SETS.values():
        assert rules.unconfirmed
        assert "no_party_passes" in rules.unconfirmed
        assert all(code in UNCONFIRMED for code in rules.unconfirmed)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_unconfirmed_point_and_rule_title_is_translated(lang: str) -> None:
    assert set(UNCONFIRMED_TEXT) == set(UNCONFIRMED)
    assert all(lang in texts for texts in UNCONFIRMED_TEXT.values())
    assert set(TITLES) == set(RULE_SETS)


def test_the_trace_of_a_2023_case_names_the_unconfirmed_percent_base_in_russian() -> None:
    result = allocate(load_case(case(votes(A=600, B=400), date="2023-03-19")))
    text = render_trace(result, "ru")
    assert "НЕ ПОДТВЕРЖДЕНО" in text
    assert "Мажилис и маслихаты с 2023" in text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"body": "senate"}, "body"),
        ({"date": "19.03.2023"}, "date"),
        ({"seats": 0}, "seats"),
        ({"seats": "10"}, "seats"),
        ({"against_all": -1}, "against_all"),
        ({"parties": []}, "parties"),
        ({"parties": [{"name": "A", "votes": 1.5}]}, "parties[0].votes"),
        ({"parties": [{"name": "A"}]}, "parties[0].votes"),
        ({"parties": [{"votes": 3}]}, "parties[0].name"),
        ({"parties": votes(A=1) + [{"name": "A", "votes": 2}]}, "parties[1].name"),
        ({"parties": votes(A=1) + [{"name": "B", "percent": "2"}]}, "parties[1].votes"),
        ({"parties": [{"name": "A", "percent": "abc"}]}, "parties[0].percent"),
        ({"parties": [{"name": "A", "percent": 101}]}, "parties[0].percent"),
        (
            {
                "parties": [
                    {"name": "A", "votes": 1, "registration_order": 1},
                    {"name": "B", "votes": 1, "registration_order": 1},
                ]
            },
            "parties[1].registration_order",
        ),
    ],
)
def test_a_bad_case_names_its_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseError) as exc:
        load_case(case(votes(A=1)) | change, source="c.json")
    assert exc.value.field == field
    assert exc.value.exit_status == 2
    assert "c.json" in str(exc.value)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_the_trace_renders_in_every_language(data_dir: Path, lang: str) -> None:
    for path in golden_files(data_dir):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = render_trace(allocate(load_case(data)), lang)
        assert "{" not in text
        assert data["parties"][0]["name"] in text


def test_the_russian_trace_names_the_quota_and_the_remainder_seats() -> None:
    text = render_trace(allocate(load_case(case(votes(A=60, B=25, C=15), seats=4))), "ru")
    assert "Избирательная квота" in text
    assert "оставшийся мандат" in text


#: How Kazakh and Russian write numbers (saylau.web.core.formats passes the same).
COMMA = Numerals(thousands="\xa0", point=",", percent="\xa0")


def test_the_trace_writes_its_numbers_as_the_given_numerals_say() -> None:
    # 1,700 votes for 3 seats: the quota 1700/3 is not whole; A's share is 58.82 %.
    result = allocate(load_case(case(votes(A=1000, B=700), seats=3)))
    text = render_trace(result, "ru", numerals=COMMA)
    assert "1\xa0700/3 ≈ 566,6667" in text
    assert "голосов — 1\xa0000, 58,82\xa0% ≥ 7,00\xa0%" in text
    assert "остаток 13/17 ≈ 0,7647" in text
    assert "566.6667" not in text and "58.82" not in text


def test_without_numerals_the_trace_keeps_plain_digits_and_a_decimal_point() -> None:
    text = render_trace(allocate(load_case(case(votes(A=1000, B=700), seats=3))), "en")
    assert "1700/3 ≈ 566.6667" in text
    assert "A: 1000 votes, 58.82 % ≥ 7.00 %: admitted." in text


def test_the_official_trace_numbers_its_steps_again_after_leaving_out_the_notes() -> None:
    result = allocate(load_case(case(votes(A=600, B=400), date="2023-03-19")))
    traced = render_trace(result, "ru")
    assert "НЕ ПОДТВЕРЖДЕНО" in traced
    official = official_trace(traced)
    assert "НЕ ПОДТВЕРЖДЕНО" not in official
    numbers = [int(line.split(".")[0]) for line in official.splitlines()[1:]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert official.splitlines()[-1].endswith("Итог: A: 6, B: 4.")


# --- properties ---------------------------------------------------------------------------

party_votes = st.lists(st.integers(0, 10**6), min_size=1, max_size=9)
seat_counts = st.integers(1, 120)
#: Every named rule set and every configuration the UNCONFIRMED points allow.
ALL_RULES = [RULE_SETS[name] for name in sorted(RULE_SETS)] + [
    replace(RULE_SETS["kz-2009"], name="lr", runner_up_remaining="largest_remainder"),
    replace(
        RULE_SETS["kz-2009"],
        name="lr-min2",
        runner_up_remaining="largest_remainder",
        runner_up_min_seats=2,
    ),
    replace(RULE_SETS["kz-2009"], name="min2", runner_up_min_seats=2),
    replace(RULE_SETS["kz-2023"], name="lot", tie_break="undecided"),
]
rule_sets = st.sampled_from(ALL_RULES)


def build(values: list[int], seats: int, against: int = 0) -> dict[str, Any]:
    return case([{"name": f"P{i}", "votes": v} for i, v in enumerate(values)], seats=seats) | {
        "against_all": against
    }


@settings(max_examples=300, deadline=None)
@given(party_votes, seat_counts, rule_sets, st.integers(0, 10**5))
def test_every_seat_is_given_exactly_once_or_declared_undecided(
    values: list[int], seats: int, rules: Any, against: int
) -> None:
    result = allocate(load_case(build(values, seats, against)), rules)
    open_seats = result.undecided.seats if result.undecided else 0
    assert sum(result.seats.values()) + open_seats == seats
    assert set(result.seats) == {f"P{i}" for i in range(len(values))}
    assert all(s >= 0 for s in result.seats.values())


@settings(max_examples=300, deadline=None)
@given(party_votes, seat_counts, rule_sets)
def test_a_party_with_more_votes_never_gets_fewer_seats(
    values: list[int], seats: int, rules: Any
) -> None:
    result = allocate(load_case(build(values, seats)), rules)
    for i, vi in enumerate(values):
        for j, vj in enumerate(values):
            if vi > vj:
                assert result.seats[f"P{i}"] >= result.seats[f"P{j}"]


@settings(max_examples=200, deadline=None)
@given(party_votes, seat_counts, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_input(
    values: list[int], seats: int, rnd: Any
) -> None:
    parties = [
        {"name": f"P{i}", "votes": v, "registration_order": i + 1} for i, v in enumerate(values)
    ]
    shuffled = parties[:]
    rnd.shuffle(shuffled)
    first = allocate(load_case(case(parties, seats=seats)))
    second = allocate(load_case(case(shuffled, seats=seats)))
    assert first.seats == second.seats
    assert first.undecided == second.undecided or (
        first.undecided is not None
        and second.undecided is not None
        and set(first.undecided.between) == set(second.undecided.between)
        and first.undecided.seats == second.undecided.seats
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=2, max_size=8), st.integers(1, 100))
def test_a_decided_percent_only_result_equals_the_result_on_the_true_votes(
    values: list[int], seats: int
) -> None:
    total = sum(values)
    if total == 0:
        return
    printed = [decimal_text(Fraction(100 * v, total), 2) for v in values]
    by_votes = allocate(load_case(build(values, seats)))
    by_percent = allocate(
        load_case(
            case([{"name": f"P{i}", "percent": p} for i, p in enumerate(printed)], seats=seats)
        )
    )
    if by_percent.undecided is None and "runner_up_admitted" not in {
        s.code for s in by_percent.steps
    }:
        assert by_percent.seats == by_votes.seats


def test_the_runner_up_minimum_never_lifts_it_above_the_party_that_passed() -> None:
    configured = replace(
        RULE_SETS["kz-2009"],
        name="kz-2009-min2-lr",
        runner_up_min_seats=2,
        runner_up_remaining="largest_remainder",
    )
    result = allocate(load_case(case(votes(A=189819, B=87, C=2), seats=1)), configured)
    assert result.seats == {"A": 1, "B": 0, "C": 0}
