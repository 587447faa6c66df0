"""Applying registry events: in order, idempotent, all or nothing, with history and audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saylau.cli import main
from saylau.web.audit.models import AuditEvent
from saylau.web.audit.services import iter_chain_problems
from saylau.web.register.models import Person, PersonChange, RegistryEvent
from saylau.web.register.services.events import apply_events_file
from saylau.web.register.services.events_file import EventsRejected
from saylau.web.register.services.importing import import_registry

from .builders import Extract, iin, standard_persons

pytestmark = pytest.mark.django_db

HEADER = "event_id,event_date,kind,iin,death_date,address_id,last_name,first_name,patronymic,citizenship\n"


@pytest.fixture
def persons(tmp_path: Path) -> list[str]:
    ps = standard_persons()
    import_registry(directory=Extract(persons=ps).write(tmp_path / "x"), actor="test")
    return [p.iin for p in ps]


def write(tmp_path: Path, rows: list[str], name: str = "ev.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_kind_changes_the_record_with_history_and_an_audit_event(
    tmp_path: Path, persons: list[str]
) -> None:
    a, b, c, d, e, f = persons
    path = write(
        tmp_path,
        [
            f"E1,1900-01-01,death,{a},1899-12-30,,,,,",
            f"E2,1900-01-02,residence_change,{b},,B1,,,,",
            f"E3,1900-01-03,name_change,{c},,,Сейітова,Гүлнұр,Асқарқызы,",
            f"E4,1900-01-04,incapacity_declared,{d},,,,,,",
            f"E5,1900-01-05,imprisoned,{e},,,,,,",
            f"E6,1900-01-06,citizenship_acquired,{f},,,,,,",
            f"E7,1900-01-07,citizenship_lost,{e},,,,,,RU",
        ],
    )
    report = apply_events_file(path=path, actor="test")
    assert report.summary()["events_applied"] == 7
    get = Person.private_objects.get
    assert str(get(iin=a).death_date) == "1899-12-30"
    assert get(iin=b).address.address_id == "B1"  # type: ignore[union-attr]
    assert get(iin=c).full_name == "Сейітова Гүлнұр Асқарқызы"
    assert get(iin=d).incapable and get(iin=e).imprisoned
    assert get(iin=f).citizenship == "KZ" and get(iin=e).citizenship == "RU"
    history = {(ch.event.event_id, ch.field, ch.old, ch.new) for ch in PersonChange.objects.all()}  # type: ignore[union-attr]
    assert ("E2", "address", "A1", "B1") in history
    assert ("E3", "patronymic", "", "Асқарқызы") in history
    assert ("E6", "citizenship", "RU", "KZ") in history
    entries = AuditEvent.objects.filter(action__startswith="register.event.").order_by("seq")
    assert [(x.new or {}).get("event_id") for x in entries] == [f"E{i}" for i in range(1, 8)]
    assert entries[2].target_id == str(RegistryEvent.objects.get(event_id="E3").pk)
    assert list(iter_chain_problems()) == []  # appended in one batch, still one unbroken chain


def test_an_event_applied_twice_counts_once(tmp_path: Path, persons: list[str]) -> None:
    path = write(tmp_path, [f"E1,1900-01-01,death,{persons[0]},,,,,,"])
    apply_events_file(path=path, actor="test")
    again = apply_events_file(path=path, actor="test")
    assert again.summary()["events_applied"] == 0 and again.already_applied == 1
    assert RegistryEvent.objects.count() == 1
    assert PersonChange.objects.count() == 1


def test_a_bad_file_is_refused_whole_with_every_problem_named(
    tmp_path: Path, persons: list[str]
) -> None:
    path = write(
        tmp_path,
        [
            f"E1,1900-01-05,death,{persons[0]},,,,,,",
            f"E2,1900-01-04,death,{persons[1]},,,,,,",  # out of order
            f"E3,1900-01-06,death,{iin(77)},,,,,,",  # unknown IIN
            f"E4,1900-01-07,promotion,{persons[2]},,,,,,",
            f"E5,1900-13-07,death,{persons[2]},,,,,,",
            f"E6,1900-01-08,residence_change,{persons[2]},,NOWHERE,,,,",
            f"E7,1900-01-09,name_change,{persons[2]},,,,Имя,,",
            f"E1,1900-01-10,death,{persons[3]},,,,,,",
        ],
    )
    with pytest.raises(EventsRejected) as exc:
        apply_events_file(path=path, actor="test")
    found = {(f.line, f.column) for f in exc.value.findings}
    assert found == {
        (3, "event_date"),
        (4, "iin"),
        (5, "kind"),
        (6, "event_date"),
        (7, "address_id"),
        (8, "last_name"),
        (9, "event_id"),
    }
    assert not RegistryEvent.objects.exists()
    assert Person.private_objects.filter(death_date__isnull=False).count() == 0


def test_an_event_older_than_one_already_applied_to_the_person_is_out_of_order(
    tmp_path: Path, persons: list[str]
) -> None:
    apply_events_file(
        path=write(tmp_path, [f"E1,1900-02-01,imprisoned,{persons[0]},,,,,,"]), actor="t"
    )
    with pytest.raises(EventsRejected) as exc:
        apply_events_file(
            path=write(tmp_path, [f"E2,1900-01-01,released,{persons[0]},,,,,,"], "b.csv"), actor="t"
        )
    assert "out of order" in str(exc.value)


def test_the_command_prints_a_json_summary_and_exits_2_on_a_bad_file(
    tmp_path: Path, persons: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, [f"E1,1900-01-01,death,{persons[0]},,,,,,"])
    assert main(["apply-events", str(good)]) == 0
    assert json.loads(capsys.readouterr().out)["events_applied"] == 1
    bad = write(tmp_path, [f"E2,1900-01-01,death,{iin(99)},,,,,,"], "bad.csv")
    assert main(["apply-events", str(bad)]) == 2
    assert "bad.csv:2 column iin: no person with IIN" in capsys.readouterr().err
