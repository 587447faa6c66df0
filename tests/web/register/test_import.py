"""Importing registry extracts: versions, diff, rejections, atomicity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saylau.cli import main
from saylau.errors import InputError
from saylau.lists.io import DISTRICTS, PRECINCTS
from saylau.web.audit.models import AuditEvent
from saylau.web.register.models import ImportRejection, Person, PersonChange, RegisterImport
from saylau.web.register.services.importing import import_registry
from saylau.web.territory.models import Address, District, Precinct, Region

from .builders import Extract, person, standard_persons

pytestmark = pytest.mark.django_db


def run(tmp: Path, extract: Extract, name: str = "x", **kw: object) -> RegisterImport:
    return import_registry(directory=extract.write(tmp / name), actor="test", **kw)  # type: ignore[arg-type]


def test_first_import_adds_everyone_and_builds_the_territory(tmp_path: Path) -> None:
    job = run(tmp_path, Extract(persons=standard_persons()))
    assert job.summary() == {
        "persons_added": 6,
        "persons_changed": 0,
        "persons_removed": 0,
        "unchanged": 0,
        "rejected_rows": 0,
    }
    region = Region.objects.get(code="ZHA")
    assert region.name_kk == "Жамбыл облысы"
    assert District.objects.filter(region=region).count() == 2
    assert set(Precinct.objects.values_list("number", flat=True)) == {101, 102, 201, 900}
    assert Address.objects.get(address_id="A3").precinct.number == 102  # type: ignore[union-attr]
    p = Person.private_objects.get(last_name="Әбілов")
    assert p.patronymic == "Қанатұлы"
    assert p.address.address_id == "A1"  # type: ignore[union-attr]
    assert p.first_seen == job and p.region == region
    assert AuditEvent.objects.filter(action="register.import").count() == 1


def test_a_second_import_of_the_same_extract_changes_nothing(tmp_path: Path) -> None:
    extract = Extract(persons=standard_persons())
    run(tmp_path, extract)
    again = run(tmp_path, extract, name="y")
    full = run(tmp_path, extract, name="z", full=True)
    for job in (again, full):
        assert job.summary() == {
            "persons_added": 0,
            "persons_changed": 0,
            "persons_removed": 0,
            "unchanged": 6,
            "rejected_rows": 0,
        }
    assert Person.private_objects.count() == 6
    assert PersonChange.objects.count() == 0


def test_a_newer_extract_records_exactly_what_changed(tmp_path: Path) -> None:
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons))
    newer = [
        persons[0].but(death_date="1901-02-03"),
        persons[1].but(last_name="Петрова", address_id="A3"),
        persons[2],
        persons[3],
        persons[4],
        # persons[5] gone, a new one born
        person(7, "Нұрланов", "Дәулет", address_id="A2"),
    ]
    job = run(tmp_path, Extract(persons=newer), name="y")
    assert job.summary() == {
        "persons_added": 1,
        "persons_changed": 2,
        "persons_removed": 1,
        "unchanged": 3,
        "rejected_rows": 0,
    }
    changes = {
        (c.person.iin, c.field, c.old, c.new)
        for c in PersonChange.objects.filter(register_import=job)
    }
    assert changes == {
        (persons[0].iin, "death_date", None, "1901-02-03"),
        (persons[1].iin, "last_name", "Иванова", "Петрова"),
        (persons[1].iin, "address", "A1", "A3"),
        (persons[5].iin, "active", "1", "0"),
    }
    gone = Person.private_objects.get(iin=persons[5].iin)
    assert gone.active is False and gone.last_changed == job
    # Listed again later: back as added, without a duplicate.
    back = run(tmp_path, Extract(persons=[*newer, persons[5]]), name="z")
    assert back.persons_added == 1 and back.unchanged == 6
    assert Person.private_objects.filter(iin=persons[5].iin, active=True).count() == 1


def test_unreadable_rows_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    persons = standard_persons()
    bad = [
        persons[0].but(birth_date="1864-13-01"),
        persons[1].but(sex="X"),
        persons[2].but(iin="123456789012"),
        persons[3].but(address_id="NOWHERE"),
        persons[4],
        persons[4].but(first_name="Дубль"),
        persons[5].but(incapable="yes"),
    ]
    job = run(tmp_path, Extract(persons=bad))
    assert job.persons_added == 1 and job.rejected_rows == 6
    found = {(r.line, r.column) for r in ImportRejection.objects.filter(register_import=job)}
    assert found == {
        (2, "birth_date"),
        (3, "sex"),
        (4, "iin"),
        (5, "address_id"),
        (7, "iin"),
        (8, "incapable"),
    }
    reason = ImportRejection.objects.get(register_import=job, line=7).reason
    assert "listed twice" in reason


def test_a_row_that_cannot_be_read_leaves_the_known_person_as_they_were(tmp_path: Path) -> None:
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons))
    job = run(tmp_path, Extract(persons=[persons[0].but(sex="?"), *persons[1:]]), name="y")
    assert job.persons_removed == 0 and job.rejected_rows == 1 and job.unchanged == 5
    assert Person.private_objects.get(iin=persons[0].iin).active


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (
            lambda d: (d / "registry/persons.csv").write_bytes(
                (d / "registry/persons.csv").read_bytes().replace(b"last_name", b"surname")
            ),
            "registry/persons.csv:1 field 'last_name'",
        ),
        (
            lambda d: (d / "registry/persons.csv").write_bytes(
                (d / "registry/persons.csv").read_bytes()
                + "Ә".encode("cp1251", "replace")
                + b"\xd3\xe9,x\n"
            ),
            "registry/persons.csv:8: not UTF-8",
        ),
        (
            lambda d: (d / "registry/addresses.csv").write_text(
                (d / "registry/addresses.csv").read_text() + 'Z9,D1,"Тараз,ул,1,,101\n'
            ),
            "registry/addresses.csv",
        ),
    ],
    ids=["missing column", "not utf-8", "broken quoting"],
)
def test_a_structurally_broken_file_refuses_the_whole_import(tmp_path: Path, damage, where) -> None:  # type: ignore[no-untyped-def]
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons))
    directory = Extract(persons=[p.but(first_name="Жаңа") for p in persons]).write(tmp_path / "y")
    damage(directory)
    with pytest.raises(InputError) as exc:
        import_registry(directory=directory, actor="test")
    assert str(exc.value).startswith(where)
    assert not Person.private_objects.filter(first_name="Жаңа").exists()
    assert RegisterImport.objects.order_by("-pk").first().status == "failed"  # type: ignore[union-attr]
    from saylau.web.register.models import StagingPerson

    assert not StagingPerson.objects.exists()


def test_a_crash_while_applying_leaves_the_register_as_it_was_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons))
    newer = Extract(persons=[*persons[:-1], person(9, "Жаңаев", "Асқар", address_id="A2")])
    from saylau.web.register.services import diff

    real = diff.apply_persons

    def crash(**kw: int) -> diff.DiffCounts:
        real(**kw)
        raise RuntimeError("power cut")

    monkeypatch.setattr(diff, "apply_persons", crash)
    with pytest.raises(RuntimeError):
        run(tmp_path, newer, name="y")
    assert Person.private_objects.filter(active=True).count() == 6
    assert not PersonChange.objects.exists()
    monkeypatch.setattr(diff, "apply_persons", real)
    job = run(tmp_path, newer, name="y2")
    assert (job.persons_added, job.persons_removed, job.unchanged) == (1, 1, 5)
    assert Person.private_objects.count() == 7


def test_the_command_prints_one_json_summary_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = Extract(persons=[*standard_persons(), standard_persons()[0].but(sex="Q")]).write(
        tmp_path / "x"
    )
    assert main(["import-registry", str(directory), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out.strip().splitlines()[-1]) == {
        "persons_added": 6,
        "persons_changed": 0,
        "persons_removed": 0,
        "unchanged": 0,
        "rejected_rows": 1,
    }
    assert "registry/persons.csv:2 column sex" not in err  # the first row is fine
    assert "registry/persons.csv:8 column sex: must be one of F, M, not 'Q'" in err


def test_the_command_exits_2_on_unusable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    (directory / "precincts.csv").unlink()
    assert main(["import-registry", str(directory)]) == 2
    assert "precincts.csv: file is missing" in capsys.readouterr().err


def test_a_job_row_started_on_the_web_is_finished_by_the_task_for_its_user(
    tmp_path: Path,
) -> None:
    from saylau.web.register.tasks import import_registry_job
    from tests.factories import user_for

    user = user_for("cec")
    job = RegisterImport.objects.create(source="upload", started_by=user)
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    assert import_registry_job.enqueue(job.pk, str(directory), None).status == "SUCCESSFUL"
    job.refresh_from_db()
    assert job.status == "done" and job.persons_added == 6 and job.percent == 100
    event = AuditEvent.objects.get(action="register.import")
    assert event.actor == user


def test_the_import_reads_districts_and_precincts_in_the_format_the_audit_reads() -> None:
    # One definition of the format (saylau.lists.io): the kinds it lets through are the kinds
    # the territory models store, so the register cannot drift from the audit.
    assert DISTRICTS.columns["kind"] == set(District.Kind.values)
    assert PRECINCTS.columns["kind"] == set(Precinct.Kind.values)
