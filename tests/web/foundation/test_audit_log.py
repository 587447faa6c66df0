"""The audit-log page and `saylau audit-log verify`."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from saylau.commands import audit_log
from saylau.web.audit.models import AuditEvent
from saylau.web.audit.services import EventSpec, record_event, record_events, verify_chain
from tests.factories import DistrictFactory, RegionFactory, user_for

pytestmark = pytest.mark.django_db


def verify(capsys, *anchor_files: str) -> tuple[int, str]:
    import argparse

    status = audit_log.run_verify(argparse.Namespace(anchor=list(anchor_files)))
    return status, capsys.readouterr().out


def make_events(n: int) -> None:
    for i in range(n):
        record_event(
            actor="test", action="test.step", target_type="thing", target_id=i, new={"i": i}
        )


def test_verify_says_ok_and_counts_the_events_of_an_intact_log(capsys) -> None:
    make_events(5)
    head = AuditEvent.objects.get(seq=5).hash
    assert verify(capsys) == (0, f"OK 5 events, head #5 {head}\n")


def test_verify_of_an_empty_log_is_ok(capsys) -> None:
    assert verify(capsys) == (0, "OK 0 events\n")


def test_verify_finds_an_event_edited_with_raw_sql(capsys) -> None:
    make_events(5)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET target_id = %s WHERE seq = %s", ["forged", 3])  # noqa: S608
    status, out = verify(capsys)
    assert status == 1
    assert "event 3: hash_mismatch" in out
    assert "BROKEN" in out


def test_verify_finds_an_event_deleted_with_raw_sql(capsys) -> None:
    make_events(5)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE seq = %s", [2])  # noqa: S608
    status, out = verify(capsys)
    assert status == 1
    assert "event 3: gap" in out
    assert "event 3: broken_link" in out
    assert "event 2 is missing" in out


def test_a_batch_of_events_continues_the_chain_and_verifies(capsys) -> None:
    make_events(2)
    specs = (EventSpec("test.batch", "thing", i, old=None, new={"i": i}) for i in range(7))
    assert record_events(actor="batch", events=specs, batch_size=3) == 7
    record_event(actor="test", action="test.after", target_type="thing", target_id="x")
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 11))
    batch = AuditEvent.objects.filter(action="test.batch")
    assert [e.new for e in batch] == [{"i": i} for i in range(7)]
    assert {e.actor_label for e in batch} == {"batch"}
    assert verify_chain() == []
    assert verify(capsys)[0] == 0


def test_an_empty_batch_writes_nothing() -> None:
    assert record_events(actor=None, events=[]) == 0
    assert not AuditEvent.objects.exists()


def test_a_batch_is_found_when_one_of_its_events_is_edited(capsys) -> None:
    record_events(actor="b", events=[EventSpec("test.batch", "t", i) for i in range(4)])
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = %s WHERE seq = %s", ["forged", 2])  # noqa: S608
    status, out = verify(capsys)
    assert status == 1
    assert "event 2: hash_mismatch" in out


def test_a_published_head_shows_a_log_cut_off_after_it(capsys, tmp_path) -> None:
    import argparse

    make_events(5)
    audit_log.run_head(argparse.Namespace())
    published = tmp_path / "heads.txt"
    published.write_text(capsys.readouterr().out, encoding="utf-8")
    assert published.read_text().startswith("#5 ")
    assert verify(capsys, str(published)) == (
        0,
        f"OK 5 events, head #5 {AuditEvent.objects.get(seq=5).hash}, 1 anchor(s) hold\n",
    )
    # Cutting off the newest events leaves an intact chain: only the anchor shows it.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq >= 4")  # noqa: S608
    status, out = verify(capsys, str(published))
    assert status == 1
    assert "event 5: anchor_missing" in out


def test_a_published_head_shows_a_log_rewritten_with_recomputed_hashes(capsys, tmp_path) -> None:
    from saylau.web.audit.services import GENESIS, seal

    make_events(3)
    published = tmp_path / "heads.txt"
    published.write_text(f"#3 {AuditEvent.objects.get(seq=3).hash}\n", encoding="utf-8")
    # Someone with database access forges event 2 and recomputes every hash after it.
    table = AuditEvent._meta.db_table
    prev = GENESIS
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET target_id = 'forged' WHERE seq = 2")  # noqa: S608
        for event in AuditEvent.objects.order_by("seq"):
            event.prev_hash = prev
            digest = seal(event)
            cursor.execute(
                f"UPDATE {table} SET prev_hash = %s, hash = %s WHERE seq = %s",  # noqa: S608
                [prev, digest, event.seq],
            )
            prev = digest
    assert verify(capsys)[0] == 0  # the chain alone cannot tell
    status, out = verify(capsys, str(published))
    assert status == 1
    assert "event 3: anchor_mismatch" in out


def test_an_anchor_file_without_an_anchor_is_an_input_error(tmp_path) -> None:
    import argparse

    from saylau.errors import InputError

    empty = tmp_path / "heads.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        audit_log.run_verify(argparse.Namespace(anchor=[str(empty)]))
    assert caught.value.file == str(empty)


def test_the_command_line_front_runs_verify() -> None:
    from saylau.cli import build_parser

    args = build_parser().parse_args(["audit-log", "verify"])
    assert args.handler is audit_log.run_verify


def test_the_cec_sees_every_event_and_can_filter_by_action(client: Client) -> None:
    record_event(actor="x", action="register.import", target_type="t", target_id=1)
    record_event(actor="x", action="results.protocol.submit", target_type="t", target_id=2)
    client.force_login(user_for("cec"))
    response = client.get(reverse("audit:index"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    head = AuditEvent.objects.get(seq=2).hash
    assert f"#2 {head}" in response.content.decode()  # the head to publish
    filtered = client.get(reverse("audit:index"), {"action": "register.import"})
    assert [e.action for e in filtered.context["page"].object_list] == ["register.import"]


def test_a_regional_user_sees_the_events_of_actors_in_their_region(client: Client) -> None:
    region = RegionFactory()
    other = RegionFactory(code="ALA", name_ru="Алматы", name_kk="Алматы")
    insider = user_for("akimat", place=DistrictFactory(region=region))
    outsider = user_for("akimat", place=DistrictFactory(region=other))
    record_event(actor=insider, action="register.import", target_type="t", target_id=1)
    record_event(actor=outsider, action="register.import", target_type="t", target_id=2)
    client.force_login(user_for("regional", place=region))
    events = client.get(reverse("audit:index")).context["page"].object_list
    assert [e.actor_label for e in events] == [insider.username]


def test_other_roles_may_not_read_the_audit_log(client: Client) -> None:
    district = DistrictFactory()
    for role in ("territorial", "akimat", "observer"):
        client.force_login(
            user_for(role, place=district if role != "observer" else district.region)
        )
        assert client.get(reverse("audit:index")).status_code == 403


def test_the_audit_page_stays_within_its_query_budget(
    client: Client, django_assert_max_num_queries
) -> None:
    actor = user_for("cec")
    for i in range(60):
        record_event(actor=actor, action="test.step", target_type="t", target_id=i)
    client.force_login(actor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("audit:index")).status_code == 200
