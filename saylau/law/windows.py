"""When each act of an election may be done: its window in the statutory calendar.

A :class:`Window` opens and closes at local wall times computed from the calendar of
:mod:`saylau.law.calendar`, and names the calendar point (``rule``) and the article it comes
from. ``None`` means "no limit on that side by the clock" (recorded facts, such as the sign-off
of the results, close some windows; the web layer checks those).

>>> cal = election_calendar("maslikhat", date(2027, 3, 21))
>>> w = window(cal, "protocol_entry")
>>> w.opens, w.position(datetime(2027, 3, 21, 19, 59)), w.position(datetime(2027, 3, 21, 20))
(datetime.datetime(2027, 3, 21, 20, 0), 'not_yet', 'open')
>>> window(cal, "absentee_certificate").opens
datetime.datetime(2027, 3, 6, 0, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from .calendar import Deadline, election_calendar, note_in
from .errors import LawError
from .phases import Moments, wall_time

Position = Literal["not_yet", "open", "closed"]

#: Every act with a window, and its name in en, ru and kk.
ACTIVITY_TEXT: dict[str, dict[str, str]] = {
    "protocol_entry": {
        "en": "entering a precinct protocol",
        "ru": "ввод протокола участковой комиссии",
        "kk": "учаскелік комиссия хаттамасын енгізу",
    },
    "tabulation": {
        "en": "tabulation and the distribution of mandates",
        "ru": "сведение итогов и распределение мандатов",
        "kk": "қорытындыларды жинақтау және мандаттарды бөлу",
    },
    "sign_off": {
        "en": "signing the results",
        "ru": "подписание итогов",
        "kk": "қорытындыларға қол қою",
    },
    "publish_preliminary": {
        "en": "publishing the preliminary results",
        "ru": "опубликование предварительных итогов",
        "kk": "алдын ала қорытындыларды жариялау",
    },
    "publish": {
        "en": "publishing the results",
        "ru": "опубликование итогов",
        "kk": "қорытындыларды жариялау",
    },
    "absentee_certificate": {
        "en": "issuing an absentee certificate",
        "ru": "выдача открепительного удостоверения",
        "kk": "сырттай дауыс беру куәлігін беру",
    },
    "home_voting_request": {
        "en": "an application to vote outside the premises",
        "ru": "заявление о голосовании вне помещения",
        "kk": "үй-жайдан тыс дауыс беру туралы өтініш",
    },
    "list_review": {
        "en": "public review of the voter lists",
        "ru": "ознакомление со списками избирателей",
        "kk": "сайлаушылар тізімдерімен танысу",
    },
    "list_recompile": {
        "en": "compiling the voter lists",
        "ru": "составление списков избирателей",
        "kk": "сайлаушылар тізімдерін жасау",
    },
}


class UnknownActivity(LawError):
    code = "window_unknown_activity"


class OutsideWindowError(LawError):
    """An act outside its window; ``code`` is ``outside_window.not_yet`` or
    ``outside_window.closed`` (the web layer's ``OutsideWindow`` carries the same codes)."""

    def __init__(self, window: Window, position: Position) -> None:
        self.window = window
        self.position = position
        self.code = f"outside_window.{position}"
        if position == "not_yet" and window.opens is not None:
            when = f"possible from {window.opens:%d.%m.%Y %H:%M}"
        else:
            when = f"possible until {window.closes:%d.%m.%Y %H:%M}" if window.closes else "closed"
        what = window.describe("en")
        super().__init__(f"{what[:1].upper()}{what[1:]} is {when} ({window.article}).")


@dataclass(frozen=True)
class Window:
    """When ``activity`` may be done: from ``opens`` (inclusive) to ``closes`` (exclusive)."""

    activity: str
    opens: datetime | None
    closes: datetime | None
    rule: str
    article: str
    unconfirmed: str | None = None
    #: ``closes`` is the last moment still inside (a "no later than" time), not the first out.
    closes_inclusive: bool = False

    def unconfirmed_in(self, lang: str = "ru") -> str | None:
        """:attr:`unconfirmed` in ``ru`` or ``kk`` (the note of the deadline ``rule``); for the
        CEC's legal-basis page only."""
        return note_in(self.rule, "unconfirmed", lang, self.unconfirmed)

    def position(self, now: datetime) -> Position:
        """Whether ``now`` (local wall time) is before, inside or after the window."""
        t = wall_time(now)
        if self.opens is not None and t < self.opens:
            return "not_yet"
        if self.closes is not None and (
            t > self.closes if self.closes_inclusive else t >= self.closes
        ):
            return "closed"
        return "open"

    def require(self, now: datetime) -> None:
        """Raise :class:`OutsideWindowError` unless ``now`` is inside.

        >>> election_window("maslikhat", date(2027, 3, 21), "protocol_entry").require(
        ...     datetime(2027, 3, 21, 19, 59))
        Traceback (most recent call last):
        ...
        saylau.law.windows.OutsideWindowError: Entering a precinct protocol is possible from 21.03.2027 20:00 (election law Art. 43).
        """
        position = self.position(now)
        if position != "open":
            raise OutsideWindowError(self, position)

    def describe(self, lang: str = "en") -> str:
        """The act in ``en``, ``ru`` or ``kk``.

        >>> window(election_calendar("mazhilis", date(2023, 3, 19)), "list_review").describe("ru")
        'ознакомление со списками избирателей'
        """
        texts = ACTIVITY_TEXT[self.activity]
        return texts.get(lang, texts["en"])


def _at(d: Deadline) -> datetime:
    return datetime.combine(d.on, d.at or time(0))


def window(calendar: Sequence[Deadline], activity: str, *, special: bool = False) -> Window:
    """The window of ``activity`` in ``calendar`` (``special``: a special precinct's lists).

    * ``protocol_entry``, ``tabulation``, ``sign_off``, ``publish``: from the end of voting,
      when the count begins (Art. 43; Art. 94; Art. 44 p. 4); the results' sign-off closes them
      (a recorded fact, not a date);
    * ``publish_preliminary``: the preliminary results of the protocols counted, from the end
      of voting (Art. 43, Art. 94); the sign-off closes it (the official results follow);
    * ``absentee_certificate``: from the public review of the lists to the eve of election day
      (CEC resolution No. 161/306; the first day is UNCONFIRMED, see the calendar);
    * ``home_voting_request``: from the hand-over of the lists to 12 hours before election day
      (Art. 41 p. 6, older text; UNCONFIRMED);
    * ``list_review``: from the public review (special precincts: 5 days before) to the end of
      voting (Art. 26 p. 1);
    * ``list_recompile``: until election day begins (the lists in the precincts are final on
      the day; Art. 26).

    >>> cal = election_calendar("mazhilis", date(2023, 3, 19))
    >>> w = window(cal, "home_voting_request")
    >>> w.closes, w.unconfirmed is not None
    (datetime.datetime(2023, 3, 18, 12, 0), True)
    >>> window(cal, "list_review", special=True).opens
    datetime.datetime(2023, 3, 14, 0, 0)
    >>> window(cal, "publish_preliminary").opens
    datetime.datetime(2023, 3, 19, 20, 0)
    """
    m = Moments.of(calendar)
    by_code = {d.code: d for d in calendar}
    day_start = datetime.combine(m.day, time(0))
    count = by_code["count_starts"]
    if activity in ("protocol_entry", "tabulation", "sign_off", "publish_preliminary", "publish"):
        article = {
            "protocol_entry": count.article,
            "tabulation": "election law Art. 43, Art. 94",
            "publish_preliminary": "election law Art. 43, Art. 94",
            "sign_off": "election law Art. 94",
            "publish": "election law Art. 44 p. 4",
        }[activity]
        return Window(activity, m.count_from, None, count.code, article)
    if activity == "absentee_certificate":
        d = by_code["absentee_issue_from"]
        return Window(activity, _at(d), day_start, d.code, d.article, d.unconfirmed)
    if activity == "home_voting_request":
        d = by_code["outside_voting_applications"]
        opens, closes = m.lists_from, _at(d)
        return Window(activity, opens, closes, d.code, d.article, d.unconfirmed, True)
    if activity == "list_review":
        d = by_code["public_review_special" if special else "public_review"]
        return Window(activity, _at(d), m.count_from, d.code, d.article, d.unconfirmed)
    if activity == "list_recompile":
        return Window(activity, None, day_start, "polls_open", "election law Art. 26")
    msg = f"unknown activity {activity!r} (known: {', '.join(ACTIVITY_TEXT)})"
    raise UnknownActivity(msg)


def windows(calendar: Sequence[Deadline]) -> list[Window]:
    """Every window of ``calendar``, in the order of :data:`ACTIVITY_TEXT`."""
    return [window(calendar, a) for a in ACTIVITY_TEXT]


def election_window(body: str, election_day: date, activity: str) -> Window:
    """:func:`window` for an election of ``body`` on ``election_day``.

    >>> election_window("maslikhat", date(2027, 3, 21), "list_recompile").closes
    datetime.datetime(2027, 3, 21, 0, 0)
    """
    return window(election_calendar(body, election_day), activity)
