"""Registry events (docs/formats/registry-events.md): checked as a whole, then applied in order
in one transaction, each with its history rows and one audit event. An ``event_id`` already
applied is skipped (idempotent); the same id with other content is an error. The file and its
rows are read and checked by :mod:`.events_file`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from saylau.web.accounts.policy import Action, ActorLike, require
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import EventSpec, record_events
from saylau.web.territory.models import Address

from ..models import Person, PersonChange, RegistryEvent
from .events_file import Event, EventsRejected, read_events
from .extract import Rejection


@dataclass
class EventsReport:
    applied: int = 0
    already_applied: int = 0
    persons: set[int] = field(default_factory=set)
    precincts: set[int] = field(default_factory=set)
    lists_recompiled: int = 0

    def summary(self) -> dict[str, int]:
        return {
            "events_applied": self.applied,
            "already_applied": self.already_applied,
            "persons_affected": len(self.persons),
            "precincts_affected": len(self.precincts),
            "lists_recompiled": self.lists_recompiled,
        }


def _chunks(items: list[str], size: int = 900) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def apply_events_file(
    *, path: Path, actor: ActorLike, name: str | None = None, scope: Any = None
) -> EventsReport:
    """Check every event of the file, then apply them all or none (raises :class:`EventsRejected`)."""
    require(actor, Action.REGISTRY_EVENTS_APPLY)
    name = (name or Path(path).name)[-200:]  # an uploaded file's name, as the user gave it
    events, findings = read_events(Path(path), name)
    done: dict[str, str] = {}
    for chunk in _chunks([e.event_id for e in events]):
        done.update(
            RegistryEvent.objects.filter(event_id__in=chunk).values_list("event_id", "digest")
        )
    iins = sorted({e.iin for e in events})
    addresses: dict[str, int] = {}
    #: Where each new address lies: (region, district, precinct) ids, for the scope check.
    places: dict[str, tuple[int | None, int | None, int | None]] = {}
    codes = sorted({e.data["address_id"] for e in events if "address_id" in e.data})
    for chunk in _chunks(codes):
        for code, pk, region_id, district_id, precinct_id in Address.objects.filter(
            address_id__in=chunk
        ).values_list("address_id", "id", "district__region_id", "district_id", "precinct_id"):
            addresses[code] = pk
            places[code] = (region_id, district_id, precinct_id)
    with transaction.atomic():
        persons: dict[str, Person] = {}
        for chunk in _chunks(iins):
            for p in (
                Person.private_objects.select_for_update(of=("self",))
                .select_related("address")
                .filter(iin__in=chunk)
            ):
                persons[p.iin] = p
        todo: list[Event] = []
        report = EventsReport()
        for e in events:
            if e.event_id in done:
                if done[e.event_id] != e.digest:
                    findings.append(
                        Rejection(
                            name,
                            e.line,
                            "event_id",
                            f"event {e.event_id} was applied before with other content",
                            "applied_otherwise",
                            {"event": e.event_id},
                        )
                    )
                else:
                    report.already_applied += 1
                continue
            person = persons.get(e.iin)
            if person is None:
                findings.append(
                    Rejection(
                        name,
                        e.line,
                        "iin",
                        f"no person with IIN {e.iin} in the register",
                        "person_unknown",
                        {"iin": e.iin},
                    )
                )
                continue
            if scope is not None and not _in_scope(scope, person):
                findings.append(
                    Rejection(
                        name,
                        e.line,
                        "iin",
                        f"the person with IIN {e.iin} is outside your scope",
                        "person_outside_scope",
                        {"iin": e.iin},
                    )
                )
                continue
            if person.last_event_date is not None and e.event_date < person.last_event_date:
                findings.append(
                    Rejection(
                        name,
                        e.line,
                        "event_date",
                        f"out of order: the register already has an event of {person.last_event_date} "
                        f"for this person",
                        "older_than_register",
                        {"previous": person.last_event_date.isoformat()},
                    )
                )
                continue
            if "address_id" in e.data and e.data["address_id"] not in addresses:
                findings.append(
                    Rejection(
                        name,
                        e.line,
                        "address_id",
                        f"unknown address {e.data['address_id']}",
                        "address_unknown",
                        {"address": e.data["address_id"]},
                    )
                )
                continue
            if "address_id" in e.data and scope is not None:
                to_region, to_district, to_precinct = places[e.data["address_id"]]
                if not scope.covers(
                    region_id=to_region, district_id=to_district, precinct_id=to_precinct
                ):
                    # Like a death of a foreign person: a move onto another territory's list
                    # is for whoever covers that territory (issue 11, item 2).
                    findings.append(
                        Rejection(
                            name,
                            e.line,
                            "address_id",
                            f"address {e.data['address_id']} is outside your territory",
                            "address_outside_scope",
                            {"address": e.data["address_id"]},
                        )
                    )
                    continue
            todo.append(e)
        if findings:
            findings.sort(key=lambda f: f.line)
            raise EventsRejected(findings, file=name)
        _apply(todo, persons, addresses, actor, name, report)
        report.lists_recompiled = _recompile(report.precincts, actor)
    return report


UPDATE_SQL = (
    "UPDATE register_person SET last_name = %s, first_name = %s, patronymic = %s, "
    "citizenship = %s, address_id = %s, death_date = %s, incapable = %s, imprisoned = %s, "
    "last_event_date = %s, region_id = %s WHERE id = %s"
)


def _apply(
    todo: list[Event],
    persons: dict[str, Person],
    addresses: dict[str, int],
    actor: ActorLike,
    source: str,
    report: EventsReport,
) -> None:
    """Apply in file order: the persons change in memory, then every table is written in bulk
    (events, history, persons) and each event gets its audit entry."""
    ids = {p.address_id for p in persons.values() if p.address_id} | set(addresses.values())
    known = {
        pk: (code, precinct)
        for pk, code, precinct in Address.objects.filter(id__in=ids).values_list(
            "id", "address_id", "precinct_id"
        )
    }
    region_of = dict(Address.objects.filter(id__in=ids).values_list("id", "district__region_id"))
    touched: dict[int, Person] = {}
    applied: list[tuple[Event, RegistryEvent, list[tuple[str, str | None, str | None]]]] = []
    for e in todo:
        p = persons[e.iin]
        current = known.get(p.address_id or 0)
        if current and current[1]:
            report.precincts.add(current[1])
        changes = _changes(e, p, current[0] if current else None)
        for field_name, _old, new in changes:
            if field_name == "address":
                p.address_id = addresses[str(new)]
                # A move into another region (the CEC's events) makes the person that region's.
                p.region_id = region_of.get(p.address_id, p.region_id)
                moved = known.get(p.address_id)
                if moved and moved[1]:
                    report.precincts.add(moved[1])
            else:
                setattr(p, field_name, _typed(field_name, new))
        p.last_event_date = e.event_date
        touched[p.pk] = p
        event = RegistryEvent(
            event_id=e.event_id,
            event_date=e.event_date,
            kind=e.kind,
            person=p,
            data=e.data,
            digest=e.digest,
            source=source,
        )
        applied.append((e, event, changes))
        report.applied += 1
        report.persons.add(p.pk)
    RegistryEvent.objects.bulk_create([a[1] for a in applied], batch_size=2000)
    PersonChange.objects.bulk_create(
        [
            PersonChange(person_id=event.person_id, event=event, field=f, old=o, new=n)
            for _e, event, changes in applied
            for f, o, n in changes
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            UPDATE_SQL,
            [
                (
                    p.last_name,
                    p.first_name,
                    p.patronymic,
                    p.citizenship,
                    p.address_id,
                    p.death_date,
                    p.incapable,
                    p.imprisoned,
                    p.last_event_date,
                    p.region_id,
                    p.pk,
                )
                for p in touched.values()
            ],
        )
    # One audit entry per event, appended to the chain in one batch (one lock, bulk inserts).
    record_events(
        actor=actor,
        events=(
            EventSpec(
                action=AuditAction.of_registry_event(e.kind),
                target_type="register.registryevent",
                target_id=event.pk,
                old={f: o for f, o, _ in changes},
                new={"event_id": e.event_id, "iin": e.iin, **{f: n for f, _, n in changes}},
            )
            for e, event, changes in applied
        ),
    )


def _typed(field_name: str, value: str | None) -> Any:
    if field_name == "death_date":
        return date.fromisoformat(value) if value else None
    if field_name in ("incapable", "imprisoned"):
        return value == "1"
    return value or ""


def _changes(
    e: Event, p: Person, address_code: str | None
) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) as text, only where the value actually changes."""
    wanted: dict[str, str | None] = {}
    if e.kind == "death":
        wanted["death_date"] = e.data["death_date"]
    elif e.kind == "residence_change":
        wanted["address"] = e.data["address_id"]
    elif e.kind == "name_change":
        wanted.update(e.data)
    elif e.kind in ("citizenship_acquired", "citizenship_lost"):
        wanted["citizenship"] = e.data["citizenship"]
    elif e.kind in ("incapacity_declared", "incapacity_lifted"):
        wanted["incapable"] = "1" if e.kind == "incapacity_declared" else "0"
    elif e.kind in ("imprisoned", "released"):
        wanted["imprisoned"] = "1" if e.kind == "imprisoned" else "0"
    current: dict[str, str | None] = {
        "death_date": p.death_date.isoformat() if p.death_date else None,
        "address": address_code,
        "last_name": p.last_name,
        "first_name": p.first_name,
        "patronymic": p.patronymic,
        "citizenship": p.citizenship,
        "incapable": "1" if p.incapable else "0",
        "imprisoned": "1" if p.imprisoned else "0",
    }
    return [(f, current[f], v) for f, v in wanted.items() if current[f] != v]


def _in_scope(scope: Any, person: Person) -> bool:
    address = person.address if person.address_id else None
    return bool(
        scope.covers(
            region_id=person.region_id,
            district_id=address.district_id if address else None,
            precinct_id=address.precinct_id if address else None,
        )
    )


def _recompile(precinct_ids: set[int], actor: ActorLike) -> int:
    """Recompile the lists of only the affected precincts (elections still in preparation)."""
    if not precinct_ids:
        return 0
    from .voter_lists import recompile_affected

    return recompile_affected(precinct_ids=precinct_ids, actor=actor)
