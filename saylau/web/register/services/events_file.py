"""The registry events file (docs/formats/registry-events.md): its columns, and each row read
and checked on its own (the event's kind, dates in order, a valid IIN, the columns its kind
needs). Whether the events fit the register is :mod:`.events`' part, which applies them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from saylau.errors import InputError
from saylau.web.territory.models import Address

from ..models import Person, RegistryEvent
from .extract import (
    CsvStream,
    Rejection,
    RowError,
    check_lengths,
    field_length,
    parse_date,
    parse_iin_value,
)

EVENT_COLUMNS = ("event_id", "event_date", "kind", "iin")
OPTIONAL_COLUMNS = (
    "death_date",
    "address_id",
    "last_name",
    "first_name",
    "patronymic",
    "citizenship",
)
KINDS = frozenset(RegistryEvent.Kind.values)
#: Every column's limit: the length of the column it is stored in (None: checked otherwise,
#: but never with a control character such as a NUL byte).
EVENT_LIMITS: dict[str, int | None] = {
    "event_id": field_length(RegistryEvent, "event_id"),
    "event_date": 10,
    "kind": field_length(RegistryEvent, "kind"),
    "iin": 12,
    "death_date": 10,
    "address_id": field_length(Address, "address_id"),
    "last_name": field_length(Person, "last_name"),
    "first_name": field_length(Person, "first_name"),
    "patronymic": field_length(Person, "patronymic"),
    "citizenship": 2,
}
#: How many findings the error message spells out (all are in ``findings``).
SHOW = 20


class EventsRejected(InputError):
    """The events file was refused as a whole; ``findings`` names every problem."""

    code = "register_events_rejected"

    def __init__(self, findings: list[Rejection], *, file: str) -> None:
        self.findings = findings
        lines = "; ".join(f.as_text() for f in findings[:SHOW])
        more = f" (and {len(findings) - SHOW} more)" if len(findings) > SHOW else ""
        super().__init__(f"{len(findings)} problem(s), nothing applied: {lines}{more}", file=None)
        self.file = file


@dataclass(frozen=True)
class Event:
    line: int
    event_id: str
    event_date: date
    kind: str
    iin: str
    data: dict[str, str]
    digest: str


def _kind_data(kind: str, values: dict[str, str], event_date: date) -> dict[str, str]:
    """The kind-specific columns, checked; raises RowError naming the column."""
    if kind == "death":
        died = parse_date(values["death_date"], "death_date") or event_date
        return {"death_date": died.isoformat()}
    if kind == "residence_change":
        if not values["address_id"]:
            msg = "a change of residence needs the new address_id"
            raise RowError("address_id", msg, "residence_needs_address")
        return {"address_id": values["address_id"]}
    if kind == "name_change":
        if not values["last_name"] or not values["first_name"]:
            column = "last_name" if not values["last_name"] else "first_name"
            msg = "a change of name needs last_name and first_name"
            raise RowError(column, msg, "name_change_needs_names")
        return {k: values[k] for k in ("last_name", "first_name", "patronymic")}
    if kind in ("citizenship_acquired", "citizenship_lost"):
        code = values["citizenship"] or ("KZ" if kind == "citizenship_acquired" else "")
        if len(code) != 2 or not code.isalpha() or not code.isupper():
            msg = f"{code!r} is not an ISO 3166-1 alpha-2 code"
            raise RowError("citizenship", msg, "not_a_country", value=code)
        if kind == "citizenship_acquired" and code != "KZ":
            raise RowError("citizenship", "citizenship acquired must be KZ", "acquired_not_kz")
        if kind == "citizenship_lost" and code == "KZ":
            msg = "give the new citizenship (not KZ), or XX if none"
            raise RowError("citizenship", msg, "lost_is_kz")
        return {"citizenship": code}
    return {}


def read_events(path: Path, name: str) -> tuple[list[Event], list[Rejection]]:
    events: list[Event] = []
    findings: list[Rejection] = []
    seen: set[str] = set()
    last_date: date | None = None
    stream = CsvStream(path, name, EVENT_COLUMNS, optional=OPTIONAL_COLUMNS)
    for line, values in stream:
        try:
            if isinstance(values, RowError):
                raise values
            row = dict(
                zip((*EVENT_COLUMNS, *OPTIONAL_COLUMNS), (v.strip() for v in values), strict=True)
            )
            check_lengths(EVENT_LIMITS, **row)
            event_id = row["event_id"]
            if not event_id:
                raise RowError("event_id", "the event id is empty", "event_id_empty")
            if event_id in seen:
                msg = f"event {event_id} is listed twice"
                raise RowError("event_id", msg, "event_listed_twice", event=event_id)
            seen.add(event_id)
            event_date = parse_date(row["event_date"], "event_date", required=True)
            assert event_date is not None  # noqa: S101 - required=True
            if row["kind"] not in KINDS:
                msg = f"unknown kind {row['kind']!r}"
                raise RowError("kind", msg, "unknown_kind", value=row["kind"])
            iin = parse_iin_value(row["iin"])
            if last_date is not None and event_date < last_date:
                raise RowError(
                    "event_date",
                    f"out of order: {event_date} comes after an event of {last_date}",
                    "out_of_order",
                    date=event_date.isoformat(),
                    previous=last_date.isoformat(),
                )
            last_date = event_date
            data = _kind_data(row["kind"], row, event_date)
        except RowError as exc:
            findings.append(exc.at(name, line))
            continue
        digest = hashlib.blake2b(
            repr((event_date.isoformat(), row["kind"], iin, sorted(data.items()))).encode(),
            digest_size=16,
        ).hexdigest()
        events.append(Event(line, event_id, event_date, row["kind"], iin, data, digest))
    return events, findings
