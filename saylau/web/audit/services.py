"""Writing and verifying the audit log.

Every service that changes state calls :func:`record_event` inside its transaction. Events
form a hash chain: each one stores the SHA-256 of its canonical content and of the event before
it, so that an edited, inserted or deleted event is found by :func:`verify_chain`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | Fraction):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def to_json(value: Any) -> Any:
    """Turn old/new values into plain JSON (dates as ISO strings, fractions as text)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False, sort_keys=True))


def event_digest(
    *,
    seq: int,
    created_at: datetime,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    old: Any,
    new: Any,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [
            seq,
            created_at.isoformat(),
            actor_label,
            action,
            target_type,
            target_id,
            old,
            new,
            prev_hash,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: The advisory lock key that serialises writers of the chain on PostgreSQL ("saylau-audit").
CHAIN_LOCK_KEY = 0x5A41_7544


def _lock_chain() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str | None = None,
    target_id: str | int | None = None,
    old: Any = None,
    new: Any = None,
) -> AuditEvent:
    """Append one audit event (call it inside the service's transaction).

    ``actor`` is a user, ``None`` for the system, or a string naming a command-line process.
    ``action`` is a stable code such as ``"register.import"`` or ``"results.protocol.submit"``.
    """
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target.pk if target_id is None else target_id
    from saylau.web.accounts.models import User

    user = actor if isinstance(actor, User) else None
    if user is not None:
        label = user.get_username()
    elif isinstance(actor, str):
        label = actor
    else:
        label = "system"
    old_json = to_json(old)
    new_json = to_json(new)
    with transaction.atomic():
        # Serialise writers on the chain head: on PostgreSQL the row lock, on SQLite the
        # IMMEDIATE transaction already holds the database write lock.
        # On PostgreSQL a writer that waited for the head row's lock re-reads that same row
        # (READ COMMITTED), not the event its predecessor just appended, and would reuse its
        # seq. A transaction-scoped advisory lock taken first makes the read below see it.
        _lock_chain()
        last = AuditEvent.objects.select_for_update().order_by("-seq").only("seq", "hash").first()
        seq = 1 if last is None else last.seq + 1
        prev_hash = GENESIS if last is None else last.hash
        created_at = timezone.now()
        digest = event_digest(
            seq=seq,
            created_at=created_at,
            actor_label=label,
            action=action,
            target_type=target_type or "",
            target_id=str(target_id or ""),
            old=old_json,
            new=new_json,
            prev_hash=prev_hash,
        )
        event = AuditEvent(
            seq=seq,
            created_at=created_at,
            actor=user,
            actor_label=label,
            action=action,
            target_type=target_type or "",
            target_id=str(target_id or ""),
            old=old_json,
            new=new_json,
            prev_hash=prev_hash,
            hash=digest,
        )
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    code: str  # "hash_mismatch" | "broken_link" | "gap"
    message: str


def iter_chain_problems(batch: int = 5000) -> Iterator[ChainProblem]:
    """Walk the whole log in order and yield every place where the chain does not hold."""
    prev_hash = GENESIS
    expected_seq = 1
    last_seq = 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            return
        for ev in rows:
            if ev.seq != expected_seq:
                missing = (
                    f"event {expected_seq} is missing"
                    if ev.seq - 1 == expected_seq
                    else f"events {expected_seq}..{ev.seq - 1} are missing"
                )
                yield ChainProblem(ev.seq, "gap", missing)
            if ev.prev_hash != prev_hash:
                yield ChainProblem(ev.seq, "broken_link", "does not follow the event before it")
            digest = event_digest(
                seq=ev.seq,
                created_at=ev.created_at,
                actor_label=ev.actor_label,
                action=ev.action,
                target_type=ev.target_type,
                target_id=ev.target_id,
                old=ev.old,
                new=ev.new,
                prev_hash=ev.prev_hash,
            )
            if digest != ev.hash:
                yield ChainProblem(
                    ev.seq, "hash_mismatch", "content was changed after it was written"
                )
            prev_hash = ev.hash
            expected_seq = ev.seq + 1
            last_seq = ev.seq


def verify_chain() -> list[ChainProblem]:
    return list(iter_chain_problems())
