"""Resolving findings: fixed, confirmed, dismissed with a reason; what the next run shows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F

from saylau.web.audit.models import AuditEvent
from saylau.web.listaudit.models import AuditRun, Finding, Resolution
from saylau.web.listaudit.services.resolve import resolve_finding
from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import Person, VoterListEntry

from .builders import finding_of
from .conftest import World


def run(world: World, capture: Any) -> AuditRun:
    with capture(execute=True):
        r = start_run(user=world.users["cec"], region=world.region, election=world.election)
    r.refresh_from_db()
    assert r.status == "done", r.error
    return r


def test_dismissing_needs_a_reason(world: World, django_capture_on_commit_callbacks: Any) -> None:
    f = finding_of(run(world, django_capture_on_commit_callbacks), "DECEASED")
    with pytest.raises(ValidationError):
        resolve_finding(user=world.users["akimat_d1"], finding_id=f.pk, status="dismissed")
    with pytest.raises(ValidationError):
        resolve_finding(user=world.users["akimat_d1"], finding_id=f.pk, status="lost")
    assert Finding.objects.get(pk=f.pk).status == "open"


def test_each_resolution_is_an_audit_event_with_old_and_new_status(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    f = finding_of(run(world, django_capture_on_commit_callbacks), "DECEASED")
    resolve_finding(user=world.users["akimat_d1"], finding_id=f.pk, status="confirmed")
    resolve_finding(
        user=world.users["akimat_d1"],
        finding_id=f.pk,
        status="dismissed",
        reason="death record in error",
    )
    events = AuditEvent.objects.filter(
        target_type="listaudit.finding", target_id=str(f.pk)
    ).order_by("seq")
    assert [e.action for e in events] == [
        "listaudit.finding.confirmed",
        "listaudit.finding.dismissed",
    ]
    assert events[1].old["status"] == "confirmed"
    assert events[1].new["reason"] == "death record in error"
    assert Resolution.objects.get().status == "dismissed"


def test_a_territorial_user_resolves_only_its_districts_findings(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    r = run(world, django_capture_on_commit_callbacks)
    d1_finding = finding_of(r, "DECEASED")
    for role in ("akimat_d2", "territorial_d2", "observer", "precinct_101", "regional_other"):
        with pytest.raises(PermissionDenied):
            resolve_finding(user=world.users[role], finding_id=d1_finding.pk, status="fixed")
    d2_finding = finding_of(r, "WRONG_PRECINCT")
    resolve_finding(user=world.users["territorial_d2"], finding_id=d2_finding.pk, status="fixed")


def test_a_resolved_finding_stays_resolved_on_the_next_run_while_its_data_is_the_same(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    first = run(world, django_capture_on_commit_callbacks)
    f = finding_of(first, "WRONG_PRECINCT")
    resolve_finding(
        user=world.users["akimat_d2"],
        finding_id=f.pk,
        status="dismissed",
        reason="moves back in May",
    )
    second = run(world, django_capture_on_commit_callbacks)
    again = finding_of(second, "WRONG_PRECINCT")
    assert again.pk != f.pk and again.fingerprint == f.fingerprint
    assert again.status == "dismissed" and again.resolution.reason == "moves back in May"  # type: ignore[union-attr]
    assert finding_of(second, "DECEASED").status == "open"


def test_a_resolved_finding_reopens_when_its_data_changes_and_shows_the_old_resolution(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    f = finding_of(run(world, django_capture_on_commit_callbacks), "DECEASED")
    resolve_finding(user=world.users["akimat_d1"], finding_id=f.pk, status="confirmed")
    Person.private_objects.filter(last_name="Иванова").update(death_date=date(2099, 2, 1))
    again = finding_of(run(world, django_capture_on_commit_callbacks), "DECEASED")
    assert again.fingerprint == f.fingerprint and again.digest != f.digest
    assert again.status == "reopened"
    assert again.resolution is not None and again.resolution.status == "confirmed"


def test_the_fingerprint_survives_a_renumbered_list(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    f = finding_of(run(world, django_capture_on_commit_callbacks), "DECEASED")
    resolve_finding(user=world.users["akimat_d1"], finding_id=f.pk, status="fixed")
    # The list of precinct 101 is renumbered (say, a voter added at the top of the alphabet).
    entries = VoterListEntry.objects.filter(voter_list__precinct=world.precincts[101])
    entries.update(number=F("number") + 10)
    again = finding_of(run(world, django_capture_on_commit_callbacks), "DECEASED")
    assert again.lines != f.lines
    assert again.fingerprint == f.fingerprint and again.status == "fixed"
