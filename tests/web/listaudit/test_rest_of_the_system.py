"""The list audit knows the rest of the system: absentee certificates, stays in special
precincts, additional lists and home voting are rights on record, not list errors (issue 18:
141 certificates had given 139 MISSING_VOTER and 2 WRONG_PRECINCT false findings)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from saylau.web.listaudit.models import AuditRun, Finding
from saylau.web.listaudit.services.export import register_inputs
from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import OutsideVotingRequest, VoterListEntry
from saylau.web.register.services import absentee, voter_lists

from .conftest import World

#: What the world's register changes give, with no certificate anywhere (test_runs).
BASE = {"DECEASED": 1, "WRONG_PRECINCT": 1, "MISSING_VOTER": 1}


def run_db(world: World, capture: Any) -> AuditRun:
    with capture(execute=True):
        run = start_run(user=world.users["cec"], region=world.region, election=world.election)
    run.refresh_from_db()
    assert run.status == AuditRun.Status.DONE, run.error
    return run


def healthy_entries(world: World) -> list[VoterListEntry]:
    """Main-list lines of voters the register changes did not touch, in precinct 101/102."""
    return list(
        VoterListEntry.objects.filter(
            voter_list__election=world.election,
            part=VoterListEntry.Part.MAIN,
            voter_list__precinct__number__in=[101, 102],
        )
        .exclude(person__last_name__in=["Иванова", "Бекова"])
        .select_related("person", "voter_list__precinct")
        .order_by("pk")
    )


@pytest.fixture
def generous_quota(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    monkeypatch.setattr(absentee, "ABSENTEE_QUOTA", (1, 1))  # a five-voter region
    settings.SAYLAU_AS_OF = "2099-03-10T10:00"  # inside the window of absentee certificates


def test_certificate_holders_are_neither_missing_nor_in_the_wrong_precinct(
    world: World, django_capture_on_commit_callbacks: Any, generous_quota: None
) -> None:
    holders = healthy_entries(world)[:2]
    assert len(holders) == 2
    certificates = [
        voter_lists.issue_absentee_certificate(
            election=world.election, person=e.person, actor="t", issued_on=date(2099, 3, 10)
        )
        for e in holders
    ]
    # One holder votes in precinct 201 (another district): an additional-list line there.
    voter_lists.add_to_additional_list(
        election=world.election,
        precinct=world.precincts[201],
        person=holders[0].person,
        actor="t",
        certificate=certificates[0],
    )
    run = run_db(world, django_capture_on_commit_callbacks)
    about_holders = [
        f.check_code
        for f in Finding.objects.filter(run=run)
        if {e.person.iin for e in holders} & set(f.iins)
    ]
    assert about_holders == []
    # The register's own changes are still found (the death in precinct 101 is gone with
    # the list recompiled at issuing; the move and the newcomer are not).
    assert run.counts.get("WRONG_PRECINCT") and run.counts.get("MISSING_VOTER")


def test_the_export_says_who_holds_a_certificate_and_why_a_line_is_there(
    world: World, generous_quota: None
) -> None:
    holder = healthy_entries(world)[0].person
    voter_lists.issue_absentee_certificate(
        election=world.election, person=holder, actor="t", issued_on=date(2099, 3, 10)
    )
    inputs = register_inputs(world.region.pk, election_id=world.election.pk)
    held = dict(inputs.persons.select("iin", "absentee").iter_rows())
    assert held[holder.iin] is True
    assert sum(held.values()) == 1
    assert set(inputs.lines["basis"].to_list()) <= {"residence", "special_stay"}


def test_home_voting_requests_change_no_finding(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    entry = healthy_entries(world)[0]
    OutsideVotingRequest.objects.create(
        election=world.election,
        precinct=entry.voter_list.precinct,
        person=entry.person,
        reason=OutsideVotingRequest.Reason.ILLNESS,
        where="home",
        received_at="2099-03-20T10:00:00+05:00",
    )
    assert run_db(world, django_capture_on_commit_callbacks).counts == BASE
