"""saylau's own, configurable rules for commission training.

The law notes (section 8) confirm the cascade (CEC -> regional -> territorial -> precinct
commissions) and an entry test at each level, but not the details below. They are saylau's
defaults, overridable in settings as ``SAYLAU_TRAINING = {"pass_mark_percent": 80, ...}``:

* ``pass_mark_percent`` - share of correct answers needed to pass a test. UNCONFIRMED: no
  published pass mark was found.
* ``certificate_valid_days`` - how long a member's training certificate stays valid.
  UNCONFIRMED.
* ``trainer_certification_required`` - whether a session's trainer needs a valid trainer
  certificate. UNCONFIRMED: the sources speak of a "trainer corps" (egemen.kz 2017), not of a
  certification scheme; the certificate is saylau's own scheme and can be switched off.
* ``training_deadline_anchor`` and ``training_deadline_days`` - by when a sitting member must
  hold valid training. ``saylau.law.calendar.election_calendar`` has no deadline for
  commission training, so, in this order: the calendar's ``commission_training`` date if it
  ever gains one; else the calendar date named by ``training_deadline_anchor`` (default
  ``lists_to_precincts``: the day the voter lists are handed to the precinct commissions,
  election law Art. 26, 20 days before election day, from which the precinct commissions
  work with voters); else ``election.day - training_deadline_days``. Using that calendar date
  as the training deadline is saylau's choice: UNCONFIRMED and configurable (set the anchor
  to ``None`` for a plain number of days).
* ``questions_per_test``, ``test_minutes``, ``exercise_pass_percent`` - saylau's own design of
  the tests and the election-day exercise (not rules of law).
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, fields, replace
from typing import Any

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class TrainingRules:
    pass_mark_percent: int = 70
    certificate_valid_days: int = 730
    trainer_certification_required: bool = True
    training_deadline_anchor: str | None = "lists_to_precincts"
    training_deadline_days: int = 10
    #: saylau's own test design (not law): questions in one attempt and minutes to answer
    #: them in the browser; a paper sheet typed in later has no time limit.
    questions_per_test: int = 20
    test_minutes: int = 40
    #: share of the exercise's protocol lines to get right to pass it (saylau's own choice)
    exercise_pass_percent: int = 100

    def passes(self, score: int, max_score: int) -> bool:
        """Integer arithmetic: ``score / max_score >= pass_mark_percent / 100``."""
        return max_score > 0 and score * 100 >= self.pass_mark_percent * max_score


def training_rules() -> TrainingRules:
    overrides: dict[str, Any] = dict(getattr(settings, "SAYLAU_TRAINING", {}) or {})
    known = {f.name for f in fields(TrainingRules)}
    return replace(TrainingRules(), **{k: v for k, v in overrides.items() if k in known})


#: The code a training deadline would carry in ``saylau.law.calendar.election_calendar``.
CALENDAR_CODE = "commission_training"


@dataclass(frozen=True)
class TrainingDeadline:
    """The deadline and where it comes from: ``basis`` is ``calendar`` (the calendar's own
    training deadline), ``anchor`` (the configured calendar date) or ``days``."""

    day: dt.date
    basis: str
    code: str = ""
    article: str = ""
    what: str = ""


def training_deadline_rule(
    election_day: dt.date, body: str | None = None, rules: TrainingRules | None = None
) -> TrainingDeadline:
    """The day by which every sitting member should hold valid training for this election,
    and its basis (see the module docstring for the order)."""
    rules = rules or training_rules()
    try:
        calendar = importlib.import_module("saylau.law.calendar")
    except ModuleNotFoundError:
        calendar = None
    build = getattr(calendar, "election_calendar", None)
    if callable(build) and body is not None:
        dates = {getattr(d, "code", None): d for d in build(body, election_day)}
        for code, basis in (
            (CALENDAR_CODE, "calendar"),
            (rules.training_deadline_anchor, "anchor"),
        ):
            found = dates.get(code) if code else None
            if found is not None:
                lang = (get_language() or "ru")[:2]
                describe = getattr(found, "describe", None)
                what = describe(lang) if callable(describe) and lang != "en" else found.what
                return TrainingDeadline(found.on, basis, str(code), found.article, what)
    return TrainingDeadline(election_day - dt.timedelta(days=rules.training_deadline_days), "days")


def training_deadline(
    election_day: dt.date, body: str | None = None, rules: TrainingRules | None = None
) -> dt.date:
    """The day of :func:`training_deadline_rule`."""
    return training_deadline_rule(election_day, body, rules).day
