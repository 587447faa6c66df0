"""The list-audit pages: who sees what, guessed ids, filters, query budgets, the PDF report."""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.web.listaudit.models import AuditRun, Finding
from saylau.web.listaudit.services.runs import start_run

from .builders import finding_of
from .conftest import World


def as_user(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def listed(c: Client, url: str, **params: Any) -> set[str]:
    """The checks of the findings the page lists (not the filter's options), by their codes:
    the page names them in the reader's language."""
    from saylau.web.listaudit.records import NAMES, check_name

    codes = {}
    for lang in ("kk", "ru", "en"):
        with translation.override(lang):
            codes.update({check_name(code): code for code in NAMES})
    html = c.get(url, params).content.decode()
    return {codes[name] for name in re.findall(r'">([^<>]+)</a></th>', html) if name in codes}


@pytest.fixture
def done(world: World, django_capture_on_commit_callbacks: Any) -> AuditRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(user=world.users["cec"], region=world.region, election=world.election)
    run.refresh_from_db()
    return run


def test_a_regional_commission_starts_a_run_from_the_page_and_sees_its_progress(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    c = as_user(world.users["regional"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(
            reverse("listaudit:index"),
            {"region": world.region.pk, "election": world.election.pk, "election_date": ""},
        )
    assert resp.status_code == 302
    run = AuditRun.objects.get()
    page = c.get(resp["Location"])
    assert page.status_code == 200 and "DECEASED" in page.content.decode()
    partial = c.get(resp["Location"], headers={"HX-Request": "true"})
    assert b'id="run-progress"' in partial.content and b"hx-get" not in partial.content
    assert run.status == "done"


def test_users_without_the_right_get_no_start_form_and_a_403_on_post(world: World) -> None:
    for role in ("akimat_d1", "observer"):
        c = as_user(world.users[role])
        assert b'enctype="multipart/form-data"' not in c.get(reverse("listaudit:index")).content
        resp = c.post(reverse("listaudit:index"), {"region": world.region.pk})
        assert resp.status_code == 403


def test_an_uploaded_file_that_is_no_archive_is_refused_on_the_form(world: World) -> None:
    c = as_user(world.users["cec"])
    resp = c.post(
        reverse("listaudit:index"),
        {
            "region": world.region.pk,
            "election_date": "2099-03-21",
            "archive": SimpleUploadedFile("lists.zip", b"not a zip"),
        },
    )
    assert resp.status_code == 200
    assert "ZIP" in resp.content.decode()


def test_a_territorial_user_lists_only_its_districts_findings(world: World, done: AuditRun) -> None:
    url = reverse("listaudit:findings", args=[done.pk])
    assert listed(as_user(world.users["akimat_d1"]), url) == {"DECEASED", "MISSING_VOTER"}
    assert listed(as_user(world.users["akimat_d2"]), url) == {"WRONG_PRECINCT"}
    assert listed(as_user(world.users["precinct_101"]), url) == {"DECEASED"}


def test_guessing_another_districts_finding_id_gives_404_and_resolving_it_too(
    world: World, done: AuditRun
) -> None:
    d1_finding = finding_of(done, "DECEASED")
    c = as_user(world.users["akimat_d2"])
    url = reverse("listaudit:finding", args=[d1_finding.pk])
    assert c.get(url).status_code == 404
    assert c.post(url, {"status": "fixed"}).status_code == 404
    assert c.get(reverse("listaudit:finding", args=[99999])).status_code == 404
    assert Finding.objects.get(pk=d1_finding.pk).status == "open"


def test_observers_see_counts_only(world: World, done: AuditRun) -> None:
    c = as_user(world.users["observer"])
    page = c.get(reverse("listaudit:run", args=[done.pk])).content.decode()
    # The check by its name in the reader's language (Kazakh by default), not by its code.
    assert "Қайтыс болған" in page and ">DECEASED<" not in page
    assert reverse("listaudit:findings", args=[done.pk]) not in page
    assert c.get(reverse("listaudit:findings", args=[done.pk])).status_code == 403
    finding = finding_of(done, "DECEASED")
    assert c.get(reverse("listaudit:finding", args=[finding.pk])).status_code == 403


def test_another_regions_commission_cannot_open_the_run(world: World, done: AuditRun) -> None:
    c = as_user(world.users["regional_other"])
    assert c.get(reverse("listaudit:run", args=[done.pk])).status_code == 404
    assert c.get(reverse("listaudit:analysis", args=[world.region.pk])).status_code == 404


@pytest.mark.usefixtures("in_russian")
def test_resolving_from_the_page_dismisses_with_a_reason_only(world: World, done: AuditRun) -> None:
    finding = finding_of(done, "DECEASED")
    c = as_user(world.users["akimat_d1"])
    url = reverse("listaudit:finding", args=[finding.pk])
    assert "Сохранить решение" in c.get(url).content.decode()
    resp = c.post(url, {"status": "dismissed", "reason": ""})
    assert resp.status_code == 200 and Finding.objects.get(pk=finding.pk).status == "open"
    resp = c.post(url, {"status": "dismissed", "reason": "the registry is wrong"})
    assert resp.status_code == 302
    assert Finding.objects.get(pk=finding.pk).status == "dismissed"
    assert "the registry is wrong" in c.get(url).content.decode()
    precinct = as_user(world.users["precinct_101"]).get(url)
    assert precinct.status_code == 200 and "Сохранить решение" not in precinct.content.decode()


def test_findings_filter_by_check_severity_district_precinct_and_status(
    world: World, done: AuditRun
) -> None:
    c = as_user(world.users["cec"])
    url = reverse("listaudit:findings", args=[done.pk])

    def checks(**params: Any) -> set[str]:
        return listed(c, url, **params)

    assert checks() == {"DECEASED", "WRONG_PRECINCT", "MISSING_VOTER"}
    assert checks(check="DECEASED") == {"DECEASED"}
    assert checks(district=world.d2.pk) == {"WRONG_PRECINCT"}
    assert checks(precinct=102) == {"MISSING_VOTER"}
    assert checks(severity="warning") == set()
    finding_of(done, "DECEASED").__class__.objects.filter(check_code="DECEASED").update(
        status="fixed"
    )
    assert checks(status="unresolved") == {"WRONG_PRECINCT", "MISSING_VOTER"}
    assert checks(status="fixed") == {"DECEASED"}


def test_the_findings_list_keeps_a_query_budget(
    world: World, done: AuditRun, django_assert_max_num_queries: Any
) -> None:
    first = Finding.objects.filter(run=done).first()
    assert first is not None
    Finding.objects.bulk_create(
        [
            Finding(
                run=done,
                region=world.region,
                district=first.district,
                precinct=first.precinct,
                seq=100 + i,
                check_code="MISSING_VOTER",
                severity="error",
                fingerprint=f"x{i}",
                digest="d",
                message="m",
            )
            for i in range(120)
        ]
    )
    c = as_user(world.users["cec"])
    with django_assert_max_num_queries(12):
        resp = c.get(reverse("listaudit:findings", args=[done.pk]), {"page": 2})
    assert resp.status_code == 200


@pytest.mark.usefixtures("in_russian")
def test_the_analysis_page_has_charts_with_text_alternatives_and_tables(
    world: World, done: AuditRun, django_assert_max_num_queries: Any
) -> None:
    c = as_user(world.users["observer"])
    with django_assert_max_num_queries(25):
        resp = c.get(reverse("listaudit:analysis", args=[world.region.pk]))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert html.count('role="img"') == 5 and html.count("<title id=") == 5
    assert '<th scope="row">18–19</th>' in html
    assert "Жамбылская область" in html


def pdf_text(data: bytes) -> str:
    """The uncompressed streams and info strings of a PDF, for a rough text search."""
    parts = [data.decode("latin-1")]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_the_pdf_report_renders_in_the_users_language_with_the_region_name(
    world: World, done: AuditRun, lang: str
) -> None:
    c = as_user(world.users["regional"])
    with translation.override(lang):
        url = reverse("listaudit:analysis_pdf", args=[world.region.pk])
    assert url.startswith(f"/{lang}/") or lang == "kk"
    resp = c.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    name = {"ru": "Жамбылская область", "kk": "Жамбыл облысы", "en": "Zhambyl oblast"}[lang]
    title = re.search(rb"/Title \((.*?)\)", resp.content, re.S)
    assert title is not None
    assert name in decode_pdf_string(title.group(1))
    assert io.BytesIO(resp.content).getbuffer().nbytes > 5000


def decode_pdf_string(raw: bytes) -> str:
    text = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
    text = re.sub(rb"\\(.)", rb"\1", text)
    if text.startswith(b"\xfe\xff"):
        return text[2:].decode("utf-16-be")
    return text.decode("latin-1")


def test_the_pages_speak_russian_by_default_and_kazakh_on_request(
    world: World, done: AuditRun
) -> None:
    c = as_user(world.users["regional"])
    with translation.override("ru"):
        index = reverse("listaudit:index")
    assert "Проверка списков избирателей" in c.get(index).content.decode()
    with translation.override("kk"):
        url = reverse("listaudit:analysis", args=[world.region.pk])
    html = c.get(url).content.decode()
    assert "Жас-жыныс пирамидасы" in html and "Жамбыл облысы" in html


def test_a_national_election_is_offered_and_its_lists_in_the_region_are_audited(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """A Mazhilis election has no region; its lists in the region are still the region's to
    audit (walked: the form offered only the region's maslikhat election, not the coming
    Mazhilis one whose lists held the absentee certificates)."""
    from saylau.web.elections.models import Election
    from saylau.web.register.services.voter_lists import compile_lists
    from tests.factories import ElectionFactory

    national: Election = ElectionFactory(  # type: ignore[no-untyped-call,assignment]
        region=None, body=Election.Body.MAZHILIS, day=world.election.day
    )
    compile_lists(election=national, actor="t")
    # after compiling, a voter of the national list dies: the audit must say so
    from saylau.web.register.models import Person, VoterListEntry

    entry = VoterListEntry.objects.filter(voter_list__election=national).first()
    assert entry is not None
    Person.private_objects.filter(pk=entry.person_id).update(death_date=national.day.replace(day=1))
    c = as_user(world.users["regional"])
    page = c.get(reverse("listaudit:index")).content.decode()
    assert f'<option value="{national.pk}">' in page
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(
            reverse("listaudit:index"),
            {"region": world.region.pk, "election": national.pk, "election_date": ""},
        )
    assert resp.status_code == 302, resp.content.decode()[:500]
    run = AuditRun.objects.get(election=national)
    assert run.status == "done"
    deceased = run.findings.filter(check_code="DECEASED")
    assert any(entry.person.iin in f.iins for f in deceased)
