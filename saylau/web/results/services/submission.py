"""Submitting precinct protocols (from the form, the API or the QR text); corrections are
:mod:`.corrections`."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Field
from django.utils.translation import gettext_lazy as _

from saylau.errors import InputError
from saylau.law.protocol import (
    Finding,
    ProtocolError,
    check_against_lists,
    check_fits,
    check_protocol,
    protocol_from_dict,
    protocol_to_dict,
)
from saylau.law.tally import protocol_hash
from saylau.lists.io.limits import load_json
from saylau.web.accounts.models import User
from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.accounts.scope import scope_for
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election, Party, PartyList
from saylau.web.elections.places import precincts_of
from saylau.web.elections.selectors import sees_election
from saylau.web.elections.windows import require_window
from saylau.web.register.selectors import compiled_list_counts
from saylau.web.territory.models import Precinct

from .. import refusals
from ..errors import (
    AlreadySubmitted,
    BadQRText,
    Frozen,
    InvalidProtocol,
    ProtocolInconsistent,
)
from ..models import Distribution, Protocol
from ..signing import sign_protocol

QR_PREFIX = "SAYLAU-PROTOCOL/1 "


def is_frozen(election: Election, precinct: Precinct | None = None) -> bool:
    """Whether the election's results are signed off, or - after a recorded decision reopened
    some precincts (``four_eyes``) - whether ``precinct`` is not one of them (one indexed
    look-up, no ORM building)."""
    table = Distribution._meta.db_table
    sql = (
        f"SELECT signed_off_at IS NOT NULL, reopened_precincts FROM {table} WHERE election_id = %s"  # noqa: S608 - the model's table name, values are parameters
    )
    with connections[router.db_for_read(Distribution)].cursor() as cursor:
        cursor.execute(sql, [election.pk])
        row = cursor.fetchone()
    if row is None:
        return False
    if row[0]:
        return True
    reopened = json.loads(row[1]) if isinstance(row[1], str) else (row[1] or [])
    return bool(reopened) and (precinct is None or precinct.pk not in reopened)


def _require_of_election(election: Election, precinct: Precinct) -> None:
    """Only a precinct that votes in ``election`` (the rule of :func:`precincts_of`)."""
    if election.district_id is not None:
        ours = precinct.district_id == election.district_id
    else:
        ours = election.region_id is None or precinct.region_id == election.region_id
    if not ours:
        raise InvalidProtocol(
            "the precinct does not vote in this election",
            field="precinct",
            detail=refusals.not_of_election(precinct.number, election),
        )


def _date(value: Any) -> dt.date:
    """A DATE column as the backend gives it (SQLite: text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class SubmissionTarget:
    """What a protocol submission needs: the election, the precinct, the election's list codes."""

    election: Election
    precinct: Precinct
    codes: list[str]


@functools.cache
def _target_sql() -> str:
    election, precinct = Election._meta.db_table, Precinct._meta.db_table
    lists, party = PartyList._meta.db_table, Party._meta.db_table
    # The precinct joins only when it votes in the election (``precincts_of``).
    return f"""SELECT e.id, e.region_id, e.district_id, p.id, p.number, p.region_id,
        p.district_id, pa.code, e.day, e.body
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
    e_id, e_region, e_district, p_id, number, p_region, p_district, _code, day, body = rows[0]
    precinct = Precinct.from_db(
        db, ["id", "region_id", "district_id", "number"], [p_id, p_region, p_district, number]
    )
    if isinstance(user, User) and user.precinct_id == p_id:
        user.precinct = precinct
    scope = scope_for(user)
    if not sees_election(scope, region_id=e_region, district_id=e_district):
        return None
    if not scope.covers(region_id=p_region, district_id=p_district, precinct_id=p_id):
        return None
    # The day and body too: the protocol window (``require_window``) reads them.
    # ``from_db`` takes the values in the model's field order.
    known = {"id": e_id, "region_id": e_region, "district_id": e_district}
    known |= {"day": _date(day), "body": body}
    names = [f.attname for f in Election._meta.concrete_fields if f.attname in known]
    election = Election.from_db(db, names, [known[n] for n in names])
    return SubmissionTarget(
        election=election, precinct=precinct, codes=[r[7] for r in rows if r[7] is not None]
    )


def validate_protocol(
    *, election: Election, precinct: Precinct, data: Any, codes: list[str] | None = None
) -> tuple[dict[str, Any], list[Finding]]:
    """Read and check a protocol for ``precinct``; return its canonical JSON and findings.

    Raises :class:`InvalidProtocol` for a protocol that cannot be read (naming the field),
    for another election or precinct, or for lines that are not this election's lists.
    Line 1 is compared with the precinct's compiled main and additional lists
    (``law.protocol.check_against_lists``) when the election's lists are compiled here.
    """
    if not isinstance(data, Mapping):
        detail = refusals.say(refusals.PROTOCOL_SENTENCES["not_object"])
        raise InvalidProtocol("a protocol is a JSON object", field="(top)", detail=detail)
    given = dict(data)
    given.setdefault("election", str(election.pk))
    given.setdefault("precinct_no", precinct.number)
    if codes is None:
        codes = list(election.party_lists.values_list("party__code", flat=True))
    try:
        protocol = protocol_from_dict(given)
        check_fits(
            protocol, election=str(election.pk), precincts={precinct.number}, list_codes=codes
        )
    except ProtocolError as exc:
        detail = refusals.protocol_error(exc, election)
        raise InvalidProtocol(exc.message, field=exc.field, detail=detail) from exc
    findings = check_protocol(protocol)
    counts = compiled_list_counts(election_id=election.pk, precinct_id=precinct.pk)
    if counts is not None:
        main, additional = counts
        findings = check_against_lists(protocol, main=main, additional=additional) + findings
    return protocol_to_dict(protocol), findings


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


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def protocol_row(
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
        submitted_at=clock.now(),
    )


def submit_protocol(
    *,
    actor: ActorLike,
    election: Election,
    precinct: Precinct,
    data: Any,
    codes: list[str] | None = None,
) -> Protocol:
    """Accept the first version of a precinct protocol, or refuse it whole.

    Refused: a protocol that does not read, one whose control ratios fail (every finding is
    returned), a second submission (the unique version number makes exactly one of two
    simultaneous submissions win, in the INSERT itself), anything after the results are
    signed off. ``codes`` are the election's list codes when the caller has them already.
    """
    require(actor, Action.PROTOCOL_SUBMIT, precinct)
    _require_of_election(election, precinct)
    require_window(election, "protocol_entry")  # only after the polls close
    canonical, findings = validate_protocol(
        election=election, precinct=precinct, data=data, codes=codes
    )
    if errors_of(findings):
        detail = refusals.ratios_failed(precinct.number, findings)
        raise ProtocolInconsistent("control ratios failed", findings=findings, detail=detail)
    row = protocol_row(election=election, precinct=precinct, canonical=canonical, version=1)
    row.status = Protocol.Status.ACCEPTED
    row.is_current = True
    row.submitted_by = user_of(actor)
    with transaction.atomic():
        if is_frozen(election, precinct):
            raise Frozen("signed off", detail=refusals.signed_off(election))
        if not _insert_unless_taken(row):
            detail = refusals.say(
                _("Precinct No. %(precinct)s has already submitted its protocol of %(election)s."),
                precinct=precinct.number,
                election=refusals.named(election),
            )
            raise AlreadySubmitted("already submitted", detail=detail)
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_PROTOCOL_SUBMIT,
            target=row,
            new={"precinct": precinct.number, "version": 1, "sha256": row.sha256},
        )
        sign_protocol(row)
    return row


def qr_text(protocol: Protocol) -> str:
    """The text of the QR code printed on the protocol: its numbers and SHA-256 hash."""
    body = json.dumps(protocol.data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{QR_PREFIX}{protocol.sha256} {body}"


def read_qr_text(text: str) -> dict[str, Any]:
    """The protocol carried by a QR text, after checking its hash."""
    text = text.strip()
    if not text.startswith(QR_PREFIX):
        detail = refusals.say(
            _("The text does not start with %(prefix)s."), prefix=QR_PREFIX.strip()
        )
        raise BadQRText(
            "the text does not start with " + QR_PREFIX.strip(), field="qr", detail=detail
        )
    digest, _sep, body = text[len(QR_PREFIX) :].partition(" ")
    try:
        data = load_json(body, file="qr")
    except InputError as exc:
        detail = refusals.say(_("The numbers after the hash cannot be read (not JSON)."))
        raise BadQRText(f"not JSON: {exc.message}", field="qr", detail=detail) from exc
    if not isinstance(data, dict) or protocol_hash(data) != digest:
        detail = refusals.say(
            _("The hash %(hash)s does not match the numbers of the protocol."),
            hash=digest[:16] + ("…" if len(digest) > 16 else ""),
        )
        raise BadQRText("the hash does not match the numbers", field="qr", detail=detail)
    return data


def enter_from_qr(*, actor: ActorLike, election: Election, text: str) -> Protocol:
    """The territorial commission enters a precinct protocol from its scanned QR text (the
    precinct's place is checked by :func:`submit_protocol`)."""
    require(actor, Action.PROTOCOL_ENTER_QR)
    data = read_qr_text(text)
    if str(data.get("election")) != str(election.pk):
        detail = refusals.say(
            refusals.PROTOCOL_SENTENCES["other_election"], election=refusals.named(election)
        )
        raise BadQRText("the protocol is of another election", field="election", detail=detail)
    number = data.get("precinct_no")
    if isinstance(number, bool) or not isinstance(number, int):
        detail = refusals.say(_("The protocol does not give its precinct's number."))
        raise InvalidProtocol("must be the precinct's number", field="precinct_no", detail=detail)
    precinct = precincts_of(election).filter(number=number).first()
    if precinct is None:
        raise InvalidProtocol(
            "no such precinct in this election",
            field="precinct_no",
            detail=refusals.not_of_election(number, election),
        )
    return submit_protocol(actor=actor, election=election, precinct=precinct, data=data)
