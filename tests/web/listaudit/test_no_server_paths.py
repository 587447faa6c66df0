"""Issue 11, item 9: an upload's error names the file as the user knows it, never a folder of
the server."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import RegisterImport

from .conftest import DAY, World
from .test_runs import lists_csv

ABSOLUTE = re.compile(r"(^|[\s(])/[\w.-]+/")


def test_a_bad_uploaded_list_fails_without_naming_a_server_folder(
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
    assert "voter_lists.csv:2" in run.error
    assert str(settings.MEDIA_ROOT) not in run.error
    assert not ABSOLUTE.search(run.error), run.error


def test_a_broken_register_upload_fails_without_naming_a_server_folder(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("extract/districts.csv", "district_code,name_kk,name_ru,kind\n")
        zf.writestr("extract/region.json", '{"code": "ZHA"}')
    from django.test import Client

    c = Client()
    c.force_login(world.users["regional"])
    with django_capture_on_commit_callbacks(execute=True):  # the queued task runs here
        c.post(
            reverse("register:imports"), {"archive": SimpleUploadedFile("x.zip", buf.getvalue())}
        )
    job = RegisterImport.objects.order_by("-pk").first()
    assert job is not None and job.status == "failed"
    assert job.error and str(settings.MEDIA_ROOT) not in job.error
    assert not ABSOLUTE.search(job.error), job.error
    page = c.get(reverse("register:import", args=[job.pk])).content.decode()
    assert str(settings.MEDIA_ROOT) not in page
