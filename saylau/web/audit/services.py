"""Writing and verifying the audit log.

Every service that changes state calls :func:`record_event` inside its transaction. Events
form a hash chain: each one stores the SHA-256 of its canonical content and of the event before
it, so that an edited, inserted or deleted event is found by :func:`verify_chain`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from .models import HASH_VERSION, AuditEvent

if TYPE_CHECKING:
    from saylau.web.accounts.policy import ActorLike

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
    actor_id: int | None = None,
    version: int = HASH_VERSION,
) -> str:
    """SHA-256 of an event's canonical content by rule ``version``.

    Version 2 seals every column of the table (the version itself, and the actor's user id,
    which version 1 left out: nulling it hid events from their region's log unnoticed).
    """
    fields: list[Any] = [
        seq,
        created_at.isoformat(),
        actor_label,
        action,
        target_type,
        target_id,
        old,
        new,
        prev_hash,
    ]
    if version >= 2:
        fields = [f"v{version}", *fields, actor_id]
    payload = json.dumps(
        fields,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: The advisory lock key that serialises writers of the chain on PostgreSQL ("saylau-audit").
CHAIN_LOCK_KEY = 0x5A41_7544


def seal(ev: AuditEvent) -> str:
    """The hash ``ev`` must carry, by the rule it was written with."""
    return event_digest(
        seq=ev.seq,
        created_at=ev.created_at,
        actor_label=ev.actor_label,
        action=ev.action,
        target_type=ev.target_type,
        target_id=ev.target_id,
        old=ev.old,
        new=ev.new,
        prev_hash=ev.prev_hash,
        actor_id=ev.actor_id,
        version=ev.hash_version,
    )


def _lock_chain() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def _actor(actor: ActorLike) -> tuple[Any, str]:
    """The user (or None) and the label an event records for ``actor``."""
    from saylau.web.accounts.policy import label_of, user_of

    return user_of(actor), label_of(actor)


@dataclass(frozen=True)
class EventSpec:
    """One event of a batch for :func:`record_events`."""

    action: str
    target_type: str = ""
    target_id: str | int = ""
    old: Any = None
    new: Any = None


def _chain_head() -> tuple[int, str]:
    """Lock the chain for this transaction and return the next ``seq`` and its ``prev_hash``.

    On PostgreSQL writers queue on a transaction-scoped advisory lock taken in its own
    statement first; the head is read after it is granted, in a new statement, so that under
    READ COMMITTED the read sees the event the previous holder committed (a row lock on the
    head would re-read that same row and hand out its seq twice). The advisory lock alone
    serialises writers, so the head is read without a row lock of its own. On SQLite the
    IMMEDIATE transaction already holds the database write lock.
    """
    _lock_chain()
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    if last is None:
        return 1, GENESIS
    return last[0] + 1, last[1]


def _event(
    *, seq: int, created_at: datetime, user: Any, label: str, spec: EventSpec, prev_hash: str
) -> AuditEvent:
    old_json = to_json(spec.old)
    new_json = to_json(spec.new)
    target_id = str(spec.target_id if spec.target_id is not None else "")
    digest = event_digest(
        seq=seq,
        created_at=created_at,
        actor_label=label,
        action=spec.action,
        target_type=spec.target_type,
        target_id=target_id,
        old=old_json,
        new=new_json,
        prev_hash=prev_hash,
        actor_id=user.pk if user is not None else None,
    )
    return AuditEvent(
        seq=seq,
        created_at=created_at,
        actor=user,
        actor_label=label,
        action=spec.action,
        target_type=spec.target_type,
        target_id=target_id,
        old=old_json,
        new=new_json,
        prev_hash=prev_hash,
        hash=digest,
        hash_version=HASH_VERSION,
    )


def record_event(
    *,
    actor: ActorLike,
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
    user, label = _actor(actor)
    spec = EventSpec(action, target_type or "", target_id or "", old, new)
    # No savepoint inside the caller's transaction (two round trips fewer while the chain is
    # locked: on election night this is the one serial step of every protocol); if the insert
    # fails, the caller's transaction fails with it, as it must.
    with transaction.atomic(savepoint=False):
        seq, prev_hash = _chain_head()
        event = _event(
            seq=seq,
            created_at=timezone.now(),
            user=user,
            label=label,
            spec=spec,
            prev_hash=prev_hash,
        )
        AuditEvent.objects.bulk_create([event])
    return event


def record_events(*, actor: ActorLike, events: Iterable[EventSpec], batch_size: int = 2000) -> int:
    """Append many events of one actor at once and return how many were written.

    The same chain as :func:`record_event` (each event hashes its predecessor), but the chain
    is locked once and the events are inserted in batches: for bulk work such as registry
    events, where one lock and one INSERT per event cost more than the work itself. All events
    of the call carry the same time. Call it inside the service's transaction.
    """
    user, label = _actor(actor)
    count = 0
    with transaction.atomic(savepoint=False):
        seq, prev_hash = _chain_head()
        created_at = timezone.now()
        batch: list[AuditEvent] = []
        for spec in events:
            event = _event(
                seq=seq,
                created_at=created_at,
                user=user,
                label=label,
                spec=spec,
                prev_hash=prev_hash,
            )
            batch.append(event)
            seq, prev_hash = seq + 1, event.hash
            if len(batch) >= batch_size:
                AuditEvent.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            AuditEvent.objects.bulk_create(batch)
            count += len(batch)
    return count


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
            if ev.hash_version not in (1, HASH_VERSION):
                yield ChainProblem(ev.seq, "hash_mismatch", "unknown hash version")
            elif seal(ev) != ev.hash:
                yield ChainProblem(
                    ev.seq, "hash_mismatch", "content was changed after it was written"
                )
            prev_hash = ev.hash
            expected_seq = ev.seq + 1
            last_seq = ev.seq


def verify_chain() -> list[ChainProblem]:
    return list(iter_chain_problems())


@dataclass(frozen=True)
class Anchor:
    """A head of the chain written down outside saylau (``#seq hash``)."""

    seq: int
    hash: str


#: How an anchor is written: ``#123 <64 hex digits>`` (what ``saylau audit-log verify`` and
#: ``saylau audit-log head`` print), anywhere on a line.
ANCHOR_PATTERN = re.compile(r"#(\d+)\s+([0-9a-f]{64})\b")


def parse_anchors(text: str) -> list[Anchor]:
    """Every anchor in ``text``.

    >>> found = parse_anchors("OK 2 events, head #2 " + "ab" * 32 + "\\n#1 " + "0" * 64)
    >>> [(a.seq, a.hash[:4]) for a in found]
    [(2, 'abab'), (1, '0000')]
    """
    return [Anchor(int(m[1]), m[2]) for m in ANCHOR_PATTERN.finditer(text)]


def check_anchors(anchors: Iterable[Anchor]) -> list[ChainProblem]:
    """Compare anchors recorded outside saylau with the log.

    The chain itself shows an edited, inserted or deleted event, but not a log whose newest
    events were cut off, nor one rewritten from some point on with every hash recomputed by
    someone with write access to the database. A head published at the time (in a protocol, a
    daily e-mail to observers, a notice on the CEC site) shows both: the event it names must
    still be there with the same hash.
    """
    anchors = list(anchors)
    stored = dict(
        AuditEvent.objects.filter(seq__in=[a.seq for a in anchors]).values_list("seq", "hash")
    )
    problems = []
    for anchor in anchors:
        found = stored.get(anchor.seq)
        if found is None:
            message = "the log no longer holds this event: it was cut off"
            problems.append(ChainProblem(anchor.seq, "anchor_missing", message))
        elif found != anchor.hash:
            message = "the event differs from the published head: the log was rewritten"
            problems.append(ChainProblem(anchor.seq, "anchor_mismatch", message))
    return problems
