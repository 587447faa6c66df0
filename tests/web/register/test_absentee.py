"""Absentee certificates in the legal form: application, window, numbers, the remark on the
home list, the certificate and its register, cancellation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from saylau.web.audit.models import AuditEvent
from saylau.web.core import clock
from saylau.web.register import exports
from saylau.web.register.models import AbsenteeCertificate, Person, VoterListEntry
from saylau.web.register.services import absentee
from saylau.web.register.services.voter_lists import (
    add_to_additional_list,
    cancel_absentee_certificate,
    compile_lists,
    issue_absentee_certificate,
)

from .builders import standard_persons

IN_WINDOW = date(2099, 3, 10)


@pytest.fixture(autouse=True)
def _roomy_quota() -> Any:
    absentee.ABSENTEE_QUOTA = (1, 1)
    yield
    absentee.ABSENTEE_QUOTA = (1, 100)


def voter(n: int) -> Person:
    return Person.private_objects.get(iin=standard_persons()[n].iin)


def issue(world: Any, n: int = 0, **kw: Any) -> AbsenteeCertificate:
    kw.setdefault("issued_on", IN_WINDOW)
    return issue_absentee_certificate(
        election=world.election, person=voter(n), actor="t", reason="travel", **kw
    )


def test_an_application_gives_a_numbered_certificate_and_a_remark_on_the_home_list(
    world: Any,
) -> None:
    cert = issue(world, applied_on=date(2099, 3, 9), reason_text="командировка")
    assert (cert.number, cert.reason, cert.applied_on) == (1, "travel", date(2099, 3, 9))
    line = VoterListEntry.objects.get(voter_list__election=world.election, person=voter(0))
    assert line.part == "main" and line.certificate == cert
    assert "1" in line.remarks
    # A recompiled list keeps the voter and the remark.
    compile_lists(election=world.election, actor="t")
    line = VoterListEntry.objects.get(voter_list__election=world.election, person=voter(0))
    assert line.certificate == cert
    vl = line.voter_list
    entries = list(vl.entries.select_related("person__address", "certificate"))
    assert any("1" in row[-1] for row in exports.rows(entries))
    assert b"remarks" in exports.list_csv(vl, entries).splitlines()[0]
    assert exports.list_pdf(vl, entries, language="kk").startswith(b"%PDF")


def test_a_number_used_twice_is_refused_and_nothing_changes(world: Any) -> None:
    issue(world, number=17)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        issue(world, 1, number=17)
    assert caught.value.code == "absentee.number_taken" and "17" in caught.value.messages[0]
    assert AbsenteeCertificate.objects.count() == 1 and AuditEvent.objects.count() == before
    assert VoterListEntry.objects.get(person=voter(1)).certificate is None


def test_an_application_outside_its_window_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        issue(world, applied_on=date(2099, 1, 5))
    assert caught.value.code == "absentee.window"
    with pytest.raises(ValidationError):
        issue(world, applied_on=date(2099, 3, 21))  # election day itself
    assert not AbsenteeCertificate.objects.exists()


def test_someone_not_a_voter_or_not_on_a_list_gets_no_certificate(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        issue(world, 5)  # the foreign citizen of the standard register
    assert caught.value.code == "absentee.not_voter"
    assert not AbsenteeCertificate.objects.exists()


def test_a_holder_votes_on_the_additional_list_and_a_cancelled_certificate_does_not_count(
    world: Any,
) -> None:
    cert = issue(world)
    cancelled = cancel_absentee_certificate(certificate=cert, actor="t", reason="вернул")
    assert cancelled.status == "cancelled"
    line = VoterListEntry.objects.get(voter_list__election=world.election, person=voter(0))
    assert line.certificate is None and line.remarks == ""
    with pytest.raises(ValidationError) as caught:
        add_to_additional_list(
            election=world.election,
            precinct=world.p102,
            person=voter(0),
            actor="t",
            certificate=cancelled,
        )
    assert caught.value.code == "absentee.cancelled"
    again = issue(world)  # a new certificate after the cancelled one
    assert again.number == 2
    entry = add_to_additional_list(
        election=world.election, precinct=world.p102, person=voter(0), actor="t", certificate=again
    )
    assert entry.part == "additional" and "2" in entry.remarks
    with pytest.raises(ValidationError):
        cancel_absentee_certificate(certificate=again, actor="t", reason="поздно")


def test_the_register_of_certificates_page_pdf_csv_and_the_certificate_itself(world: Any) -> None:
    cert = issue(world)
    cancel_absentee_certificate(certificate=issue(world, 1), actor="t", reason="вернул")
    c = Client()
    c.force_login(world.users["akimat_d1"])
    page = c.get(reverse("register:absentee_register", args=[world.election.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and voter(0).full_name in html and voter(1).full_name in html
    csv_text = c.get(
        reverse("register:absentee_register_export", args=[world.election.pk, "csv"])
    ).content.decode()
    assert "cancelled" in csv_text and "issued" in csv_text
    for lang in ("ru", "kk"):
        pdf = c.get(
            reverse("register:absentee_register_export", args=[world.election.pk, "pdf"]),
            {"lang": lang},
        )
        assert pdf.content.startswith(b"%PDF")
        one = c.get(
            reverse("register:absentee_pdf", args=[world.election.pk, cert.number]), {"lang": lang}
        )
        assert one.status_code == 200 and one.content.startswith(b"%PDF")
    # Another district's akimat does not see them.
    other = Client()
    other.force_login(world.users["akimat_d2"])
    assert (
        other.get(
            reverse("register:absentee_pdf", args=[world.election.pk, cert.number])
        ).status_code
        == 404
    )


def test_the_precinct_issues_and_cancels_on_its_pages(world: Any) -> None:
    c = Client()
    c.force_login(world.users["precinct_101"])
    url = reverse("register:absentee_issue", args=[world.election.pk, world.p101.pk])
    with clock.travel(IN_WINDOW):
        c.post(url, {"line": "1", "reason": "treatment", "applied_on": "2099-03-09", "number": "5"})
        c.post(url, {"line": "2", "reason": "travel", "applied_on": "2099-03-09", "number": "5"})
        cert = AbsenteeCertificate.objects.get()
        assert (cert.number, cert.reason) == (5, "treatment")
        c.post(
            reverse("register:absentee_cancel", args=[world.election.pk, 5]), {"reason": "вернул"}
        )
    assert AbsenteeCertificate.objects.get().status == "cancelled"
    assert AuditEvent.objects.filter(action="register.absentee.cancel").count() == 1
