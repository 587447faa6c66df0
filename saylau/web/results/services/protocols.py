"""Submitting precinct protocols, corrections as new versions, entry from the QR text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from saylau.law.protocol import (
    Finding,
    ProtocolError,
    check_protocol,
    protocol_from_dict,
    protocol_to_dict,
)
from saylau.web.accounts.models import User
from saylau.web.accounts.scope import scope_for
from saylau.web.audit.services import record_event
from saylau.web.elections.models import Election
from saylau.web.territory.models import Precinct

from ..errors import (
    AlreadySubmitted,
    BadQRText,
    CorrectionRefused,
    Frozen,
    InvalidProtocol,
    ProtocolInconsistent,
)
from ..models import Distribution, Protocol
from ..tally import protocol_hash

QR_PREFIX = "SAYLAU-PROTOCOL/1 "


def precincts_of(election: Election) -> QuerySet[Precinct]:
    """The precincts that vote in ``election`` (its district, its region, or the country)."""
    qs = Precinct.objects.all()
    if election.district_id is not None:
        return qs.filter(district_id=election.district_id)
    if election.region_id is not None:
        return qs.filter(region_id=election.region_id)
    return qs


def _require_place(actor: Any, precinct: Precinct) -> None:
    """A person may act only inside their scope (the command line and demo act as the system)."""
    if not isinstance(actor, User):
        return
    scope = scope_for(actor)
    scope.require_write()
    scope.require(
        region_id=precinct.region_id, district_id=precinct.district_id, precinct_id=precinct.pk
    )


def _frozen(election: Election) -> bool:
    return Distribution.objects.filter(election=election, signed_off_at__isnull=False).exists()


def validate_protocol(
    *, election: Election, precinct: Precinct, data: Any, codes: list[str] | None = None
) -> tuple[dict[str, Any], list[Finding]]:
    """Read and check a protocol for ``precinct``; return its canonical JSON and findings.

    Raises :class:`InvalidProtocol` for a protocol that cannot be read (naming the field),
    for another election or precinct, or for lines that are not this election's lists.
    """
    if not isinstance(data, Mapping):
        raise InvalidProtocol("a protocol is a JSON object", field="(top)")
    given = dict(data)
    given.setdefault("election", str(election.pk))
    given.setdefault("precinct_no", precinct.number)
    try:
        protocol = protocol_from_dict(given)
    except ProtocolError as exc:
        raise InvalidProtocol(exc.message, field=exc.field) from exc
    if protocol.election != str(election.pk):
        raise InvalidProtocol(f"is {protocol.election!r}, not {election.pk}", field="election")
    if protocol.precinct_no != precinct.number:
        msg = f"is {protocol.precinct_no}, not {precinct.number}"
        raise InvalidProtocol(msg, field="precinct_no")
    if codes is None:
        codes = list(election.party_lists.values_list("party__code", flat=True))
    found = [v.code for v in protocol.votes]
    if protocol.race == "party_list" and sorted(found) != sorted(codes):
        unknown = sorted(set(found) - set(codes))
        missing = sorted(set(codes) - set(found))
        msg = f"unknown lines {unknown}, missing lines {missing}"
        raise InvalidProtocol(msg, field="votes")
    return protocol_to_dict(protocol), check_protocol(protocol)


def _submitted(election: Election, precinct: Precinct, race: str) -> bool:
    return Protocol.objects.filter(election=election, precinct=precinct, race=race).exists()


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def _row(
    *, election: Election, precinct: Precinct, canonical: dict[str, Any], version: int
) -> Protocol:
    return Protocol(
        election=election,
        precinct=precinct,
        race=canonical["race"],
        version=version,
        data=canonical,
        votes_by_code={line["code"]: line["votes"] for line in canonical["votes"]},
        sha256=protocol_hash(canonical),
        voters=canonical["voters_main_list"] + canonical["voters_additional_list"],
        ballots_issued=canonical["ballots_issued_premises"] + canonical["ballots_issued_outside"],
        valid=canonical["valid"],
        invalid=canonical["invalid"],
        submitted_at=timezone.now(),
    )


def submit_protocol(
    *, actor: Any, election: Election, precinct: Precinct, data: Any, codes: list[str] | None = None
) -> Protocol:
    """Accept the first version of a precinct protocol, or refuse it whole.

    Refused: a protocol that does not read, one whose control ratios fail (every finding is
    returned), a second submission (the unique version number makes exactly one of two
    simultaneous submissions win), anything after the results are signed off.
    """
    _require_place(actor, precinct)
    canonical, findings = validate_protocol(
        election=election, precinct=precinct, data=data, codes=codes
    )
    if _errors(findings):
        raise ProtocolInconsistent("control ratios failed", findings=findings)
    row = _row(election=election, precinct=precinct, canonical=canonical, version=1)
    row.status = Protocol.Status.ACCEPTED
    row.is_current = True
    row.submitted_by = actor if isinstance(actor, User) else None
    try:
        with transaction.atomic():
            Precinct.objects.select_for_update().filter(pk=precinct.pk).first()
            if _frozen(election):
                raise Frozen("signed off")
            if _submitted(election, precinct, row.race):
                raise AlreadySubmitted("already submitted")
            row.save(force_insert=True)
            record_event(
                actor=actor,
                action="results.protocol.submit",
                target=row,
                new={"precinct": precinct.number, "version": 1, "sha256": row.sha256},
            )
    except IntegrityError as exc:
        if _submitted(election, precinct, row.race):
            raise AlreadySubmitted("already submitted (simultaneous submission)") from exc
        raise
    return row


def submit_correction(*, actor: Any, protocol: Protocol, data: Any, reason: str) -> Protocol:
    """A corrected protocol: a new version with a reason, counted once the territorial
    commission accepts it. The version it corrects stays in force until then."""
    precinct = protocol.precinct
    _require_place(actor, precinct)
    if not reason.strip():
        raise CorrectionRefused("a correction needs a reason", field="reason")
    canonical, findings = validate_protocol(
        election=protocol.election, precinct=precinct, data=data
    )
    if _errors(findings):
        raise ProtocolInconsistent("control ratios failed", findings=findings)
    try:
        with transaction.atomic():
            current = (
                Protocol.objects.select_for_update()
                .filter(election_id=protocol.election_id, precinct=precinct, race=protocol.race)
                .order_by("-version")
            )
            versions = list(current)
            if _frozen(protocol.election):
                raise Frozen("signed off")
            if any(v.status == Protocol.Status.PENDING for v in versions):
                raise CorrectionRefused("a correction is already awaiting acceptance")
            row = _row(
                election=protocol.election,
                precinct=precinct,
                canonical=canonical,
                version=versions[0].version + 1,
            )
            row.status = Protocol.Status.PENDING
            row.reason = reason.strip()
            row.submitted_by = actor if isinstance(actor, User) else None
            row.save(force_insert=True)
            record_event(
                actor=actor,
                action="results.protocol.correct",
                target=row,
                new={"version": row.version, "reason": row.reason, "sha256": row.sha256},
            )
    except IntegrityError as exc:
        raise CorrectionRefused("another correction was submitted at the same moment") from exc
    return row


def _decide(*, actor: Any, correction: Protocol, accept: bool) -> Protocol:
    precinct = correction.precinct
    _require_place(actor, precinct)
    if isinstance(actor, User) and scope_for(actor).level == "precinct":
        raise CorrectionRefused("the territorial commission decides on corrections")
    with transaction.atomic():
        versions = {
            v.pk: v
            for v in Protocol.objects.select_for_update().filter(
                election_id=correction.election_id, precinct=precinct, race=correction.race
            )
        }
        row = versions[correction.pk]
        if row.status != Protocol.Status.PENDING:
            raise CorrectionRefused("this version is not awaiting a decision")
        if _frozen(row.election):
            raise Frozen("signed off")
        now = timezone.now()
        old = None
        if accept:
            for other in versions.values():
                if other.is_current:
                    old = other.version
                    other.is_current = False
                    other.status = Protocol.Status.SUPERSEDED
                    other.save(update_fields=["is_current", "status"])
            row.is_current = True
            row.status = Protocol.Status.ACCEPTED
        else:
            row.status = Protocol.Status.REJECTED
        row.decided_by = actor if isinstance(actor, User) else None
        row.decided_at = now
        row.save(update_fields=["is_current", "status", "decided_by", "decided_at"])
        record_event(
            actor=actor,
            action="results.protocol.accept" if accept else "results.protocol.reject",
            target=row,
            old={"current_version": old},
            new={"version": row.version, "status": row.status},
        )
    return row


def accept_correction(*, actor: Any, correction: Protocol) -> Protocol:
    return _decide(actor=actor, correction=correction, accept=True)


def reject_correction(*, actor: Any, correction: Protocol) -> Protocol:
    return _decide(actor=actor, correction=correction, accept=False)


def qr_text(protocol: Protocol) -> str:
    """The text of the QR code printed on the protocol: its numbers and SHA-256 hash."""
    body = json.dumps(protocol.data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{QR_PREFIX}{protocol.sha256} {body}"


def read_qr_text(text: str) -> dict[str, Any]:
    """The protocol carried by a QR text, after checking its hash."""
    text = text.strip()
    if not text.startswith(QR_PREFIX):
        raise BadQRText("the text does not start with " + QR_PREFIX.strip(), field="qr")
    digest, _sep, body = text[len(QR_PREFIX) :].partition(" ")
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise BadQRText(f"not JSON: {exc}", field="qr") from exc
    if not isinstance(data, dict) or protocol_hash(data) != digest:
        raise BadQRText("the hash does not match the numbers", field="qr")
    return data


def enter_from_qr(*, actor: Any, election: Election, text: str) -> Protocol:
    """The territorial commission enters a precinct protocol from its scanned QR text."""
    data = read_qr_text(text)
    if str(data.get("election")) != str(election.pk):
        raise BadQRText("the protocol is of another election", field="election")
    number = data.get("precinct_no")
    if isinstance(number, bool) or not isinstance(number, int):
        raise InvalidProtocol("must be the precinct's number", field="precinct_no")
    precinct = precincts_of(election).filter(number=number).first()
    if precinct is None:
        raise InvalidProtocol("no such precinct in this election", field="precinct_no")
    return submit_protocol(actor=actor, election=election, precinct=precinct, data=data)
