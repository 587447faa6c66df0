"""Issue 11, items 3 and 5: a region's import cannot take another region's persons, and a
removal needs a complete, valid extract (an empty or mass removal is refused)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from saylau.cli import main
from saylau.errors import InputError
from saylau.web.register.models import ImportRejection, Person, PersonChange, RegisterImport
from saylau.web.register.services.importing import import_registry

from .builders import Extract, person, standard_persons

pytestmark = pytest.mark.django_db


def other_region(persons: list[Any]) -> Extract:
    """A second region (its own districts and addresses) with ``persons``."""
    return Extract(
        region_code="AKM",
        addresses=[
            ("K1", "D1", "Көкшетау", "ул. Абая", "1", "", "101"),
            ("K2", "D2", "Щучинск", "ул. Ленина", "2", "", "201"),
        ],
        persons=persons,
    )


def run(tmp: Path, extract: Extract, name: str, **kw: Any) -> RegisterImport:
    return import_registry(directory=extract.write(tmp / name), actor="test", **kw)


def state() -> list[tuple[Any, ...]]:
    return list(
        Person.private_objects.order_by("iin").values_list(
            "iin", "region_id", "address_id", "death_date", "active", "last_name"
        )
    )


def test_a_row_with_another_regions_person_is_rejected_and_moves_or_kills_nobody(
    tmp_path: Path,
) -> None:
    zha = standard_persons()
    run(tmp_path, Extract(persons=zha), "zha")
    akm = [person(20, "Сағынов", "Арман", address_id="K1")]
    run(tmp_path, other_region(akm), "akm")
    before = state()
    # The probe: AKM's extract lists a ZHA voter as theirs, and as dead.
    stolen = zha[0].but(address_id="K2", death_date="1900-01-01")
    job = run(tmp_path, other_region([*akm, stolen]), "akm2")
    assert state() == before
    rejection = ImportRejection.objects.get(register_import=job)
    assert (rejection.file, rejection.line, rejection.column) == ("registry/persons.csv", 3, "iin")
    assert "registered in region ZHA" in rejection.reason
    assert job.rejected_rows == 1 and job.persons_changed == 0


def test_a_person_the_old_region_no_longer_lists_is_taken_by_the_new_one(tmp_path: Path) -> None:
    zha = standard_persons()
    run(tmp_path, Extract(persons=zha), "zha")
    run(tmp_path, Extract(persons=zha[1:]), "zha2")  # person 0 left ZHA
    job = run(tmp_path, other_region([zha[0].but(address_id="K1")]), "akm")
    assert job.persons_added == 1 and job.rejected_rows == 0
    moved = Person.private_objects.get(iin=zha[0].iin)
    assert moved.active and moved.region.code == "AKM"  # type: ignore[union-attr]


def test_a_persons_file_with_a_header_only_is_refused_and_removes_nobody(tmp_path: Path) -> None:
    run(tmp_path, Extract(persons=standard_persons()), "x")
    with pytest.raises(InputError) as exc:
        run(tmp_path, Extract(persons=[]), "empty")
    assert str(exc.value).startswith("registry/persons.csv:2")
    assert "lists no person" in str(exc.value)
    assert Person.private_objects.filter(active=True).count() == 6
    assert RegisterImport.objects.order_by("-pk").first().status == "failed"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("damage", "unlisted"),
    [
        (lambda p: p.but(iin="12345678901"), 2),  # an IIN that cannot be read
        (lambda p: p.but(sex="?"), 1),  # another bad value: the person is still named
        (lambda p: p.but(imprisoned="maybe"), 1),
    ],
    ids=["bad iin", "bad value", "bad flag"],
)
def test_one_malformed_row_never_removes_that_voter_nor_anyone(
    tmp_path: Path, damage: Any, unlisted: int
) -> None:
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons), "x")
    # persons[5] really is gone; persons[0]'s row is broken: nobody is removed this time.
    job = run(tmp_path, Extract(persons=[damage(persons[0]), *persons[1:5]]), "y")
    assert job.persons_removed == 0 and job.rejected_rows == 1
    assert job.removals_withheld == unlisted
    assert job.summary()["removals_withheld"] == unlisted
    assert Person.private_objects.filter(active=True).count() == 6
    assert not PersonChange.objects.filter(field="active").exists()


def test_a_truncated_row_never_removes_that_voter(tmp_path: Path) -> None:
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons), "x")
    directory = Extract(persons=persons).write(tmp_path / "y")
    path = directory / "registry/persons.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = ",".join(lines[1].split(",")[:4])  # the wrong number of fields
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    job = import_registry(directory=directory, actor="test")
    assert job.persons_removed == 0 and job.removals_withheld == 1
    assert Person.private_objects.get(iin=persons[0].iin).active


def test_a_mass_removal_is_refused_unless_confirmed(tmp_path: Path, settings: Any) -> None:
    settings.SAYLAU_MASS_REMOVAL_MIN = 2
    settings.SAYLAU_MASS_REMOVAL_PERCENT = 5
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons), "x")
    truncated = Extract(persons=persons[:3])
    with pytest.raises(InputError) as exc:
        run(tmp_path, truncated, "y")
    assert "remove 3 of the 6 persons" in str(exc.value)
    assert "--allow-removals" in str(exc.value)
    assert Person.private_objects.filter(active=True).count() == 6
    job = run(tmp_path, truncated, "z", allow_removals=True)
    assert job.persons_removed == 3


def test_a_small_removal_needs_no_confirmation(tmp_path: Path) -> None:
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons), "x")
    assert run(tmp_path, Extract(persons=persons[:5]), "y").persons_removed == 1


def test_the_command_refuses_a_mass_removal_with_exit_2_and_takes_allow_removals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    settings.SAYLAU_MASS_REMOVAL_MIN = 1
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons), "x")
    directory = Extract(persons=persons[:2]).write(tmp_path / "y")
    assert main(["import-registry", str(directory), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--allow-removals" in err and "Traceback" not in err
    assert Person.private_objects.filter(active=True).count() == 6
    assert main(["import-registry", str(directory), "--quiet", "--allow-removals"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["persons_removed"] == 4


def test_a_web_import_carries_the_confirmation_to_its_job(tmp_path: Path, settings: Any) -> None:
    from saylau.web.register.services import jobs

    settings.SAYLAU_MASS_REMOVAL_MIN = 1
    persons = standard_persons()
    run(tmp_path, Extract(persons=persons), "x")
    directory = Extract(persons=persons[:2]).write(tmp_path / "y")
    # Queued, not run (its task starts once the test's transaction commits): run it here.
    job = jobs.start_import(user=None, directory=directory, allow_removals=True)
    assert job.allow_removals
    done = import_registry(directory=directory, actor="test", job=job)
    assert done.persons_removed == 4
