"""Every phase boundary of an election, just before and just after (law-notes sections 3, 4)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from saylau.law.calendar import election_calendar
from saylau.law.phases import PHASES, Facts, phase_of, phase_text
from saylau.law.windows import ACTIVITY_TEXT, UnknownActivity, window, windows

DAY = date(2027, 3, 21)
CAL = election_calendar("maslikhat", DAY)
MAZHILIS = election_calendar("mazhilis", DAY)
JUST = timedelta(minutes=1)
REGISTERED = Facts(lists_registered=True)

#: (the moment a phase begins, the phase before it, the phase it begins)
CLOCK_BOUNDARIES = [
    (datetime(2027, 3, 1, 0, 0), "registration", "lists"),  # lists handed over, 20 days before
    (datetime(2027, 3, 21, 7, 0), "lists", "voting"),  # polls open (Art. 40)
    (datetime(2027, 3, 21, 20, 0), "voting", "count"),  # polls close, the count starts (Art. 43)
    (datetime(2027, 3, 22, 8, 0), "count", "tabulation"),  # at most 12 hours of count
]


@pytest.mark.parametrize(("moment", "before", "after"), CLOCK_BOUNDARIES)
def test_each_clock_boundary_belongs_to_the_phase_it_opens(
    moment: datetime, before: str, after: str
) -> None:
    assert phase_of(CAL, moment - JUST, REGISTERED).phase == before
    assert phase_of(CAL, moment, REGISTERED).phase == after


def test_an_election_is_called_until_its_first_list_is_registered() -> None:
    early = datetime(2027, 1, 10)
    assert phase_of(CAL, early, Facts()).phase == "called"
    assert phase_of(CAL, early, REGISTERED).phase == "registration"
    assert phase_of(CAL, early, REGISTERED).next_from == datetime(2027, 3, 1)


@pytest.mark.parametrize(
    ("facts", "phase", "following"),
    [
        (Facts(preliminary_published=True), "preliminary", "signed"),
        (Facts(preliminary_published=True, signed=True), "signed", "published"),
        (Facts(signed=True, published=True), "published", "mandates"),
        (Facts(signed=True, published=True, mandates_registered=True), "mandates", None),
    ],
)
def test_the_phases_after_the_count_follow_the_recorded_facts(
    facts: Facts, phase: str, following: str | None
) -> None:
    state = phase_of(CAL, datetime(2027, 3, 23), facts)
    assert (state.phase, state.next) == (phase, following)


def test_recorded_facts_count_only_once_voting_has_ended() -> None:
    signed = Facts(lists_registered=True, signed=True, published=True)
    assert phase_of(CAL, datetime(2027, 3, 21, 19, 59), signed).phase == "voting"
    assert phase_of(CAL, datetime(2027, 3, 21, 20, 0), signed).phase == "published"


def test_the_next_deadline_is_the_publication_with_its_article() -> None:
    state = phase_of(MAZHILIS, datetime(2027, 3, 23), Facts(signed=True))
    assert state.next_by == date(2027, 3, 31) and "44" in state.next_by_article
    maslikhat = phase_of(CAL, datetime(2027, 3, 23), Facts(signed=True))
    assert maslikhat.next_by == date(2027, 3, 28)


def test_an_aware_moment_is_read_on_its_own_wall_clock() -> None:
    from zoneinfo import ZoneInfo

    almaty = datetime(2027, 3, 21, 20, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    assert phase_of(CAL, almaty, REGISTERED).phase == "count"


def test_every_phase_is_named_in_three_languages() -> None:
    for code in PHASES:
        assert len({phase_text(code, lang) for lang in ("en", "ru", "kk")}) == 3, code


#: (activity, the first moment inside, the first moment outside after it)
WINDOW_BOUNDARIES = [
    ("protocol_entry", datetime(2027, 3, 21, 20, 0), None),
    ("tabulation", datetime(2027, 3, 21, 20, 0), None),
    ("sign_off", datetime(2027, 3, 21, 20, 0), None),
    ("publish", datetime(2027, 3, 21, 20, 0), None),
    ("absentee_certificate", datetime(2027, 3, 6), datetime(2027, 3, 21)),
    ("home_voting_request", datetime(2027, 3, 1), datetime(2027, 3, 20, 12, 0) + JUST),
    ("list_review", datetime(2027, 3, 6), datetime(2027, 3, 21, 20, 0)),
]


@pytest.mark.parametrize(("activity", "opens", "closed"), WINDOW_BOUNDARIES)
def test_each_window_opens_and_closes_on_its_minute(
    activity: str, opens: datetime, closed: datetime | None
) -> None:
    w = window(CAL, activity)
    assert w.position(opens - JUST) == "not_yet"
    assert w.position(opens) == "open"
    if closed is not None:
        assert w.position(closed - JUST) == "open"
        assert w.position(closed) == "closed"
    assert w.article


def test_lists_are_compiled_until_voting_day_begins() -> None:
    w = window(CAL, "list_recompile")
    assert w.position(datetime(2027, 3, 20, 23, 59)) == "open"
    assert w.position(datetime(2027, 3, 21, 0, 0)) == "closed"


def test_a_special_precincts_lists_open_for_review_five_days_before() -> None:
    w = window(CAL, "list_review", special=True)
    assert w.position(datetime(2027, 3, 15, 23, 59)) == "not_yet"
    assert w.position(datetime(2027, 3, 16)) == "open"


def test_unconfirmed_windows_say_so_and_an_unknown_act_is_an_error() -> None:
    assert window(CAL, "home_voting_request").unconfirmed
    assert window(CAL, "absentee_certificate").unconfirmed
    assert window(CAL, "protocol_entry").unconfirmed is None
    assert [w.activity for w in windows(CAL)] == list(ACTIVITY_TEXT)
    with pytest.raises(UnknownActivity):
        window(CAL, "vote_twice")
