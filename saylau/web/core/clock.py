"""One clock for the whole application, in Kazakhstan's local time.

Every rule that depends on the date (an election's phase, a statutory window, whether a
training session has taken place) asks this module for "now" and "today", never
``timezone.now()`` or ``date.today()`` directly, so that:

* dates are Kazakhstan's local dates (``settings.TIME_ZONE``, the tz database's
  ``Asia/Almaty``), not UTC: a protocol signed at 00:30 local time on election night belongs to
  the next day, as it does on paper;
* the demo and the tests can run "as of" a given moment. ``SAYLAU_AS_OF`` (settings) starts
  the clock at that moment when the process starts and lets it run on; tests freeze it with
  :func:`travel`.

>>> from datetime import datetime
>>> with travel(datetime(2027, 3, 1, 20, 5)):
...     today().isoformat(), now().strftime("%H:%M %Z")
('2027-03-01', '20:05 +05')
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_frozen = threading.local()


def local_zone() -> ZoneInfo:
    """Kazakhstan's time zone as the settings name it (``Asia/Almaty``)."""
    return ZoneInfo(settings.TIME_ZONE)


@cache
def _as_of_offset(as_of: str) -> timedelta:
    """How far the configured "as of" moment is from the real time at the first call."""
    start = datetime.fromisoformat(as_of)
    if start.tzinfo is None:
        start = start.replace(tzinfo=local_zone())
    return start - timezone.now()


def now() -> datetime:
    """The current moment, aware, in local time."""
    frozen: datetime | None = getattr(_frozen, "moment", None)
    if frozen is not None:
        return frozen
    as_of = getattr(settings, "SAYLAU_AS_OF", None)
    offset = _as_of_offset(as_of) if as_of else timedelta(0)
    return (timezone.now() + offset).astimezone(local_zone())


def today() -> date:
    """Today's date in Kazakhstan."""
    return now().date()


def localtime(moment: datetime) -> datetime:
    """``moment`` (aware, as stored) in local time, for pages, PDFs and exports."""
    return moment.astimezone(local_zone())


@contextlib.contextmanager
def travel(moment: datetime | date) -> Iterator[None]:
    """Freeze this thread's clock at ``moment`` (naive: local time; a date: its noon).

    For tests and for the demo loader, which lays out a whole election under its calendar.
    """
    if isinstance(moment, datetime):
        frozen = moment if moment.tzinfo else moment.replace(tzinfo=local_zone())
    else:
        frozen = datetime(moment.year, moment.month, moment.day, 12, tzinfo=local_zone())
    previous = getattr(_frozen, "moment", None)
    _frozen.moment = frozen.astimezone(local_zone())
    try:
        yield
    finally:
        _frozen.moment = previous
