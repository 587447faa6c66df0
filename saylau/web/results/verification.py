"""Does this protocol match the published one? For observers, offline or on the public page.

Pure Python (no Django): ``saylau protocol verify`` and the page
``/results/public/<id>/verify/`` call the same :func:`verify`, on the same published
documents (``results.json`` as ``saylau-results/1`` and ``keys.json`` as ``saylau-keys/1``).

The claim is a protocol as the observer has it: the JSON carried by the QR printed on the
copy posted at the precinct, or figures typed from it. The answer is ``matches`` only when the
precinct's protocol in force is published, every line the claim gives equals the published
one, the published lines rebuild the published SHA-256, and the precinct commission's Ed25519
signature over that hash verifies with a key valid when it signed. Anything else names what
is wrong; nothing half-checked says "matches".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from saylau.errors import InputError
from saylau.law.protocol import Race
from saylau.law.tally import SUMMED, protocol_hash
from saylau.web.signing import crypto

FORMAT = "saylau-protocol/1"
#: The start of the QR text printed on a protocol (``services.submission.QR_PREFIX``).
QR_PREFIX = "SAYLAU-PROTOCOL/1 "
#: Every count line of the protocol, in the order of docs/formats/protocol.md.
LINES = (*SUMMED[:6], "outside_voting_applications", *SUMMED[6:])


class ClaimError(InputError):
    """What the observer gave cannot be read as a protocol (names what is wrong)."""

    code = "results.verify.unreadable"

    def __init__(self, message: str, *, reason: str = "unreadable") -> None:
        super().__init__(message)
        self.reason = reason  # not_qr, cut, altered, unreadable: the page translates it


def read_qr(text: str) -> dict[str, Any]:
    """The protocol a scanned QR text carries, after checking that its hash matches it.

    A truncated or altered text fails here: nothing is compared with a protocol that does
    not agree with its own hash."""
    text = text.strip()
    if not text.startswith(QR_PREFIX):
        raise ClaimError(
            "not a saylau protocol QR (it must start with SAYLAU-PROTOCOL/1)", reason="not_qr"
        )
    digest, _sep, body = text[len(QR_PREFIX) :].partition(" ")
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        msg = f"the QR text is cut or damaged (not JSON: {exc.msg})"
        raise ClaimError(msg, reason="cut") from exc
    if not isinstance(data, dict):
        raise ClaimError("the QR text does not carry a protocol", reason="cut")
    if protocol_hash(data) != digest:
        msg = "the QR's hash does not match its figures: the text was altered"
        raise ClaimError(msg, reason="altered")
    return data


@dataclass(frozen=True)
class Difference:
    line: str
    claimed: Any
    published: Any


@dataclass(frozen=True)
class Verdict:
    """``status``: ``matches``, ``differs``, ``other_election``, ``no_such_precinct``,
    ``bad_signature`` (also ``unsigned``, ``unknown_key``, ``outside_validity``) or
    ``published_inconsistent`` (the published lines do not rebuild the published hash)."""

    status: str
    precinct_no: int | None = None
    version: int | None = None
    sha256: str = ""
    signature: str = ""
    differences: list[Difference] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return self.status == "matches"

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "matches": self.matches,
            "precinct_no": self.precinct_no,
            "version": self.version,
            "sha256": self.sha256,
            "signature": self.signature,
            "differences": [d.__dict__ for d in self.differences],
        }


def rebuild(
    row: Mapping[str, Any], *, election: Any, race: str = Race.PARTY_LIST, district: Any = None
) -> dict[str, Any]:
    """The protocol's hashed JSON rebuilt from its published row (``protocol_to_dict``)."""
    out: dict[str, Any] = {
        "format": FORMAT,
        "election": str(election),
        "precinct_no": row["number"],
        "race": race,
    }
    if race != Race.PARTY_LIST:
        out["district"] = str(district)
    for key in SUMMED:
        if key != "against_all":
            out[key] = row[key]
    out["against_all"] = row["against_all"]
    if row.get("outside_voting_applications") is not None:
        out["outside_voting_applications"] = row["outside_voting_applications"]
    names = row.get("names") or {}
    out["votes"] = [
        {"code": code, **({"name": names[code]} if names.get(code) else {}), "votes": n}
        for code, n in row["votes"].items()
    ]
    return out


