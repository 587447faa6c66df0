"""Keys of the commissions and signing with them (server-side; docs/signing.md).

``key_for`` returns the commission's open key, creating one the first time (each creation is
an audit event); ``sign`` signs a statement with it and stores the signature; ``rotate``
closes a key and opens a new one; ``declare_lost`` closes a key from the moment it was lost,
so that what it signed after that moment no longer verifies.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from saylau.web.accounts.policy import ActorLike
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock

from . import crypto
from .models import Signature, SigningKey

Level = SigningKey.Level


def _secret() -> str:
    secret = getattr(settings, "SAYLAU_SIGNING_SECRET", "") or ""
    if not secret:
        msg = "SAYLAU_SIGNING_SECRET is not configured"
        raise crypto.SealError(msg)
    return str(secret)


def holder(
    level: str,
    *,
    region_id: int | None = None,
    district_id: int | None = None,
    precinct_id: int | None = None,
) -> dict[str, Any]:
    return {
        "level": level,
        "region_id": region_id,
        "district_id": district_id,
        "precinct_id": precinct_id,
    }


def precinct_holder(precinct: Any) -> dict[str, Any]:
    return holder(
        Level.PRECINCT,
        region_id=precinct.region_id,
        district_id=precinct.district_id,
        precinct_id=precinct.pk,
    )


def deciding_holder(election: Any) -> dict[str, Any]:
    """The commission that sums up and signs an election's totals: the territorial one for a
    district's election, the regional one for a region's, the CEC for a national one."""
    if election.district_id is not None:
        return holder(
            Level.TERRITORIAL, region_id=election.region_id, district_id=election.district_id
        )
    if election.region_id is not None:
        return holder(Level.REGIONAL, region_id=election.region_id)
    return holder(Level.CENTRAL)


def central_holder() -> dict[str, Any]:
    return holder(Level.CENTRAL)


def _open_keys(who: dict[str, Any]) -> QuerySet[SigningKey]:
    return SigningKey.objects.filter(valid_until__isnull=True, **who)


def key_for(who: dict[str, Any], *, actor: ActorLike = None) -> SigningKey:
    """The commission's open key; the first call creates it."""
    key = _open_keys(who).order_by("-valid_from").first()
    if key is not None:
        return key
    return generate_key(who, actor=actor)


def generate_key(
    who: dict[str, Any], *, actor: ActorLike = None, closing: SigningKey | None = None
) -> SigningKey:
    """A new open key for ``who`` (one transaction, one audit event)."""
    # Whole seconds, as the signatures state their moment: a key opened at 12:00:00.4
    # signs at 12:00:00, which must count as inside its validity.
    now = clock.now().replace(microsecond=0)
    new = crypto.generate(_secret())
    with transaction.atomic():
        if closing is None:
            existing = _open_keys(who).select_for_update().order_by("pk").first()
            if existing is not None:
                return existing
        key = SigningKey.objects.create(
            key_id=new.key_id,
            public_key=new.public_key,
            sealed_private=new.sealed_private,
            valid_from=now,
            **who,
        )
        record_event(
            actor=actor,
            action=AuditAction.SIGNING_KEY_GENERATE,
            target=key,
            new={"key_id": key.key_id, "level": key.level, "valid_from": now.isoformat()},
        )
    return key


def _close(key: SigningKey, *, at: datetime, because: str, actor: ActorLike) -> None:
    key.valid_until = at
    key.closed_because = because
    key.save(update_fields=["valid_until", "closed_because"])
    record_event(
        actor=actor,
        action=AuditAction(f"signing.key.{because}"),
        target=key,
        new={"key_id": key.key_id, "valid_until": at.isoformat()},
    )


def rotate(key: SigningKey, *, actor: ActorLike = None) -> SigningKey:
    """Close ``key`` now and open its successor; what it signed before stays valid."""
    with transaction.atomic():
        key = SigningKey.objects.select_for_update().get(pk=key.pk)
        if key.valid_until is None:
            _close(key, at=clock.now().replace(microsecond=0), because="rotated", actor=actor)
        who = holder(
            key.level,
            region_id=key.region_id,
            district_id=key.district_id,
            precinct_id=key.precinct_id,
        )
        return generate_key(who, actor=actor, closing=key)


