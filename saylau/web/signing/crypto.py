"""Ed25519 signatures over small JSON statements, and private keys sealed at rest.

No Django here: ``saylau protocol verify`` checks a published file with these functions
offline, exactly as the public verification page does.

A *statement* is the canonical JSON (sorted keys, no spaces, UTF-8) of
``{"format": "saylau-signed/1", "kind": ..., **fields}``; the signature is Ed25519 over
those bytes, written in base64. A public key is the raw 32 bytes in base64; its ``key_id``
is the first 16 hex digits of the SHA-256 of those bytes.

A private key is stored sealed with AES-256-GCM under a key derived from the operator's
secret (``SAYLAU_SIGNING_SECRET``); the key id is the associated data, so a sealed key
copied onto another key's row does not open.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

STATEMENT_FORMAT = "saylau-signed/1"
ALGORITHM = "Ed25519"
_SEAL_PREFIX = "aesgcm1:"


class SealError(Exception):
    """A sealed private key does not open with this secret (wrong secret or tampered row)."""

    code = "signing.seal"


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def statement(kind: str, fields: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers.

    >>> statement("protocol", {"version": 1})
    b'{"format":"saylau-signed/1","kind":"protocol","version":1}'
    """
    return canonical({"format": STATEMENT_FORMAT, "kind": kind, **fields})


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


@dataclass(frozen=True)
class NewKey:
    key_id: str
    public_key: str  # base64 of the raw 32 bytes
    sealed_private: str


def _aead(secret: str) -> AESGCM:
    return AESGCM(hashlib.sha256(b"saylau-signing-seal/1\n" + secret.encode()).digest())


def generate(secret: str) -> NewKey:
    """A fresh key pair; the private half leaves this function only sealed."""
    private = Ed25519PrivateKey.generate()
    public_raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    kid = key_id(public_raw)
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    nonce = os.urandom(12)
    sealed = _aead(secret).encrypt(nonce, raw, kid.encode())
    return NewKey(kid, b64(public_raw), _SEAL_PREFIX + b64(nonce + sealed))


def sign(sealed_private: str, kid: str, secret: str, message: bytes) -> str:
    """Open the sealed key, sign ``message``, and forget the key; base64 signature."""
    if not sealed_private.startswith(_SEAL_PREFIX):
        raise SealError("not a sealed key")
    blob = unb64(sealed_private[len(_SEAL_PREFIX) :])
    try:
        raw = _aead(secret).decrypt(blob[:12], blob[12:], kid.encode())
    except InvalidTag as exc:
        raise SealError("the signing secret does not open this key") from exc
    return b64(Ed25519PrivateKey.from_private_bytes(raw).sign(message))


def signature_valid(public_key: str, signature: str, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_key)).verify(unb64(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def check_signature(
    keys: Mapping[str, Mapping[str, Any]], signed: Mapping[str, Any] | None, message: bytes
) -> str:
    """``ok`` or why not: ``unsigned``, ``unknown_key``, ``bad_signature``, ``outside_validity``.

    ``keys`` maps key ids to the published key objects (``public_key``, ``valid_from``,
    ``valid_until``); ``signed`` is ``{"key_id", "signed_at", "value"}`` as published.
    """
    if not signed or not signed.get("value"):
        return "unsigned"
    key = keys.get(str(signed.get("key_id")))
    if key is None:
        return "unknown_key"
    if not signature_valid(str(key["public_key"]), str(signed["value"]), message):
        return "bad_signature"
    at = _moment(signed.get("signed_at"))
    start, end = _moment(key.get("valid_from")), _moment(key.get("valid_until"))
    if at is None or (start is not None and at < start) or (end is not None and at >= end):
        return "outside_validity"
    return "ok"


def keys_by_id(document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The ``keys`` of a published ``saylau-keys/1`` document, by key id."""
    return {str(k["key_id"]): k for k in document.get("keys", []) if isinstance(k, Mapping)}
