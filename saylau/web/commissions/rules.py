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
* ``training_deadline_days`` - how many days before election day a sitting member must hold
  valid training. UNCONFIRMED and configurable: ``saylau.law.calendar.election_calendar`` has
  no deadline for commission training, so the deadline is ``election.day -
  training_deadline_days`` unless the calendar gains one with the code ``commission_training``
  (then that date is used).
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, fields, replace
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class TrainingRules:
    pass_mark_percent: int = 70
    certificate_valid_days: int = 730
    trainer_certification_required: bool = True
    training_deadline_days: int = 10

    def passes(self, score: int, max_score: int) -> bool:
        """Integer arithmetic: ``score / max_score >= pass_mark_percent / 100``."""
        return max_score > 0 and score * 100 >= self.pass_mark_percent * max_score


def training_rules() -> TrainingRules:
    overrides: dict[str, Any] = dict(getattr(settings, "SAYLAU_TRAINING", {}) or {})
    known = {f.name for f in fields(TrainingRules)}
    return replace(TrainingRules(), **{k: v for k, v in overrides.items() if k in known})


#: The code a training deadline would carry in ``saylau.law.calendar.election_calendar``.
CALENDAR_CODE = "commission_training"


def training_deadline(
    election_day: dt.date, body: str | None = None, rules: TrainingRules | None = None
) -> dt.date:
    """The day by which every sitting member should hold valid training for this election:
    the law calendar's ``commission_training`` deadline when it has one, else the configured
    number of days before election day."""
    try:
        calendar = importlib.import_module("saylau.law.calendar")
    except ModuleNotFoundError:
        calendar = None
    build = getattr(calendar, "election_calendar", None)
    if callable(build) and body is not None:
        for deadline in build(body, election_day):
            if getattr(deadline, "code", None) == CALENDAR_CODE:
                return deadline.on  # type: ignore[no-any-return]
    rules = rules or training_rules()
    return election_day - dt.timedelta(days=rules.training_deadline_days)
