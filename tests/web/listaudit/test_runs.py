"""Runs over the stored register and over uploaded lists: findings, placement, failures."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from saylau.web.audit.models import AuditEvent
from saylau.web.listaudit.models import AuditRun, Finding
from saylau.web.listaudit.services.export import register_inputs
from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import Person

from .conftest import DAY, World


def run_db(world: World, django_capture_on_commit_callbacks: Any, user: str = "cec") -> AuditRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(user=world.users[user], region=world.region, election=world.election)
    run.refresh_from_db()
    return run


def test_the_stored_register_is_exported_as_the_engines_frames(world: World) -> None:
    inputs = register_inputs(world.region.pk, election_id=world.election.pk)
    assert inputs.persons.height == 7  # six imported, one registered later
    assert inputs.persons.schema["birth_date"].is_temporal()
    assert inputs.persons.schema["incapable"].to_python() is bool
    assert sorted(inputs.lines["precinct_no"].to_list()) == [101, 101, 101, 102, 201]
    assert set(inputs.addresses["district_code"].to_list()) == {"D1", "D2"}
    kinds = dict(inputs.precincts.select("precinct_no", "kind").iter_rows())
    assert kinds[900] == "special"


def test_a_run_finds_what_changed_in_the_register_since_the_lists_were_compiled(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    run = run_db(world, django_capture_on_commit_callbacks)
    assert run.status == AuditRun.Status.DONE, run.error
    assert run.counts == {"DECEASED": 1, "WRONG_PRECINCT": 1, "MISSING_VOTER": 1}
    placed = {
        f.check_code: (f.district.code, f.precinct.number)  # type: ignore[union-attr]
        for f in Finding.objects.filter(run=run).select_related("district", "precinct")
    }
    assert placed == {
        "DECEASED": ("D1", 101),
        "WRONG_PRECINCT": ("D2", 201),
        "MISSING_VOTER": ("D1", 102),
    }
    assert all(f.status == "open" for f in Finding.objects.filter(run=run))
    actions = list(
        AuditEvent.objects.filter(
            target_type="listaudit.auditrun", target_id=str(run.pk)
        ).values_list("action", flat=True)
    )
    assert actions == ["listaudit.run.start", "listaudit.run.done"]


def test_without_an_election_only_the_registers_own_checks_run(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(user=world.users["cec"], region=world.region, election_date=DAY)
    run.refresh_from_db()
    assert run.status == "done" and run.lines == 0
    assert not Finding.objects.filter(run=run).exists()  # no MISSING_VOTER for everyone


def test_a_regional_commission_audits_its_own_region_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    assert run_db(world, django_capture_on_commit_callbacks, "regional").status == "done"
    for role in ("regional_other", "akimat_d1", "observer", "precinct_101"):
        with pytest.raises(PermissionDenied):
            start_run(user=world.users[role], region=world.region, election=world.election)


def lists_csv(rows: list[tuple[object, ...]]) -> bytes:
    header = "precinct_no,line_no,iin,last_name,first_name,patronymic,birth_date,address_id\r\n"
    body = "".join(",".join(str(c) for c in r) + "\r\n" for r in rows)
    return (header + body).encode("utf-8")


def listed(p: Person, precinct: int, line: int) -> tuple[object, ...]:
    return (
        precinct,
        line,
        p.iin,
        p.last_name,
        p.first_name,
        p.patronymic,
        p.birth_date,
        p.address.address_id,
    )  # type: ignore[union-attr]


def test_uploaded_lists_are_audited_against_the_stored_register(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    people = {p.last_name: p for p in Person.private_objects.select_related("address")}
    rows = [
        listed(people["Әбілов"], 101, 1),
        listed(people["Әбілов"], 102, 7),  # the same IIN twice
        (101, 2, "123456789012", "Белгісіз", "Адам", "", "1980-01-01", "A1"),  # bad check digit
        listed(people["Сейітқали"], 101, 3),
        listed(people["Өмірбеков"], 102, 1),
        listed(people["Бекова"], 102, 2),
        listed(people["Жаңа"], 102, 3),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("from-akimat/voter_lists.csv", lists_csv(rows))
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            user=world.users["regional"],
            region=world.region,
            election_date=DAY,
            upload=SimpleUploadedFile("lists.zip", buf.getvalue()),
        )
    run.refresh_from_db()
    assert run.source == AuditRun.Source.UPLOAD_LISTS
    assert run.status == "done", run.error
    assert run.counts.get("DUPLICATE_IIN") == 1
    assert run.counts.get("INVALID_IIN") == 1
    assert "WRONG_PRECINCT" in run.counts  # Әбілов's second line is in 102, he lives in 101
    dup = Finding.objects.get(run=run, check_code="DUPLICATE_IIN")
    assert sorted(map(tuple, dup.lines)) == [(101, 1), (102, 7)]


def test_bad_uploaded_lists_fail_the_run_with_file_line_and_column_and_store_nothing(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    data = lists_csv([(101, 1, "000000000000", "А", "Б", "", "1980-13-45", "A1")])
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            user=world.users["cec"],
            region=world.region,
            election_date=DAY,
            upload=SimpleUploadedFile("voter_lists.csv", data),
        )
    run.refresh_from_db()
    assert run.status == "failed"
    assert "voter_lists.csv" in run.error and ":2" in run.error and "birth_date" in run.error
    assert not Finding.objects.filter(run=run).exists()
    # The page says where, in the reader's language, with the detail after it.
    with translation.override("ru"):
        text = run.error_text
    assert "voter_lists.csv" in text and "2" in text and "birth_date" in text
    assert not text.startswith("{")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("kk", "lists/voter_lists.csv файлын оқу мүмкін емес: 2-жол, birth_date бағаны. «1980-13-45» — жоқ күн."),
        ("ru", "Файл lists/voter_lists.csv не удаётся прочитать: строка 2, столбец birth_date. «1980-13-45» — несуществующая дата."),
    ],
)  # fmt: skip
def test_the_run_page_says_why_a_row_of_the_uploaded_lists_is_refused_in_the_readers_language(
    world: World, django_capture_on_commit_callbacks: Any, language: str, said: str
) -> None:
    from django.test import Client
    from django.urls import reverse

    data = lists_csv([(101, 1, "000000000000", "А", "Б", "", "1980-13-45", "A1")])
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            user=world.users["cec"],
            region=world.region,
            election_date=DAY,
            upload=SimpleUploadedFile("voter_lists.csv", data),
        )
    run.refresh_from_db()
    assert run.status == "failed"
    c = Client()
    c.force_login(world.users["cec"])
    with translation.override(language):
        page = c.get(reverse("listaudit:run", args=[run.pk])).content.decode()
    assert said in page
    assert "must be a date" not in page and "not '1980-13-45'" not in page


def test_a_full_set_of_another_region_is_refused(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.web.register.builders import Extract

    directory = Extract(region_code="OTH").write(world.tmp / "oth")
    (directory / "lists").mkdir()
    (directory / "lists" / "voter_lists.csv").write_bytes(lists_csv([]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in directory.rglob("*.*"):
            zf.write(f, f"set/{f.relative_to(directory)}")
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            user=world.users["cec"],
            region=world.region,
            election_date=DAY,
            upload=SimpleUploadedFile("set.zip", buf.getvalue()),
        )
    run.refresh_from_db()
    assert run.source == AuditRun.Source.UPLOAD_FULL
    assert run.status == "failed" and "OTH" in run.error


def test_a_duplicate_across_two_districts_is_seen_and_resolved_by_both(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from saylau.web.listaudit.selectors import findings_for
    from saylau.web.listaudit.services.resolve import resolve_finding

    people = {p.last_name: p for p in Person.private_objects.select_related("address")}
    rows = [listed(people["Әбілов"], 101, 1), listed(people["Әбілов"], 201, 1)]
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            user=world.users["cec"],
            region=world.region,
            election_date=DAY,
            upload=SimpleUploadedFile("voter_lists.csv", lists_csv(rows)),
        )
    dup = Finding.objects.get(run=run, check_code="DUPLICATE_IIN")
    assert dup.district == world.d1 and list(dup.also_districts.all()) == [world.d2]
    for role in ("akimat_d1", "akimat_d2"):
        assert dup in findings_for(world.users[role], run)
    resolve_finding(user=world.users["akimat_d2"], finding_id=dup.pk, status="confirmed")
    assert Finding.objects.get(pk=dup.pk).status == "confirmed"
