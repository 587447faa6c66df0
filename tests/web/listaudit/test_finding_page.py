"""An analyst can act on a finding: the records side by side, which fields agree, the rule in
the user's language, and one click to the list line or the person to fix (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.web.listaudit.models import AuditRun, Finding
from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import VoterListEntry

from .builders import finding_of
from .conftest import World


@pytest.fixture
def done(world: World, django_capture_on_commit_callbacks: Any) -> AuditRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(user=world.users["cec"], region=world.region, election=world.election)
    run.refresh_from_db()
    return run


def page(world: World, finding: Finding, lang: str = "ru") -> str:
    c = Client()
    c.force_login(world.users["cec"])
    with translation.override(lang):  # the language is in the path: /kk/...
        resp = c.get(reverse("listaudit:finding", args=[finding.pk]))
    assert resp.status_code == 200
    return resp.content.decode()


def test_a_wrong_precinct_finding_shows_the_line_the_rule_and_where_to_fix_it(
    world: World, done: AuditRun
) -> None:
    finding = finding_of(done, "WRONG_PRECINCT")
    html = page(world, finding)
    assert "Бекова" in html  # the line's record
    assert "не по открепительному удостоверению" in html  # the rule, in Russian
    entry = VoterListEntry.objects.get(person__last_name="Бекова")
    assert reverse("register:list", args=[world.election.pk, entry.voter_list.precinct_id]) in html
    assert reverse("register:person", args=[entry.person_id]) in html


def test_a_duplicate_shows_both_records_side_by_side_and_which_fields_agree(
    world: World, done: AuditRun
) -> None:
    a, b = list(
        VoterListEntry.objects.filter(voter_list__election=world.election, part="main")
        .select_related("voter_list__precinct", "person")
        .order_by("pk")[:2]
    )
    base = finding_of(done, "WRONG_PRECINCT")
    lines = [[e.voter_list.precinct.number, e.number] for e in (a, b)]
    dup = Finding.objects.create(
        run=done,
        region=base.region,
        seq=999,
        check_code="PROBABLE_DUPLICATE_PERSON",
        severity="warning",
        fingerprint="x",
        digest="x",
        lines=lines,
        iins=[a.person.iin, b.person.iin],
        message="probably one person",
        evidence={
            "score": 0.93,
            "pairs": [
                {
                    "lines": [{"precinct_no": p, "line_no": n} for p, n in lines],
                    "kind": "maiden_surname",
                    "score": 0.93,
                }
            ],
        },
    )
    html = page(world, dup)
    assert a.person.last_name in html and b.person.last_name in html
    assert a.person.iin in html and b.person.iin in html
    assert "≠" in html  # two people of the test register differ somewhere
    assert "девичья" in html  # the kind of duplicate, in Russian
    assert "0.93" in html
    kk = page(world, dup, "kk")
    assert "Ереже" in kk  # "the rule" in Kazakh


def test_the_finding_speaks_the_readers_language_and_english_keeps_the_engines_message(
    world: World, done: AuditRun
) -> None:
    finding = finding_of(done, "WRONG_PRECINCT")
    russian, kazakh, english = (page(world, finding, lang) for lang in ("ru", "kk", "en"))
    assert finding.message not in russian and finding.message not in kazakh
    assert "не по открепительному удостоверению" in russian
    assert finding.message in english


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("kk", "12.03.2010 туған: 21.03.2099 сайлау күні 18-ге толмаған (18-ге 12.03.2028 толады)."),
        ("ru", "Родился(ась) 12.03.2010: в день выборов 21.03.2099 нет 18 лет (18 исполнится 12.03.2028)."),
    ],
)  # fmt: skip
def test_a_findings_one_sentence_carries_its_particulars_in_the_readers_language(
    world: World, done: AuditRun, language: str, said: str
) -> None:
    base = finding_of(done, "WRONG_PRECINCT")
    young = Finding.objects.create(
        run=done,
        region=base.region,
        district=base.district,
        precinct=base.precinct,
        seq=998,
        check_code="UNDERAGE",
        severity="error",
        fingerprint="y",
        digest="y",
        lines=base.lines,
        iins=base.iins,
        message="Listed voter born on 2010-03-12 turns 18 on 2028-03-12, after election day",
        evidence={"birth_date": "2010-03-12", "turns_18_on": "2028-03-12"},
    )
    detail = page(world, young, language)
    assert said in detail and young.message not in detail
    c = Client()
    c.force_login(world.users["cec"])
    with translation.override(language):
        listed = c.get(reverse("listaudit:findings", args=[done.pk])).content.decode()
    assert said in listed and young.message not in listed
    # The wrong precinct, with its precincts and address, is a sentence too.
    e = base.evidence
    wrong = page(world, base, language)
    home, there = f"№{e['address_precinct_no']}", f"№{e['listed_precinct_no']}"
    assert home in wrong and there in wrong and str(e["registered_address_id"]) in wrong
    assert base.message not in wrong and base.message not in listed


def test_an_uploaded_lists_finding_shows_its_lines_as_written_after_the_upload_is_deleted(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    from saylau.web.listaudit.services.runs import upload_root
    from saylau.web.register.models import Person

    from .conftest import DAY
    from .test_runs import listed, lists_csv

    person = Person.private_objects.select_related("address").get(last_name="Әбілов")
    rows = [listed(person, 101, 1), listed(person, 102, 7)]  # one IIN on two lists
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("voter_lists.csv", lists_csv(rows))
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            user=world.users["cec"],
            region=world.region,
            election_date=DAY,
            upload=SimpleUploadedFile("lists.zip", buf.getvalue()),
        )
    assert not (upload_root() / f"run-{run.pk}").exists()  # the voters' file is not kept
    dup = finding_of(run, "DUPLICATE_IIN")
    html = page(world, dup)
    assert html.count("Әбілов") >= 2 and html.count(person.iin) >= 2
    assert person.birth_date.strftime("%d.%m.%Y") in html
    assert str(person.address) in html  # the address named, not its registry id
    assert "✓" in html and "≠" not in html  # the two lines agree field by field
    # The check filter names the checks, not their codes.
    c = Client()
    c.force_login(world.users["cec"])
    with translation.override("ru"):
        listing = c.get(reverse("listaudit:findings", args=[run.pk])).content.decode()
    assert 'value="DUPLICATE_IIN">Один ИИН в нескольких строках<' in listing


def test_a_record_without_a_value_is_not_said_to_agree() -> None:
    from saylau.web.listaudit.records import Record, _rows

    with translation.override("en"):
        rows = _rows([Record(label="a", last_name="Ким"), Record(label="b", last_name="Ким")])
    by_label = {str(r.label): r for r in rows}
    assert by_label["Last name"].agree is True
    assert by_label["First name"].agree is None  # both empty: nothing to compare
