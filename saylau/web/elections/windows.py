"""Every act of an election in its statutory window: the one check the services call.

``require_window(election, activity)`` asks the law layer (:mod:`saylau.law.windows`) when the
act may be done and the one clock (:mod:`saylau.web.core.clock`) what time it is; outside the
window it raises :class:`OutsideWindow`, which names the act, the rule, its article and the
moment the window opens or closed. The web shows it as a page message, the API answers HTTP 409
with its ``code``, the command line exits with status 2 and the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from saylau.errors import SaylauError
from saylau.law.calendar import election_calendar
from saylau.law.citations import cite
from saylau.law.windows import Position, Window, window
from saylau.web.core import clock


class OutsideWindow(SaylauError):
    """An act attempted outside its window. ``code`` is ``outside_window.not_yet`` or
    ``outside_window.closed``; ``activity``, ``rule``, ``article`` and ``opens``/``closes``
    (aware, local time) say which rule and when."""

    http_status = 409
    exit_status = 2
    #: ``message`` is written in the reader's language (core.refusals shows it on pages)
    translated = True
    field: str | None = None
    findings: list[Any] = []  # noqa: RUF012 - read-only, the shape of ResultsError for views

    def __init__(self, *, window: Window, position: Position, election_id: int | None) -> None:
        self.window = window
        self.position = position
        self.election_id = election_id
        self.code = f"outside_window.{position}"
        self.activity = window.activity
        self.rule = window.rule
        self.article = window.article
        self.opens = _aware(window.opens)
        self.closes = _aware(window.closes)
        super().__init__(self.text("en"))

    @property
    def title(self) -> str:
        return str(_("This cannot be done at this stage of the election."))

    @property
    def message(self) -> str:
        return self.text((get_language() or "ru")[:2])

    def text(self, lang: str) -> str:
        """The refusal for people: the act, when it opens (or closed), the rule's article."""
        with translation.override(lang):
            return self._text(lang)

    def _text(self, lang: str) -> str:
        what = self.window.describe(lang)
        what = what[:1].upper() + what[1:]
        # The article as an official looks it up, never the developers' source of the rule.
        article = cite(self.article, lang)
        if self.position == "not_yet" and self.opens is not None:
            when = self.opens.strftime("%d.%m.%Y %H:%M")
            if not article:
                return str(_("%(what)s is possible from %(when)s.") % {"what": what, "when": when})
            return str(
                _("%(what)s is possible from %(when)s (%(article)s).")
                % {"what": what[:1].upper() + what[1:], "when": when, "article": article}
            )
        when = self.closes.strftime("%d.%m.%Y %H:%M") if self.closes else ""
        if not article:
            return str(_("%(what)s was possible until %(when)s.") % {"what": what, "when": when})
        return str(
            _("%(what)s was possible until %(when)s (%(article)s).")
            % {"what": what[:1].upper() + what[1:], "when": when, "article": article}
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "activity": self.activity,
            "rule": self.rule,
            "article": self.article,
            "opens": self.opens.isoformat() if self.opens else None,
            "closes": self.closes.isoformat() if self.closes else None,
            "message": self.message,
        }


def _aware(moment: datetime | None) -> datetime | None:
    """A calendar wall time as an aware local moment."""
    return moment.replace(tzinfo=clock.local_zone()) if moment is not None else None


def window_of(election: Any, activity: str, *, special: bool = False) -> Window:
    """The window of ``activity`` for ``election`` (reads only its ``body`` and ``day``)."""
    body = "mazhilis" if election.body == "mazhilis" else "maslikhat"
    return window(election_calendar(body, election.day), activity, special=special)


def require_window(
    election: Any, activity: str, *, at: datetime | None = None, special: bool = False
) -> Window:
    """Refuse ``activity`` for ``election`` outside its window at ``at`` (default: now).

    ``activity`` is one of :data:`saylau.law.windows.ACTIVITY_TEXT`; ``special`` chooses a
    special precinct's dates where the law has them (list review)."""
    w = window_of(election, activity, special=special)
    moment = clock.localtime(at) if at is not None and at.tzinfo else at or clock.now()
    position = w.position(moment)
    if position != "open":
        raise OutsideWindow(window=w, position=position, election_id=election.pk)
    return w


def is_open(election: Any, activity: str, *, at: datetime | None = None) -> bool:
    """Whether ``activity`` is in its window (for pages that hide what cannot be done)."""
    try:
        require_window(election, activity, at=at)
    except OutsideWindow:
        return False
    return True
