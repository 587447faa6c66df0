"""Submitting precinct protocols, corrections as new versions, entry from the QR text."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Field
from django.utils import timezone

from saylau.law.protocol import (
    Finding,
    ProtocolError,
    check_protocol,
    protocol_from_dict,
    protocol_to_dict,
)
from saylau.web.accounts.models import User
from saylau.web.accounts.scope import Scope, scope_for
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.elections.models import Election, Party, PartyList
from saylau.web.elections.places import precincts_of
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
    """Whether the election's results are signed off (one indexed look-up, no ORM building)."""
    table = Distribution._meta.db_table
    sql = f"SELECT 1 FROM {table} WHERE election_id = %s AND signed_off_at IS NOT NULL LIMIT 1"  # noqa: S608 - the model's table name, values are parameters
    with connections[router.db_for_read(Distribution)].cursor() as cursor:
        cursor.execute(sql, [election.pk])
        return cursor.fetchone() is not None


@dataclass(frozen=True)
class SubmissionTarget:
    """What a protocol submission needs: the election, the precinct, the election's list codes."""

    election: Election
    precinct: Precinct
    codes: list[str]


def _may_see_election(scope: Scope, region_id: int | None, district_id: int | None) -> bool:
    """The rule of ``selectors.election_for`` (and of the election list) on one election's place;
    ``test_submission_target_agrees_with_the_selectors_for_every_role`` holds them equal."""
    if scope.level == "none":
        return False
    if scope.is_country or region_id is None:
        return True
    same_region = region_id == scope.region_id
    same_district = district_id is None or scope.district_id is None
    return same_region and (same_district or district_id == scope.district_id)


@functools.cache
def _target_sql() -> str:
    election, precinct = Election._meta.db_table, Precinct._meta.db_table
    lists, party = PartyList._meta.db_table, Party._meta.db_table
    # The precinct joins only when it votes in the election (``precincts_of``).
    return f"""SELECT e.id, e.region_id, e.district_id, p.id, p.number, p.region_id,
        p.district_id, pa.code
        FROM {election} e
        LEFT JOIN {precinct} p ON p.id = %s AND (
            (e.district_id IS NOT NULL AND p.district_id = e.district_id)
            OR (e.district_id IS NULL AND (e.region_id IS NULL OR p.region_id = e.region_id)))
        LEFT JOIN {lists} pl ON pl.election_id = e.id
        LEFT JOIN {party} pa ON pa.id = pl.party_id
        WHERE e.id = %s"""  # noqa: S608 - the models' table names, values are parameters


def submission_target(user: Any, *, election_id: int, precinct_id: int) -> SubmissionTarget | None:
    """The election, the precinct and the list codes for ``user`` in one query, or ``None``
    when the user may not see the election or the precinct (the caller answers 404).

    The same checks as ``selectors.election_for`` + ``selectors.precinct_for`` +
    ``election.party_lists``, which cost five ORM queries on the election-night path. The
    models come back with only the columns a submission reads (the others load on access).
    A precinct secretary's own precinct is put in ``user.precinct`` so that ``scope_for``
    does not fetch it again.
    """
    db = router.db_for_read(Precinct)
    with connections[db].cursor() as cursor:
        cursor.execute(_target_sql(), [precinct_id, election_id])
        rows = cursor.fetchall()
    if not rows or rows[0][3] is None:
        return None
    e_id, e_region, e_district, p_id, number, p_region, p_district, _code = rows[0]
    precinct = Precinct.from_db(
        db, ["id", "region_id", "district_id", "number"], [p_id, p_region, p_district, number]
    )
    if isinstance(user, User) and user.precinct_id == p_id:
        user.precinct = precinct
    scope = scope_for(user)
    if not _may_see_election(scope, e_region, e_district):
        return None
    if not scope.covers(region_id=p_region, district_id=p_district, precinct_id=p_id):
        return None
    election = Election.from_db(
        db, ["id", "region_id", "district_id"], [e_id, e_region, e_district]
    )
    return SubmissionTarget(
        election=election, precinct=precinct, codes=[r[7] for r in rows if r[7] is not None]
    )


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


@functools.cache
def _insert_sql(alias: str) -> tuple[str, list[Field[Any, Any]]]:
    fields = [f for f in Protocol._meta.concrete_fields if not f.primary_key]
    ops = connections[alias].ops
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = ops.quote_name(Protocol._meta.db_table)
    pk = ops.quote_name(Protocol._meta.pk.column)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING RETURNING {pk}"  # noqa: S608 - the model's names, values are parameters
    return sql, fields


def _insert_unless_taken(row: Protocol) -> bool:
    """Insert ``row`` unless its (election, precinct, race, version) - or a current protocol of
    that precinct and race - is already there; return whether it went in.

    One statement that the database settles: of two simultaneous inserts the second waits for
    the first to commit and then inserts nothing (PostgreSQL and SQLite ``ON CONFLICT DO
    NOTHING`` over the unique constraints of :class:`Protocol`). The columns and their values
    come from the model's own fields, so a new field is written as ``save()`` would write it.
    """
    connection = connections[router.db_for_write(Protocol)]
    sql, fields = _insert_sql(connection.alias)
    params = [f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        got = cursor.fetchone()
    if got is None:
        return False
    row.pk = got[0]
    row._state.adding = False
    row._state.db = connection.alias
    return True


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
    simultaneous submissions win, in the INSERT itself), anything after the results are
    signed off. ``codes`` are the election's list codes when the caller has them already.
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
    with transaction.atomic():
        if _frozen(election):
            raise Frozen("signed off")
        if not _insert_unless_taken(row):
            raise AlreadySubmitted("already submitted")
        record_event(
            actor=actor,
            action=Action.RESULTS_PROTOCOL_SUBMIT,
            target=row,
            new={"precinct": precinct.number, "version": 1, "sha256": row.sha256},
        )
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
                action=Action.RESULTS_PROTOCOL_CORRECT,
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
            action=Action.RESULTS_PROTOCOL_ACCEPT if accept else Action.RESULTS_PROTOCOL_REJECT,
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
