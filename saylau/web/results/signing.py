"""Signing what the commissions sign off: each protocol version and the deciding commission's
totals (docs/signing.md). The statements are rebuilt from the published data by
:mod:`saylau.web.results.verification`, so the fields here and there must agree.
"""

from __future__ import annotations

from typing import Any

from saylau.law.protocol import Race
from saylau.web.signing import services

from .models import Distribution, Protocol
from .verification import totals_fields


def protocol_subject(election_id: int, protocol_pk: int) -> str:
    return f"{election_id}/{protocol_pk}"


def protocol_fields(
    *, election: Any, precinct_no: int, race: str, district: Any, version: int, sha256: str
) -> dict[str, Any]:
    fields = {
        "election": str(election),
        "precinct_no": precinct_no,
        "race": race,
        "version": version,
        "sha256": sha256,
    }
    if race != Race.PARTY_LIST:
        fields["district"] = str(district)
    return fields


def sign_protocol(protocol: Protocol) -> None:
    """The precinct commission signs this version of its protocol."""
    services.sign(
        who=services.precinct_holder(protocol.precinct),
        kind="protocol",
        subject=protocol_subject(protocol.election_id, protocol.pk),
        fields=protocol_fields(
            election=protocol.election_id,
            precinct_no=protocol.precinct.number,
            race=protocol.race,
            district=protocol.data.get("district"),
            version=protocol.version,
            sha256=protocol.sha256,
        ),
    )


def sign_totals(distribution: Distribution) -> None:
    """The deciding commission signs the totals it signs off."""
    election = distribution.election
    services.sign(
        who=services.deciding_holder(election),
        kind="totals",
        subject=str(election.pk),
        fields=totals_fields(
            election=election.pk,
            inputs_sha256=distribution.inputs_sha256,
            totals=distribution.tally["totals"],
        ),
    )


def protocol_signatures(election_id: int) -> dict[int, dict[str, str]]:
    """``{protocol pk: published signature}`` of an election (the newest of each)."""
    found = services.latest("protocol", f"{election_id}/")
    return {int(subject.split("/")[1]): sig.published() for subject, sig in found.items()}


def signatures_of(election_id: int, protocol_pks: list[int]) -> dict[int, dict[str, str]]:
    """The newest signature of each of these protocols (one query, only their rows)."""
    found = services.latest_of(
        "protocol", [protocol_subject(election_id, pk) for pk in protocol_pks]
    )
    return {int(subject.split("/")[1]): sig.published() for subject, sig in found.items()}


def totals_signature(election_id: int) -> dict[str, str] | None:
    sig = services.latest("totals", str(election_id)).get(str(election_id))
    return sig.published() if sig else None
