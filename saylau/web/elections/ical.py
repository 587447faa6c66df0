"""The election calendar as iCalendar (RFC 5545) text: one all-day event per deadline (an
event at its hour where the calendar has one), each with its article. No UNCONFIRMED notes:
a feed is read as an official schedule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from saylau.law.calendar import Deadline, election_calendar
from saylau.law.citations import cite

from .models import Election

PRODID = "-//saylau//election calendar//EN"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    return [*out, current]


def _event(election: Election, d: Deadline, lang: str, stamp: str) -> list[str]:
    what = d.what if lang == "en" else d.describe(lang)
    if d.at is not None:
        start = datetime.combine(d.on, d.at)
        when = [
            f"DTSTART;TZID=Asia/Almaty:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Asia/Almaty:{start + timedelta(hours=1):%Y%m%dT%H%M%S}",
        ]
    else:
        when = [
            f"DTSTART;VALUE=DATE:{d.on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d.on + timedelta(days=1):%Y%m%d}",
        ]
    description = " - ".join(x for x in (election.name_in(lang), cite(d.article, lang)) if x)
    return [
        "BEGIN:VEVENT",
        f"UID:saylau-{election.pk}-{d.code}@saylau",
        f"DTSTAMP:{stamp}",
        *when,
        f"SUMMARY:{_escape(what)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
    ]


def calendar_ics(elections: Iterable[Election], *, lang: str, stamp: datetime) -> str:
    """The deadlines of ``elections`` as one iCalendar text (CRLF line ends).

    ``stamp`` is the moment the feed is made (``DTSTAMP``, UTC)."""
    stamp_text = f"{stamp.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for election in elections:
        for d in election_calendar(election.law_body, election.day):
            lines += _event(election, d, lang, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(f"{part}\r\n" for line in lines for part in _fold(line))
