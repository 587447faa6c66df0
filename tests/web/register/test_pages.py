"""The register's pages: exports, the web import job with its progress, events upload, forms."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from saylau.web.register.models import (
    AbsenteeCertificate,
    OutsideVotingRequest,
    Person,
    RegisterImport,
)
from saylau.web.register.services import jobs
from saylau.web.territory.models import Precinct

from .builders import Extract, person, standard_persons


def as_user(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_list_exports_as_pdf_xlsx_and_csv(world: Any) -> None:
    c = as_user(world.users["akimat_d1"])
    e, p = world.election.pk, world.p101.pk
    pdf = c.get(reverse("register:list_export", args=[e, p, "pdf"]), {"lang": "kk"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b"DejaVu" in pdf.content
    xlsx = c.get(reverse("register:list_export", args=[e, p, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert names == ["Әбілов Ерлан Қанатұлы", "Иванова Мария Петровна", "Сейітқали Гүлнұр"]
    csv_text = c.get(reverse("register:list_export", args=[e, p, "csv"])).content.decode()
    assert csv_text.splitlines()[1].startswith("101,main,1,")


def test_the_list_page_stays_within_its_query_budget(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    c = as_user(world.users["akimat_d1"])
    with django_assert_max_num_queries(15):
        assert (
            c.get(reverse("register:list", args=[world.election.pk, world.p101.pk])).status_code
            == 200
        )


def test_a_commission_issues_an_absentee_certificate_from_the_list(
    world: Any, settings: Any
) -> None:
    from datetime import date

    from saylau.web.core import clock
    from saylau.web.register.services import absentee

    c = as_user(world.users["precinct_101"])
    vl = world.election.voter_lists.get(precinct=world.p101)
    entry = vl.entries.get(number=1)
    url = reverse("register:absentee_issue", args=[world.election.pk, world.p101.pk])
    with clock.travel(date(2099, 3, 10)):
        c.post(url, {"entry": entry.pk})
        assert not AbsenteeCertificate.objects.exists()  # 1 % of 5 voters is 0
        absentee.ABSENTEE_QUOTA = (1, 5)
        try:
            c.post(url, {"entry": entry.pk})
        finally:
            absentee.ABSENTEE_QUOTA = (1, 100)
    assert AbsenteeCertificate.objects.get().person_id == entry.person_id


def test_an_import_started_on_the_web_runs_as_a_job_with_progress(
    world: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    directory = Extract(persons=[*standard_persons(), person(40, "Жаңа", "Адам")]).write(
        tmp_path / "new"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in directory.rglob("*.*"):
            zf.write(f, f"extract/{f.relative_to(directory)}")
    c = as_user(world.users["regional"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(
            reverse("register:imports"),
            {"archive": SimpleUploadedFile("extract.zip", buf.getvalue())},
        )
    assert resp.status_code == 302
    job = RegisterImport.objects.order_by("-pk").first()
    assert job is not None and job.status == "done" and job.persons_added == 1
    assert job.attempts == 1 and job.task_id
    partial = c.get(reverse("register:import", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"<progress" in partial.content and b"100%" in partial.content
    assert b"hx-trigger" not in partial.content  # finished: the polling stops


def test_an_import_started_on_the_web_is_a_task_on_the_queue_once_committed(
    world: Any, tmp_path: Path, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.start_import(user=world.users["cec"], directory=directory, region_code="ZHA")
    assert default_task_backend.results == []  # nothing leaves before the row is committed
    for callback in callbacks:
        callback()
    (queued,) = default_task_backend.results
    assert queued.task.name == "import_registry_job"
    assert queued.args == [job.pk, str(directory), "ZHA"]
    job.refresh_from_db()
    assert job.status == "queued" and job.task_id == queued.id


def test_a_zip_leaving_its_folder_is_refused(world: Any) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../evil.csv", "x")
    c = as_user(world.users["regional"])
    resp = c.post(
        reverse("register:imports"), {"archive": SimpleUploadedFile("e.zip", buf.getvalue())}
    )
    assert resp.status_code == 200 and resp.context["form"].errors


def test_events_uploaded_on_the_web_are_applied_or_refused_whole(world: Any) -> None:
    ps = standard_persons()
    c = as_user(world.users["akimat_d1"])
    header = "event_id,event_date,kind,iin\n"
    bad = f"{header}W1,2027-01-01,death,{ps[0].iin}\nW2,2027-01-02,death,{ps[4].iin}\n"  # ps[4] is in D2
    resp = c.post(reverse("register:events"), {"file": SimpleUploadedFile("ev.csv", bad.encode())})
    assert any("outside your scope" in f.reason for f in resp.context["findings"])
    good = f"{header}W1,2027-01-01,death,{ps[0].iin}\n"
    resp = c.post(reverse("register:events"), {"file": SimpleUploadedFile("ev.csv", good.encode())})
    assert resp.status_code == 200 and 'role="status"' in resp.content.decode()
    assert world.election.voter_lists.get(precinct=world.p101).voters == 2


def test_an_outside_voting_application_is_recorded_from_the_form(world: Any) -> None:
    c = as_user(world.users["precinct_101"])
    url = reverse("register:outside", args=[world.election.pk])
    resp = c.post(
        url,
        {
            "iin": standard_persons()[1].iin,
            "reason": "disability",
            "applicant": "relative",
            "applicant_name": "Иванов П.",
            "where": "ул. Толе би, 1, кв. 1",
            "phone": "",
        },
    )
    assert resp.status_code == 302
    assert OutsideVotingRequest.objects.get().precinct == world.p101
    resp = c.post(
        url,
        {"iin": standard_persons()[4].iin, "reason": "illness", "applicant": "voter", "where": "x"},
    )
    assert resp.status_code == 200 and "iin" in resp.context["form"].errors
    assert OutsideVotingRequest.objects.count() == 1


def test_applications_after_the_calendar_deadline_are_refused(world: Any) -> None:
    from datetime import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from saylau.web.register.models import Person
    from saylau.web.register.services.outside import application_deadline, apply_for_outside_voting

    deadline = application_deadline(world.election)
    assert deadline.date() < world.election.day
    voter = Person.private_objects.get(iin=standard_persons()[0].iin)
    late = deadline + (
        timezone.make_aware(datetime(2000, 1, 1, 0, 1)) - timezone.make_aware(datetime(2000, 1, 1))
    )
    from saylau.web.elections.windows import OutsideWindow

    with pytest.raises((ValidationError, OutsideWindow)):
        apply_for_outside_voting(
            election=world.election, person=voter, reason="illness", where="x", actor="t", now=late
        )
    assert apply_for_outside_voting(
        election=world.election, person=voter, reason="illness", where="x", actor="t", now=deadline
    ).pk


def test_on_election_day_a_certificate_holder_is_added_to_the_additional_list(world: Any) -> None:
    from datetime import date

    from saylau.web.register.models import Person, VoterListEntry
    from saylau.web.register.services import absentee, voter_lists

    holder = Person.private_objects.get(iin=standard_persons()[0].iin)  # precinct 101
    absentee.ABSENTEE_QUOTA = (1, 5)
    try:
        cert = voter_lists.issue_absentee_certificate(
            election=world.election, person=holder, actor="t", issued_on=date(2099, 3, 10)
        )
    finally:
        absentee.ABSENTEE_QUOTA = (1, 100)
    c = as_user(world.users["precinct_102"])
    url = reverse("register:additional_add", args=[world.election.pk, world.p102.pk])
    c.post(url, {"iin": holder.iin, "certificate": str(cert.number + 1)})  # wrong number
    assert not VoterListEntry.objects.filter(part="additional").exists()
    c.post(url, {"iin": holder.iin, "certificate": str(cert.number)})
    entry = VoterListEntry.objects.get(part="additional")
    assert (entry.voter_list.precinct, entry.number, entry.certificate) == (world.p102, 1, cert)
    # Without a certificate, only a voter of one's own territory.
    c.post(url, {"iin": standard_persons()[4].iin})
    assert VoterListEntry.objects.filter(part="additional").count() == 1


def test_guessing_an_import_of_another_region_finds_nothing(world: Any) -> None:
    from saylau.web.territory.models import Region
    from tests.factories import user_for

    other = Region.objects.create(code="AST", name_kk="Астана", name_ru="Астана")
    foreign = user_for("regional", place=other)
    job = RegisterImport.objects.filter(region=world.region).first()
    assert job is not None
    assert as_user(foreign).get(reverse("register:import", args=[job.pk])).status_code == 404
    assert (
        as_user(world.users["regional"]).get(reverse("register:import", args=[job.pk])).status_code
        == 200
    )


def test_a_voter_in_hospital_is_listed_at_the_special_precinct_of_the_commissions_territory(
    world: Any,
) -> None:
    from saylau.web.register.models import SpecialStay

    hospital = Precinct.objects.get(number=900)  # district D1
    url = reverse("register:special_stay_add", args=[world.election.pk])
    patient = standard_persons()[4].iin  # lives in D2
    as_user(world.users["akimat_d2"]).post(url, {"iin": patient, "precinct": hospital.pk})
    assert not SpecialStay.objects.exists()  # the hospital is outside D2's territory
    as_user(world.users["observer"]).post(url, {"iin": patient, "precinct": hospital.pk})
    assert not SpecialStay.objects.exists()
    resp = as_user(world.users["akimat_d1"]).post(
        url, {"iin": patient, "precinct": hospital.pk, "reason": "больница"}
    )
    assert resp.status_code == 302
    assert SpecialStay.objects.get().precinct == hospital
    lines = world.election.voter_lists.get(precinct=hospital).entries.all()
    assert [e.person.iin for e in lines] == [patient]
    assert world.election.voter_lists.get(precinct=world.p201).voters == 0


def test_a_regional_commission_cannot_import_another_regions_extract(
    world: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from saylau.web.territory.models import Region
    from tests.factories import user_for

    other = Region.objects.create(code="AST", name_kk="Астана", name_ru="Астана")
    foreign = user_for("regional", place=other)
    directory = Extract(persons=[standard_persons()[0].but(first_name="Чужой")]).write(
        tmp_path / "z"
    )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.start_import(user=foreign, directory=directory)
    job = RegisterImport.objects.order_by("-pk").first()
    assert job is not None and job.status == "failed" and "outside your territory" in job.error
    assert not Person.private_objects.filter(first_name="Чужой").exists()


def test_the_list_views_stay_within_their_query_budgets(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    c = as_user(world.users["akimat_d1"])
    for url, params in [
        (reverse("register:index"), {}),
        (reverse("register:election_lists", args=[world.election.pk]), {}),
        (reverse("register:persons"), {"q": "И"}),
        (reverse("register:outside", args=[world.election.pk]), {}),
    ]:
        with django_assert_max_num_queries(15):
            assert c.get(url, params).status_code == 200


def test_only_the_cec_is_offered_a_folder_on_the_server_to_import(
    world: Any, tmp_path: Path
) -> None:
    """Walked: the regional commission's import page offered "or a folder on the server", which
    the import then refuses to anyone but the CEC."""
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    url = reverse("register:imports")
    regional = as_user(world.users["regional"])
    assert 'name="server_path"' not in regional.get(url).content.decode()
    before = RegisterImport.objects.count()
    response = regional.post("/ru" + url, {"server_path": str(directory)})
    assert response.status_code == 200 and RegisterImport.objects.count() == before
    assert "Загрузите ZIP-архив выгрузки." in response.content.decode()
    assert 'name="server_path"' in as_user(world.users["cec"]).get(url).content.decode()
