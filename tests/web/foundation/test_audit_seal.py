"""Issue 11, item 4: the hash of an audit event seals every column of the table, so that a
change of any single column (the actor's user id set to NULL, say) fails ``audit-log verify``,
with or without published anchors."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from saylau.commands import audit_log
from saylau.web.audit.models import AuditEvent
from saylau.web.audit.services import GENESIS, event_digest, record_event, verify_chain
from tests.factories import RegionFactory, user_for

pytestmark = pytest.mark.django_db

#: The row key is no part of the event (the chain is ordered and linked by ``seq``); ``hash``
#: is the seal itself (changing it breaks the chain as surely).
NOT_CONTENT = {"id"}


def tampered(field: Any, event: AuditEvent, other_user: Any) -> Any:
    """Another value for ``field`` of ``event``, as the database stores it."""
    name = field.name
    if name == "actor":
        return None
    if name == "created_at":
        return event.created_at + timedelta(microseconds=1)
    if name == "seq":
        return event.seq + 1000
    if name in ("old", "new"):
        return json.dumps({"forged": True})
    if name in ("prev_hash", "hash"):
        return "f" * 64
    if name == "hash_version":
        return 1
    return "forged"


def columns() -> list[Any]:
    return [f for f in AuditEvent._meta.concrete_fields if f.name not in NOT_CONTENT]


def verify(capsys: pytest.CaptureFixture[str], *anchors: str) -> tuple[int, str]:
    status = audit_log.run_verify(argparse.Namespace(anchor=list(anchors)))
    return status, capsys.readouterr().out


@pytest.fixture
def chain(tmp_path: Path) -> tuple[Any, Path]:
    region = RegionFactory()  # type: ignore[no-untyped-call]
    officer = user_for("regional", place=region)
    other = user_for("regional", place=region)
    for i in range(3):
        record_event(
            actor=officer,
            action="test.step",
            target_type="thing",
            target_id=i,
            old={"i": i - 1},
            new={"i": i},
        )
    anchor = tmp_path / "heads.txt"
    last = AuditEvent.objects.get(seq=3)
    anchor.write_text(f"#{last.seq} {last.hash}\n", encoding="utf-8")
    return other, anchor


@pytest.mark.parametrize("name", [f.name for f in columns()])
def test_changing_any_single_column_of_an_event_fails_verify_and_anchor(
    chain: tuple[Any, Path], capsys: pytest.CaptureFixture[str], name: str
) -> None:
    other, anchor = chain
    assert verify(capsys, str(anchor))[0] == 0
    event = AuditEvent.objects.get(seq=2)
    field = AuditEvent._meta.get_field(name)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET {field.column} = %s WHERE seq = 2",  # noqa: S608
            [tampered(field, event, other)],
        )
    status, out = verify(capsys)
    assert status == 1, out
    assert "BROKEN" in out
    status, out = verify(capsys, str(anchor))
    assert status == 1, out


def test_the_actor_moved_to_another_user_fails_verify(
    chain: tuple[Any, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    other, _anchor = chain
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET actor_id = %s WHERE seq = 1",  # noqa: S608
            [other.pk],
        )
    assert [p.code for p in verify_chain()] == ["hash_mismatch"]


def test_an_event_sealed_by_the_old_rule_still_verifies_and_cannot_be_downgraded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A log written before version 2 verifies by the rule of its time; an event of version 2
    relabelled as version 1 does not verify (its hash was computed by rule 2)."""
    record_event(actor="test", action="test.new", target_type="t", target_id=1)
    new = AuditEvent.objects.get(seq=1)
    old_digest = event_digest(
        seq=2,
        created_at=new.created_at,
        actor_label="old",
        action="test.old",
        target_type="t",
        target_id="2",
        old=None,
        new=None,
        prev_hash=new.hash,
        version=1,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {AuditEvent._meta.db_table} (seq, created_at, actor_label, action,
                target_type, target_id, old, new, prev_hash, hash, hash_version)
                VALUES (2, %s, 'old', 'test.old', 't', '2', NULL, NULL, %s, %s, 1)""",  # noqa: S608
            [new.created_at, new.hash, old_digest],
        )
    assert verify_chain() == []
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET hash_version = 1 WHERE seq = 1")  # noqa: S608
    assert [p.seq for p in verify_chain()] == [1]
    assert AuditEvent.objects.get(seq=1).prev_hash == GENESIS
