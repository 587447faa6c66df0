"""The phases of an election, from the statutory calendar, the clock and recorded facts.

An election moves through these phases in this order (law-notes sections 3 and 4):

1. ``called`` - the election is called; no party list or candidate is registered yet;
2. ``registration`` - party lists and candidates are being registered;
3. ``lists`` - the voter lists are compiled and handed to the precinct commissions (20 days
   before voting, Art. 26) and open for public review (15 days before, Art. 26 p. 1);
4. ``voting`` - election day, 07:00-20:00 local time (Art. 40);
5. ``count`` - the count, from the end of voting, at most 12 hours (Art. 43);
6. ``tabulation`` - the precinct protocols are summed up the commissions (Art. 94);
7. ``preliminary`` - preliminary results are published (only when a commission does so);
8. ``signed`` - the commission has signed the results (the protocol of the results);
9. ``published`` - the official results are published (Art. 44 p. 4);
10. ``mandates`` - the mandates are registered.

Phases 1 to 6 follow from the calendar and the clock (phase 2 also from the fact that a list
is registered: the notes hold no date for the start of registration); phases 7 to 10 follow
from recorded facts, and count only once voting has ended: a fact dated before the vote
cannot move an election past it.

``now`` is the local wall time of the election (an aware datetime is read on its own wall
clock), as the calendar's times are.

>>> from datetime import datetime
>>> cal = election_calendar("maslikhat", date(2027, 3, 21))
>>> phase_of(cal, datetime(2027, 3, 21, 19, 59), Facts(lists_registered=True)).phase
'voting'
>>> state = phase_of(cal, datetime(2027, 3, 21, 20, 0), Facts(lists_registered=True))
>>> state.phase, state.next, state.next_from
('count', 'tabulation', datetime.datetime(2027, 3, 22, 8, 0))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .calendar import Deadline, election_calendar
from .errors import LawError

#: The phases in order (their codes are stable: pages, the API and the audit log use them).
PHASES: tuple[str, ...] = (
    "called",
    "registration",
    "lists",
    "voting",
    "count",
    "tabulation",
    "preliminary",
    "signed",
    "published",
    "mandates",
)

#: Voting hours and the longest count (Art. 40, Art. 43).
POLLS_OPEN = time(7, 0)
POLLS_CLOSE = time(20, 0)
COUNT_HOURS = 12

PHASE_TEXT: dict[str, dict[str, str]] = {
    "called": {
        "en": "election called",
        "ru": "выборы назначены",
        "kk": "сайлау тағайындалды",
    },
    "registration": {
        "en": "registration of party lists and candidates",
        "ru": "регистрация партийных списков и кандидатов",
        "kk": "партиялық тізімдер мен кандидаттарды тіркеу",
    },
    "lists": {
        "en": "voter lists compiled and open for review",
        "ru": "списки избирателей составлены и представлены для ознакомления",
        "kk": "сайлаушылар тізімдері жасалды және танысу үшін ұсынылды",
    },
    "voting": {"en": "voting day", "ru": "день голосования", "kk": "дауыс беру күні"},
    "count": {"en": "count of the votes", "ru": "подсчёт голосов", "kk": "дауыстарды санау"},
    "tabulation": {
        "en": "tabulation of the precinct protocols",
        "ru": "сведение протоколов участковых комиссий",
        "kk": "учаскелік комиссиялар хаттамаларын жинақтау",
    },
    "preliminary": {
        "en": "preliminary results published",
        "ru": "предварительные итоги опубликованы",
        "kk": "алдын ала қорытындылар жарияланды",
    },
    "signed": {
        "en": "results signed by the commission",
        "ru": "итоги подписаны комиссией",
        "kk": "қорытындыларға комиссия қол қойды",
    },
    "published": {
        "en": "official results published",
        "ru": "официальные итоги опубликованы",
        "kk": "ресми қорытындылар жарияланды",
    },
    "mandates": {
        "en": "mandates registered",
        "ru": "мандаты зарегистрированы",
        "kk": "мандаттар тіркелді",
    },
}


class PhaseError(LawError):
    code = "phase_calendar"


@dataclass(frozen=True)
class Facts:
    """What has been recorded about an election, as far as its phase depends on it."""

    lists_registered: bool = False
    preliminary_published: bool = False
    signed: bool = False
    published: bool = False
    mandates_registered: bool = False


@dataclass(frozen=True)
class PhaseState:
    """Where an election stands: its ``phase``, the ``next`` phase, and when the next one
    starts by the clock (``next_from``) or must be reached by law (``next_by``, a last day)."""

    phase: str
    next: str | None
    next_from: datetime | None = None
    next_by: date | None = None
    next_by_article: str = ""

    @property
    def index(self) -> int:
        return PHASES.index(self.phase)

    def describe(self, lang: str = "en") -> str:
        """The phase in ``en``, ``ru`` or ``kk``.

        >>> PhaseState("count", "tabulation").describe("kk")
        'дауыстарды санау'
        """
        return phase_text(self.phase, lang)


def phase_text(phase: str, lang: str = "en") -> str:
    """The name of ``phase`` in ``en``, ``ru`` or ``kk`` (English where the language is unknown)."""
    texts = PHASE_TEXT[phase]
    return texts.get(lang, texts["en"])


@dataclass(frozen=True)
class Moments:
    """The clock boundaries of an election, from its calendar."""

    day: date
    lists_from: datetime
    review_from: datetime
    voting_from: datetime
    count_from: datetime
    count_until: datetime

    @classmethod
    def of(cls, calendar: Sequence[Deadline]) -> Moments:
        """The boundaries of ``calendar`` (its ``polls_open`` day and ``lists_to_precincts``).

        >>> m = Moments.of(election_calendar("mazhilis", date(2023, 3, 19)))
        >>> m.lists_from, m.count_until
        (datetime.datetime(2023, 2, 27, 0, 0), datetime.datetime(2023, 3, 20, 8, 0))
        """
        by_code = {d.code: d for d in calendar}
        try:
            day = by_code["polls_open"].on
            lists_on = by_code["lists_to_precincts"].on
            review_on = by_code["public_review"].on
        except KeyError as exc:
            msg = f"the calendar has no {exc.args[0]!r} date"
            raise PhaseError(msg) from exc
        count_from = datetime.combine(day, POLLS_CLOSE)
        return cls(
            day=day,
            lists_from=datetime.combine(lists_on, time(0)),
            review_from=datetime.combine(review_on, time(0)),
            voting_from=datetime.combine(day, POLLS_OPEN),
            count_from=count_from,
            count_until=count_from + timedelta(hours=COUNT_HOURS),
        )


def wall_time(moment: datetime) -> datetime:
    """``moment`` as a naive local wall time (the calendar's own kind of time)."""
    return moment.replace(tzinfo=None)


def _deadline(calendar: Sequence[Deadline], *codes: str) -> Deadline | None:
    return next((d for d in calendar if d.code in codes), None)


def phase_of(calendar: Sequence[Deadline], now: datetime, facts: Facts) -> PhaseState:
    """The phase of the election of ``calendar`` at ``now`` given the recorded ``facts``.

    Each boundary belongs to the phase it opens: at 20:00 on election day voting has ended
    and the count has begun (Art. 40, Art. 43).

    >>> cal = election_calendar("mazhilis", date(2023, 3, 19))
    >>> [phase_of(cal, datetime(2023, 2, 26, 23, 59), Facts(lists_registered=b)).phase
    ...  for b in (False, True)]
    ['called', 'registration']
    >>> phase_of(cal, datetime(2023, 2, 27), Facts()).phase
    'lists'
    >>> phase_of(cal, datetime(2023, 3, 19, 6, 59), Facts()).phase
    'lists'
    >>> phase_of(cal, datetime(2023, 3, 20, 8, 0), Facts()).phase
    'tabulation'
    >>> phase_of(cal, datetime(2023, 3, 1), Facts(signed=True)).phase
    'lists'
    >>> s = phase_of(cal, datetime(2023, 3, 21), Facts(signed=True))
    >>> s.phase, s.next, s.next_by
    ('signed', 'published', datetime.date(2023, 3, 29))
    """
    m = Moments.of(calendar)
    t = wall_time(now)
    published = _deadline(calendar, "results_published", "results_published_maslikhat")
    mandates = _deadline(calendar, "party_mandate_decisions")
    if t >= m.count_from and facts.mandates_registered:
        return PhaseState("mandates", None)
    if t >= m.count_from and facts.published:
        return _by("published", "mandates", mandates)
    if t >= m.count_from and facts.signed:
        return _by("signed", "published", published)
    if t >= m.count_from and facts.preliminary_published:
        return _by("preliminary", "signed", published)
    if t >= m.count_until:
        return _by("tabulation", "signed", published)
    if t >= m.count_from:
        return PhaseState("count", "tabulation", next_from=m.count_until)
    if t >= m.voting_from:
        return PhaseState("voting", "count", next_from=m.count_from)
    if t >= m.lists_from:
        return PhaseState("lists", "voting", next_from=m.voting_from)
    if facts.lists_registered:
        return PhaseState("registration", "lists", next_from=m.lists_from)
    return PhaseState("called", "registration")


def _by(phase: str, following: str, deadline: Deadline | None) -> PhaseState:
    if deadline is None:
        return PhaseState(phase, following)
    return PhaseState(phase, following, next_by=deadline.on, next_by_article=deadline.article)


def election_phase(body: str, election_day: date, now: datetime, facts: Facts) -> PhaseState:
    """:func:`phase_of` for an election of ``body`` on ``election_day``.

    >>> election_phase("maslikhat", date(2027, 3, 21), datetime(2027, 3, 21, 7), Facts()).phase
    'voting'
    """
    return phase_of(election_calendar(body, election_day), now, facts)