def _find(
    published: Mapping[str, Any], claim: Mapping[str, Any]
) -> tuple[Mapping[str, Any] | None, str, Any]:
    number = claim.get("precinct_no")
    race = claim.get("race") or Race.PARTY_LIST
    if race == Race.PARTY_LIST:
        rows = published.get("precincts") or []
        found = next((r for r in rows if r.get("number") == number), None)
        return found, race, None
    district = str(claim.get("district"))
    for smd in published.get("single_member") or []:
        if str(smd.get("number")) == district:
            rows = smd.get("precincts") or []
            return next((r for r in rows if r.get("number") == number), None), race, district
    return None, race, district


def _differences(claim: Mapping[str, Any], truth: Mapping[str, Any]) -> list[Difference]:
    """Every line the claim states that is not the published one (lines it omits are not
    compared: typed figures may leave out what the observer did not copy)."""
    out = []
    for key in LINES:
        if key in claim and claim[key] != truth.get(key):
            out.append(Difference(key, claim[key], truth.get(key)))
    if "votes" in claim:
        mine = {str(v.get("code")): v for v in claim["votes"] if isinstance(v, Mapping)}
        theirs = {v["code"]: v for v in truth["votes"]}
        # A QR carries the whole protocol (with its "format"): a line it lacks differs too.
        codes = set(mine) | set(theirs) if "format" in claim else set(mine)
        for code in sorted(codes, key=lambda c: (c not in theirs, c)):
            got, want = mine.get(code), theirs.get(code)
            if got is None or want is None or got.get("votes") != want["votes"]:
                claimed = None if got is None else got.get("votes")
                out.append(Difference(f"votes:{code}", claimed, want and want["votes"]))
            elif got.get("name") and want.get("name") and got["name"] != want["name"]:
                out.append(Difference(f"name:{code}", got["name"], want["name"]))
    return out


def protocol_statement(row: Mapping[str, Any], truth: Mapping[str, Any], version: Any) -> bytes:
    fields = {
        "election": truth["election"],
        "precinct_no": truth["precinct_no"],
        "race": truth["race"],
        "version": version,
        "sha256": row["sha256"],
        "signed_at": (row.get("signature") or {}).get("signed_at"),
    }
    if truth["race"] != Race.PARTY_LIST:
        fields["district"] = truth["district"]
    return crypto.statement("protocol", fields)


def verify(
    claim: Mapping[str, Any], published: Mapping[str, Any], keys: Mapping[str, Any]
) -> Verdict:
    """Compare ``claim`` with the published protocol in force of its precinct (see module)."""
    election = published.get("election", {}).get("id")
    if str(claim.get("election")) != str(election):
        return Verdict("other_election", precinct_no=_int(claim.get("precinct_no")))
    row, race, district = _find(published, claim)
    if row is None:
        return Verdict("no_such_precinct", precinct_no=_int(claim.get("precinct_no")))
    truth = rebuild(row, election=election, race=race, district=district)
    base = {"precinct_no": row["number"], "version": row.get("version"), "sha256": row["sha256"]}
    if protocol_hash(truth) != row["sha256"]:
        return Verdict("published_inconsistent", **base)
    signature = crypto.check_signature(
        crypto.keys_by_id(keys),
        row.get("signature"),
        protocol_statement(row, truth, row.get("version")),
    )
    differences = _differences(claim, truth)
    if signature != "ok":
        return Verdict(signature, signature=signature, differences=differences, **base)
    status = "differs" if differences else "matches"
    return Verdict(status, signature=signature, differences=differences, **base)


def totals_fields(*, election: Any, inputs_sha256: str, totals: Any) -> dict[str, Any]:
    """What the deciding commission signs at sign-off: the fingerprint of the protocols
    counted and the SHA-256 of the published ``totals`` (canonical JSON)."""
    return {
        "election": str(election),
        "inputs_sha256": inputs_sha256,
        "totals_sha256": hashlib.sha256(crypto.canonical(totals)).hexdigest(),
    }


def verify_totals(published: Mapping[str, Any], keys: Mapping[str, Any]) -> str:
    """``ok`` when the deciding commission's signature covers the published totals."""
    signed = published.get("signature") or {}
    fields = totals_fields(
        election=published.get("election", {}).get("id"),
        inputs_sha256=str(published.get("inputs_sha256")),
        totals=published.get("totals"),
    )
    message = crypto.statement("totals", {**fields, "signed_at": signed.get("signed_at")})
    return crypto.check_signature(crypto.keys_by_id(keys), signed, message)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