def declare_lost(key: SigningKey, *, since: datetime, actor: ActorLike = None) -> SigningKey:
    """Close ``key`` from ``since`` (when it may have left our hands) and open a new one.

    Signatures made after ``since`` stop verifying ("outside_validity"); the commission
    re-signs what it still stands behind with the new key (:func:`resign`)."""
    with transaction.atomic():
        key = SigningKey.objects.select_for_update().get(pk=key.pk)
        at = min(since, key.valid_until) if key.valid_until else since
        _close(key, at=at, because="lost", actor=actor)
        who = holder(
            key.level,
            region_id=key.region_id,
            district_id=key.district_id,
            precinct_id=key.precinct_id,
        )
        return generate_key(who, actor=actor, closing=key)


def sign(*, who: dict[str, Any], kind: str, subject: str, fields: dict[str, Any]) -> Signature:
    """Sign ``fields`` (plus the moment) as a ``kind`` statement with ``who``'s open key."""
    key = key_for(who)
    signed = {**fields, "signed_at": clock.now().replace(microsecond=0).isoformat()}
    value = crypto.sign(key.sealed_private, key.key_id, _secret(), crypto.statement(kind, signed))
    return Signature.objects.create(
        kind=kind,
        subject=subject,
        key=key,
        fields=signed,
        signed_at=datetime.fromisoformat(signed["signed_at"]),
        value=value,
    )


def resign(signature: Signature) -> Signature:
    """The same statement signed again with the holder's open key (after a lost key)."""
    key = signature.key
    who = holder(
        key.level, region_id=key.region_id, district_id=key.district_id, precinct_id=key.precinct_id
    )
    fields = {k: v for k, v in signature.fields.items() if k != "signed_at"}
    return sign(who=who, kind=signature.kind, subject=signature.subject, fields=fields)


def latest(kind: str, prefix: str) -> dict[str, Signature]:
    """The newest signature of each subject starting with ``prefix`` (one query)."""
    out: dict[str, Signature] = {}
    for sig in (
        Signature.objects.filter(kind=kind, subject__startswith=prefix)
        .select_related("key")
        .order_by("signed_at", "id")
    ):
        out[sig.subject] = sig
    return out


def publish_audit_head(*, actor: ActorLike = None) -> Signature:
    """The CEC signs the head of the audit chain as it stands now (run daily: the command
    ``saylau manage publish_audit_head``). Anyone holding yesterday's signed head can show
    that no event before it was changed or removed: ``saylau audit-log verify`` must reach
    the same ``hash`` at the same ``seq``."""
    from saylau.web.audit.models import AuditEvent

    key_for(central_holder(), actor=actor)  # its creation is an event before the head
    head = AuditEvent.objects.order_by("-seq").values("seq", "hash").first()
    day = clock.today().isoformat()
    fields = {"date": day, "seq": head["seq"] if head else 0, "hash": head["hash"] if head else ""}
    with transaction.atomic():
        signature = sign(who=central_holder(), kind="audit_head", subject=day, fields=fields)
        record_event(
            actor=actor, action=AuditAction.SIGNING_AUDIT_HEAD, target=signature, new=fields
        )
    return signature


def publish_audit_head_once(*, actor: Any = None) -> Signature:
    """Today's signed head: the one already published today, or a new one (the daily run)."""
    day = clock.today().isoformat()
    with transaction.atomic():
        kept = Signature.objects.select_for_update().filter(kind="audit_head", subject=day).first()
        if kept is not None:
            return kept
        return publish_audit_head(actor=actor)


def latest_of(kind: str, subjects: list[str]) -> dict[str, Signature]:
    """The newest signature of each of ``subjects`` (one query)."""
    out: dict[str, Signature] = {}
    for sig in (
        Signature.objects.filter(kind=kind, subject__in=subjects)
        .select_related("key")
        .order_by("signed_at", "id")
    ):
        out[sig.subject] = sig
    return out
