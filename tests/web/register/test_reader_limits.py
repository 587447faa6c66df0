"""Issue 11, item 7 (command line and database): every probe of a reader's limits ends in a
clear problem naming file, line and field (exit 2 for a file that cannot be used, a rejected
row for a bad row), never a traceback, and nothing reaches the database that it would refuse
(PostgreSQL) or store silently (SQLite). Run on both: ``.ci/with-postgres``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saylau.cli import main
from saylau.web.register.models import ImportRejection, Person, RegisterImport
from saylau.web.territory.models import Address, District, Precinct, Region

from .builders import Extract, person, standard_persons

pytestmark = pytest.mark.django_db


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def snapshot() -> tuple[int, ...]:
    return (
        Region.objects.count(),
        District.objects.count(),
        Precinct.objects.count(),
        Address.objects.count(),
        Person.private_objects.count(),
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[]", "region.json: must be a JSON object"),
        ('"ZHA"', "region.json: must be a JSON object"),
        ("[" * 100_000 + "]" * 100_000, "region.json:1: JSON nested deeper than 32 levels"),
        ('{"code": "ZHA", "n": ' + "9" * 5000 + "}", "region.json:1: a number of 5000 digits"),
        ('{"code": "' + "Z" * 33 + '"}', "region.json field 'code': is 33 characters long"),
        ('{"code": "ZHA\\u0000"}', "region.json field 'code': contains a control character"),
        ('{"code": "ZHA", "name_ru": "' + "я" * 201 + '"}', "field 'name_ru': is 201 characters"),
    ],
    ids=["list", "string", "nested 100000", "5000 digits", "long code", "nul", "long name"],
)
def test_a_bad_region_json_is_refused_with_exit_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    (directory / "region.json").write_text(content, encoding="utf-8")
    status, err = cli(["import-registry", str(directory), "--quiet"], capsys)
    assert status == 2
    assert expected in err
    assert snapshot() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("-5", "must be between 1 and 2147483647, not -5"),
        ("0", "must be between 1 and 2147483647, not 0"),
        ("1" * 24, "a number of 24 digits is too long"),
        ("9" * 5000, "a number of 5000 digits is too long"),
        ("2147483648", "must be between 1 and 2147483647"),
        ("１０１", "'１０１' is not a whole number"),
    ],
)
def test_a_bad_precinct_number_is_a_rejected_row_named_by_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, reason: str
) -> None:
    extract = Extract(persons=standard_persons())
    extract.precincts = [*extract.precincts, (number, "D1", "г. Тараз, школа № 9", "ordinary")]
    status, err = cli(["import-registry", str(extract.write(tmp_path / "x")), "--quiet"], capsys)
    assert status == 0
    assert f"rejected precincts.csv:6 column precinct_no: {reason}" in err
    assert Precinct.objects.count() == 4


LONG = "ж" * 101


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"last_name": LONG}, "last_name", "the last name is 101 characters long (at most 100)"),
        ({"first_name": "Ер\x00лан"}, "first_name", "the first name contains a control"),
        ({"patronymic": LONG}, "patronymic", "the patronymic is 101 characters long"),
        ({"address_id": "A" * 65}, "address_id", "the address id is 65 characters long"),
    ],
)
def test_an_oversized_or_nul_person_value_is_a_rejected_row_and_never_reaches_the_database(
    tmp_path: Path, change: dict[str, str], column: str, reason: str
) -> None:
    from saylau.web.register.services.importing import import_registry

    persons = standard_persons()
    bad = persons[0].but(**change)
    job = import_registry(
        directory=Extract(persons=[bad, *persons[1:]]).write(tmp_path / "x"), actor="t"
    )
    rejection = ImportRejection.objects.get(register_import=job)
    assert (rejection.file, rejection.line, rejection.column) == (
        "registry/persons.csv",
        2,
        column,
    )
    assert rejection.reason.startswith(reason)
    assert job.persons_added == 5
    assert not Person.private_objects.filter(iin=persons[0].iin).exists()


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (("Z1", "D1", "Т" * 201, "", "", "", "101"), "locality", "is 201 characters long"),
        (("Z1", "D1", "Тараз", "ул\x00", "", "", "101"), "street", "contains a control"),
        (("Z1", "D1", "Тараз", "", "1" * 51, "", "101"), "house", "is 51 characters long"),
        (("Z" * 65, "D1", "Тараз", "", "", "", "101"), "address_id", "is 65 characters"),
        (("Z1", "D1", "Тараз", "", "", "", "-3"), "precinct_no", "must be between 1"),
        (("Z1", "D1", "Тараз", "", "", "", "99999999999"), "precinct_no", "must be between 1"),
    ],
)
def test_an_oversized_or_nul_address_is_a_rejected_row(
    tmp_path: Path, row: tuple[str, ...], column: str, reason: str
) -> None:
    from saylau.web.register.services.importing import import_registry

    extract = Extract(persons=standard_persons())
    extract.addresses = [*extract.addresses, row]
    job = import_registry(directory=extract.write(tmp_path / "x"), actor="t")
    rejection = ImportRejection.objects.get(register_import=job)
    assert (rejection.file, rejection.line, rejection.column) == (
        "registry/addresses.csv",
        6,
        column,
    )
    assert reason in rejection.reason
    assert Address.objects.count() == 4


def test_an_oversized_district_name_is_a_rejected_row(tmp_path: Path) -> None:
    from saylau.web.register.services.importing import import_registry

    extract = Extract(persons=standard_persons())
    extract.districts = [*extract.districts, ("D3", "Ә" * 201, "Район", "district")]
    job = import_registry(directory=extract.write(tmp_path / "x"), actor="t")
    rejection = ImportRejection.objects.get(register_import=job)
    assert (rejection.file, rejection.line, rejection.column) == ("districts.csv", 4, "name_kk")


HEADER = "event_id,event_date,kind,iin,death_date,address_id,last_name,first_name,patronymic,citizenship\n"


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("E" * 65 + ",1900-01-01,name_change,{iin},,,Жаңа,Ат,,", "event_id"),
        ("E1,1900-01-01,name_change,{iin},,," + LONG + ",Ат,,", "last_name"),
        ("E1,1900-01-01,name_change,{iin},,,Жаңа\x00,Ат,,", "last_name"),
        ("E1,1900-01-01,residence_change,{iin},," + "A" * 65 + ",,,,", "address_id"),
    ],
)
def test_an_events_file_with_an_oversized_or_nul_value_is_refused_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, column: str
) -> None:
    from saylau.web.register.services.importing import import_registry

    persons = standard_persons()
    import_registry(directory=Extract(persons=persons).write(tmp_path / "x"), actor="t")
    before = list(Person.private_objects.values_list("iin", "last_name", "address_id"))
    path = tmp_path / "ev.csv"
    path.write_text(HEADER + row.format(iin=persons[0].iin) + "\n", encoding="utf-8")
    status, err = cli(["apply-events", str(path)], capsys)
    assert status == 2
    assert f"ev.csv:2 column {column}:" in err
    assert list(Person.private_objects.values_list("iin", "last_name", "address_id")) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, ":1: JSON nested deeper than 32 levels"),
        ('{"seats": ' + "7" * 5000 + "}", ":1: a number of 5000 digits is too long"),
        ('{"seats":\n -' + "7" * 30 + "}", ":2: a number of 30 digits is too long"),
    ],
)
@pytest.mark.parametrize("command", [["seats"], ["protocol", "check"]])
def test_json_inputs_of_the_command_line_have_limits(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    expected: str,
    command: list[str],
) -> None:
    path = tmp_path / "case.json"
    path.write_text(content, encoding="utf-8")
    status, err = cli([*command, str(path)], capsys)
    assert status == 2
    assert f"{path}{expected}" in err


def test_tabulate_refuses_a_deep_election_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "protocols").mkdir()
    (tmp_path / "election.json").write_text("{" + '"a":{' * 50_000 + "}" * 50_001)
    status, err = cli(["tabulate", str(tmp_path)], capsys)
    assert status == 2
    assert "election.json:1: JSON nested deeper" in err


def test_a_qr_text_nested_too_deep_is_a_clear_refusal() -> None:
    from saylau.web.results.services.submission import BadQRText, read_qr_text

    with pytest.raises(BadQRText) as exc:
        read_qr_text("SAYLAU-PROTOCOL/1 abc " + "[" * 100_000)
    assert "nested deeper" in str(exc.value)


def test_a_long_source_path_does_not_reach_the_database_unchecked(tmp_path: Path) -> None:
    from saylau.web.register.services import jobs

    deep = tmp_path / ("d" * 200) / ("e" * 200) / ("f" * 200)
    extract = Extract(persons=[person(1, "Ким", "Ли")])
    created = jobs.start_import(user=None, directory=extract.write(deep))  # queued, not run
    assert len(RegisterImport.objects.get(pk=created.pk).source) == 500
    assert json.dumps(created.summary())


@pytest.mark.parametrize("value", ["1" * 24, "-5", "0", "9" * 5000])
@pytest.mark.parametrize(
    "command",
    [
        ["commissions", "coverage", "-o", "x.xlsx", "--election"],
        ["listaudit", "run", "--region-code", "ZHA", "--election"],
    ],
)
def test_an_id_on_the_command_line_that_no_row_can_have_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: list[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "is not an id" in err and "Traceback" not in err
