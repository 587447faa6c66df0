"""Anomaly screening of precinct results: each test on a small election a reader can check."""

from __future__ import annotations

import random

from saylau.lists.anomalies import (
    NOT_PROOF,
    PrecinctFigures,
    explain,
    last_digit_p,
    screen,
)


def _honest(n: int = 30, seed: int = 1) -> list[PrecinctFigures]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        voters = rng.randint(900, 1100)
        ballots = round(voters * rng.uniform(0.58, 0.62))
        valid = ballots - rng.randint(8, 14)
        lead = round(valid * rng.uniform(0.49, 0.51))
        rows.append(
            PrecinctFigures(
                precinct=str(i),
                group="d1",
                voters=voters,
                ballots=ballots,
                valid=valid,
                votes={"A": lead, "B": valid - lead},
                outside=round(ballots * 0.03),
                hours_after_close=1.5,
            )
        )
    return rows


def test_an_honest_election_raises_no_flag() -> None:
    assert screen(_honest()).flags == []


def test_ballots_stuffed_for_the_leader_are_flagged_with_the_leader_named() -> None:
    rows = _honest()
    r = rows[5]
    added = r.voters // 5  # 20 percentage points of turnout
    votes = {"A": r.votes["A"] + added, "B": r.votes["B"]}
    rows[5] = PrecinctFigures(
        r.precinct, r.group, r.voters, r.ballots + added, r.valid + added, votes
    )
    result = screen(rows)
    assert result.leader == "A"
    assert {f.code for f in result.flags if f.precinct == "5"} >= {"leader_per_voter"}
    assert result.flagged() == {"5"}


def test_round_figures_home_voting_and_a_late_entry_are_each_flagged() -> None:
    rows = _honest()
    r = rows[0]
    valid, lead = round(r.valid, -1), round(r.votes["A"], -1)
    votes = {"A": lead, "B": valid - lead}
    rows[0] = PrecinctFigures(r.precinct, r.group, r.voters, valid + 10, valid, votes)
    r = rows[1]
    rows[1] = PrecinctFigures(
        r.precinct, r.group, r.voters, r.ballots, r.valid, r.votes, outside=r.ballots // 3
    )
    r = rows[2]
    rows[2] = PrecinctFigures(
        r.precinct, r.group, r.voters, r.ballots, r.valid, r.votes, hours_after_close=20
    )
    codes = {(f.precinct, f.code) for f in screen(rows).flags}
    assert codes == {("0", "round_numbers"), ("1", "home_voting"), ("2", "late_entry")}


def test_invented_last_digits_flag_the_district_and_uniform_ones_do_not() -> None:
    rng = random.Random(3)
    assert last_digit_p([rng.randint(100, 999) for _ in range(400)]) > 0.001
    assert last_digit_p([100 + 7 * rng.randint(0, 100) // 7 * 5 for _ in range(400)]) < 0.001


def test_every_explanation_says_a_flag_is_not_proof_in_three_languages() -> None:
    for code in ("leader_per_voter", "turnout_and_share", "round_numbers", "last_digit"):
        for lang in ("en", "ru", "kk"):
            assert explain(code, lang).endswith(NOT_PROOF[lang])
    assert "not proof" in explain("late_entry", "en")
