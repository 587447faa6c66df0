"""Reading an extract in batches: lists.io.read_batches and what the register stages of it."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from saylau.lists.io import PERSONS, ListsInputError, read_batches
from saylau.web.register.models import Person, RegisterImport
from saylau.web.register.services import reading, staging
from saylau.web.register.services.importing import import_registry

from .builders import Extract, person, standard_persons

HEADER = "iin,last_name,first_name,patronymic,birth_date,sex,citizenship,address_id,death_date,incapable,imprisoned\n"


def write(tmp_path: Path, body: bytes) -> Path:
    (tmp_path / "registry").mkdir(exist_ok=True)
    (tmp_path / "registry/persons.csv").write_bytes(HEADER.encode() + body)
    return tmp_path


def row(n: int, **kw: str) -> str:
    p = person(n).but(**kw)
    values = [p.iin, p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex]
    values += [p.citizenship, p.address_id, p.death_date, p.incapable, p.imprisoned]
    return ",".join(values) + "\n"


def test_small_batches_number_every_line_as_the_file_does(tmp_path: Path) -> None:
    body = "".join(row(n) for n in range(1, 41)).encode()
    batches = list(read_batches(write(tmp_path, body), PERSONS, batch_bytes=300))
    assert len(batches) > 5
    frame = pl.concat([b.frame for b in batches])
    assert frame["line"].to_list() == list(range(2, 42))
    assert frame["problem"].null_count() == 40
    assert batches[-1].bytes_read == (tmp_path / "registry/persons.csv").stat().st_size
    assert frame.schema["birth_date"] == pl.Date and frame.schema["incapable"] == pl.Boolean


def test_every_bad_row_is_named_with_its_line_and_column_and_the_rest_are_read(
    tmp_path: Path,
) -> None:
    body = (row(1) + row(2, birth_date="1864-13-01") + row(3) + row(4, sex="X")).encode()
    (batch,) = read_batches(write(tmp_path, body), PERSONS)
    assert [(p.line, p.column) for p in batch.problems] == [(3, "birth_date"), (5, "sex")]
    assert batch.problems[1].message == "must be one of F, M, not 'X'"
    assert batch.frame["problem"].to_list() == [None, "birth_date", None, "sex"]


def test_a_quoted_field_over_two_lines_a_blank_line_and_a_ragged_row_across_batches(
    tmp_path: Path,
) -> None:
    quoted = row(2).replace("Әбілов", '"Әбі\nлов"')
    body = (row(1) + quoted + "\n" + row(3).rstrip("\n") + ",extra\n" + row(4)).encode()
    batches = list(read_batches(write(tmp_path, body), PERSONS, batch_bytes=64))
    frame = pl.concat([b.frame for b in batches])
    assert frame["line"].to_list() == [2, 3, 7]
    assert frame["last_name"][1] == "Әбі\nлов"
    problems = [p for b in batches for p in b.problems]
    assert [(p.line, p.column) for p in problems] == [(6, "")]
    assert problems[0].message == "12 fields where the header has 11"


@pytest.mark.parametrize(
    ("tail", "line", "text"),
    [
        (b"\xd3\xe9,x\n", 4, "not UTF-8"),
        (b'8501,"open,x\n', 4, "broken CSV quoting"),
    ],
)
def test_what_makes_the_file_unusable_raises_with_its_line(
    tmp_path: Path, tail: bytes, line: int, text: str
) -> None:
    body = (row(1) + row(2)).encode() + tail
    with pytest.raises(ListsInputError) as exc:
        list(read_batches(write(tmp_path, body), PERSONS, name="persons.csv", batch_bytes=100))
    assert exc.value.line == line and exc.value.file == "persons.csv"
    assert text in exc.value.message


def test_a_missing_column_is_refused_before_any_row(tmp_path: Path) -> None:
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry/persons.csv").write_text("iin,surname\n1,2\n", encoding="utf-8")
    with pytest.raises(ListsInputError) as exc:
        next(read_batches(tmp_path, PERSONS))
    assert exc.value.line == 1 and exc.value.field == "last_name"


@pytest.mark.django_db
def test_a_full_reimport_stages_only_the_persons_that_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    persons = standard_persons()
    import_registry(directory=Extract(persons=persons).write(tmp_path / "a"), actor="t")
    staged: list[int] = []
    real = staging.write_staging

    def spy(table: str, frame: pl.DataFrame, text: tuple[str, ...]) -> None:
        if table == "register_stagingperson":
            staged.append(frame.height)
        real(table, frame, text)

    monkeypatch.setattr(reading, "write_staging", spy)
    same = Extract(persons=persons).write(tmp_path / "b")
    job = import_registry(directory=same, actor="t", full=True)
    assert job.unchanged == 6 and sum(staged) == 0
    staged.clear()
    newer = [persons[0].but(first_name="Жаңа"), *persons[1:4], person(8, "Ким", "Виктор")]
    job = import_registry(directory=Extract(persons=newer).write(tmp_path / "c"), actor="t")
    # One changed, one new, one gone (persons 4 and 5 are gone: two rows naming them).
    assert (job.persons_changed, job.persons_added, job.persons_removed) == (1, 1, 2)
    assert job.unchanged == 3
    assert sum(staged) == 2 + 2  # the changed and the new person, and the two gone
    assert Person.private_objects.get(iin=persons[0].iin).first_name == "Жаңа"


@pytest.mark.django_db
def test_an_import_that_another_one_overtook_is_refused_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    persons = standard_persons()
    import_registry(directory=Extract(persons=persons).write(tmp_path / "a"), actor="t")
    real = staging.known_persons

    def overtaken(region_id: int | None) -> pl.DataFrame:
        known = real(region_id)
        RegisterImport.objects.create(source="elsewhere", status=RegisterImport.Status.DONE)
        return known

    monkeypatch.setattr("saylau.web.register.services.importing.known_persons", overtaken)
    newer = Extract(persons=[p.but(first_name="Жаңа") for p in persons]).write(tmp_path / "b")
    with pytest.raises(Exception, match="another import finished"):
        import_registry(directory=newer, actor="t")
    assert not Person.private_objects.filter(first_name="Жаңа").exists()


@pytest.mark.django_db
def test_a_digest_of_another_form_makes_the_row_compared_field_by_field(tmp_path: Path) -> None:
    persons = standard_persons()
    import_registry(directory=Extract(persons=persons).write(tmp_path / "a"), actor="t")
    Person.private_objects.update(row_hash="0f" * 16)  # as session 1's imports wrote them
    newer = [persons[0].but(first_name="Жаңа"), *persons[1:]]
    job = import_registry(directory=Extract(persons=newer).write(tmp_path / "b"), actor="t")
    assert (job.persons_changed, job.unchanged, job.persons_added) == (1, 5, 0)
    assert not Person.private_objects.filter(row_hash="0f" * 16).exists()
