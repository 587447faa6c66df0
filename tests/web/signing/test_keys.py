"""Commission keys: sealed at rest, rotated, declared lost; the audit head signed daily."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from saylau.web.core import clock
from saylau.web.signing import crypto, services
from saylau.web.signing.models import Signature, SigningKey
from saylau.web.signing.selectors import keys_document

pytestmark = pytest.mark.django_db


def _verify(sig: Signature) -> str:
    keys = crypto.keys_by_id(keys_document())
    return crypto.check_signature(keys, sig.published(), crypto.statement(sig.kind, sig.fields))


def test_a_private_key_is_never_stored_in_clear_and_opens_only_with_the_secret(settings) -> None:
    key = services.key_for(services.central_holder())
    assert key.sealed_private.startswith("aesgcm1:")
    assert key.public_key not in key.sealed_private
    message = b"statement"
    value = crypto.sign(key.sealed_private, key.key_id, settings.SAYLAU_SIGNING_SECRET, message)
    assert crypto.signature_valid(key.public_key, value, message)
    with pytest.raises(crypto.SealError):
        crypto.sign(key.sealed_private, key.key_id, "another secret", message)
    other = services.rotate(key)
    with pytest.raises(crypto.SealError):  # a sealed key moved onto another key's row
        crypto.sign(key.sealed_private, other.key_id, settings.SAYLAU_SIGNING_SECRET, message)


def test_after_rotation_old_signatures_still_verify_and_new_ones_use_the_new_key() -> None:
    who = services.central_holder()
    with clock.travel(datetime(2027, 3, 1, 9, 0)):
        old = services.sign(who=who, kind="test", subject="a", fields={"n": 1})
    with clock.travel(datetime(2027, 3, 2, 9, 0)):
        new_key = services.rotate(old.key)
    with clock.travel(datetime(2027, 3, 3, 9, 0)):
        new = services.sign(who=who, kind="test", subject="b", fields={"n": 2})
    assert new.key == new_key and old.key != new_key
    assert _verify(old) == "ok" and _verify(new) == "ok"
    closed = SigningKey.objects.get(pk=old.key.pk)
    assert closed.closed_because == "rotated" and closed.valid_until is not None


def test_a_lost_key_stops_verifying_what_it_signed_after_it_was_lost() -> None:
    who = services.central_holder()
    with clock.travel(datetime(2027, 3, 1, 9, 0)):
        before = services.sign(who=who, kind="test", subject="a", fields={"n": 1})
    with clock.travel(datetime(2027, 3, 1, 15, 0)):
        after = services.sign(who=who, kind="test", subject="b", fields={"n": 2})
    with clock.travel(datetime(2027, 3, 2, 9, 0)):
        services.declare_lost(before.key, since=clock.now() - timedelta(hours=20))
        again = services.resign(Signature.objects.get(pk=after.pk))
    assert _verify(before) == "ok"
    assert _verify(after) == "outside_validity"
    assert _verify(again) == "ok" and again.key != before.key


def test_the_public_keys_have_a_stable_url_with_their_validity(client) -> None:
    services.key_for(services.central_holder())
    document = json.loads(client.get("/signing/keys.json").content)
    assert document["format"] == "saylau-keys/1"
    (key,) = document["keys"]
    assert set(key) >= {"key_id", "public_key", "valid_from", "valid_until", "level"}
    assert key["valid_until"] is None


def test_the_audit_head_is_published_daily_as_a_signed_file(client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from saylau.web.audit.models import AuditEvent

    with clock.travel(datetime(2027, 3, 5, 23, 55)):
        call_command("publish_audit_head", out=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    document = json.loads((tmp_path / "2027-03-05.json").read_text(encoding="utf-8"))
    head = AuditEvent.objects.filter(action="signing.key.generate").order_by("-seq").first()
    assert document["seq"] == head.seq and document["hash"] == head.hash
    served = json.loads(client.get(reverse("signing:audit_head", args=["2027-03-05"])).content)
    assert served == document
    fields = {k: v for k, v in document.items() if k not in {"format", "signature"}}
    keys = crypto.keys_by_id(keys_document())
    message = crypto.statement("audit_head", fields)
    assert crypto.check_signature(keys, document["signature"], message) == "ok"
    forged = fields | {"seq": fields["seq"] + 1}
    message = crypto.statement("audit_head", forged)
    assert crypto.check_signature(keys, document["signature"], message) == "bad_signature"
