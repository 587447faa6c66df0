"""The published side of signing: public keys and the signed heads of the audit chain."""

from __future__ import annotations

from typing import Any

from saylau.web.core import clock

from .models import Signature, SigningKey


def _iso(moment: Any) -> str | None:
    return moment.astimezone(clock.local_zone()).isoformat() if moment else None


def keys_document(key_ids: list[str] | None = None) -> dict[str, Any]:
    """``saylau-keys/1``: every key ever used, open or closed, with its validity (only
    ``key_ids`` when given)."""
    keys = SigningKey.objects.select_related("precinct").order_by("id")
    if key_ids is not None:
        keys = keys.filter(key_id__in=key_ids)
    return {
        "format": "saylau-keys/1",
        "algorithm": "Ed25519",
        "keys": [
            {
                "key_id": k.key_id,
                "public_key": k.public_key,
                "level": k.level,
                "region_id": k.region_id,
                "district_id": k.district_id,
                "precinct_id": k.precinct_id,
                "precinct_no": k.precinct.number if k.precinct else None,
                "valid_from": _iso(k.valid_from),
                "valid_until": _iso(k.valid_until),
                "closed_because": k.closed_because or None,
            }
            for k in keys
        ],
    }


def audit_heads() -> list[dict[str, Any]]:
    return [
        head_document(sig)
        for sig in Signature.objects.filter(kind="audit_head").select_related("key")
    ]


def audit_head(day: str) -> dict[str, Any] | None:
    sig = (
        Signature.objects.filter(kind="audit_head", subject=day)
        .select_related("key")
        .order_by("-signed_at", "-id")
        .first()
    )
    return head_document(sig) if sig else None


def head_document(sig: Signature) -> dict[str, Any]:
    """``saylau-audit-head/1``: the statement's fields and its signature."""
    return {
        "format": "saylau-audit-head/1",
        **{k: v for k, v in sig.fields.items()},
        "signature": sig.published(),
    }
