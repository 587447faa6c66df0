"""Published results as data: a JSON document and CSV per precinct (party lists and
single-member races); the NIST SP 1500-100 v2 form is built from the same document
(:mod:`saylau.web.results.nist`)."""

from __future__ import annotations

import io
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet

from saylau.law.protocol import Race
from saylau.law.tally import SUMMED, percent_text
from saylau.web.core import clock
from saylau.web.core.csvsafe import safe_writer
from saylau.web.elections.models import Candidate, Election, SingleMemberCandidate
from saylau.web.territory.models import District

from .models import Distribution, Protocol
from .nist import nist_cdf
from .signing import protocol_signatures, totals_signature

__all__ = [
    "nist_cdf",
    "precinct_rows",
    "public_results",
    "results_csv",
    "single_member_csv",
]


def party_list_protocols(election: Election) -> QuerySet[Protocol]:
    """The party-list protocols in force, in precinct order (what the per-precinct table shows)."""
    return (
        Protocol.objects.filter(election=election, is_current=True, race=Race.PARTY_LIST)
        .select_related("precinct")
        .order_by("precinct__number")
    )


def hashed_lines(p: Protocol, signatures: dict[int, dict[str, str]]) -> dict[str, Any]:
    """What a precinct row publishes of a protocol beyond the summed lines, so that anyone can
    rebuild its hashed JSON (``verification.rebuild``) and check its signature."""
    return {
        "outside_voting_applications": p.data.get("outside_voting_applications"),
        "names": {line["code"]: line["name"] for line in p.data["votes"] if line.get("name")},
        "signature": signatures.get(p.pk),
    }


def precinct_rows(
    protocols: Any,
    district_names: dict[str, str],
    signatures: dict[int, dict[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """One row per party-list protocol: its lines, votes per list, hash and signature."""
    signatures = signatures or {}
    return [
        {
            "number": p.precinct.number,
            "district_id": str(p.precinct.district_id),
            "district": district_names.get(str(p.precinct.district_id), ""),
            "version": p.version,
            "sha256": p.sha256,
            **{key: p.data.get(key, 0) for key in SUMMED},
            "votes": {line["code"]: line["votes"] for line in p.data["votes"]},
            **hashed_lines(p, signatures),
        }
        for p in protocols
    ]


def district_names(distribution: Distribution) -> dict[str, str]:
    return {
        str(d.pk): d.name_ru
        for d in District.objects.filter(
            pk__in=[int(k) for k in distribution.tally.get("districts", {})] or [0]
        )
    }


def single_member_results(
    election: Election, distribution: Distribution, *, with_precincts: bool = True
) -> list[dict[str, Any]]:
    """Each single-member district: totals, every candidate's votes and share of the valid
    ballots, the winner (or why there is none) and, when asked, each precinct protocol."""
    results = list(
        distribution.district_results.select_related("district", "winner").order_by(
            "district__number"
        )
    )
    if not results:
        return []
    people = {
        str(c.pk): c
        for c in SingleMemberCandidate.objects.filter(election=election).select_related("party")
    }
    by_district: dict[str, list[dict[str, Any]]] = {}
    if with_precincts:
        signatures = protocol_signatures(election.pk)
        for p in (
            Protocol.objects.filter(election=election, is_current=True, race=Race.SINGLE_MEMBER)
            .select_related("precinct")
            .order_by("precinct__number")
        ):
            by_district.setdefault(str(p.data.get("district")), []).append(
                {
                    "number": p.precinct.number,
                    "version": p.version,
                    "sha256": p.sha256,
                    **{key: p.data.get(key, 0) for key in SUMMED},
                    "votes": {line["code"]: line["votes"] for line in p.data["votes"]},
                    **hashed_lines(p, signatures),
                }
            )
    out = []
    for r in results:
        totals = r.totals
        valid = totals.get("valid", 0)
        candidates = []
        for code, votes in sorted(totals.get("votes", {}).items(), key=lambda kv: -kv[1]):
            person = people.get(code)
            candidates.append(
                {
                    "id": code,
                    "name": person.full_name if person else code,
                    "party": person.party.code if person and person.party else None,
                    "party_name_ru": person.party.name_ru if person and person.party else "",
                    "votes": votes,
                    "percent": percent_text(Fraction(votes, valid or 1)),
                }
            )
        row = {
            "number": r.district.number,
            "name_ru": r.district.name_ru,
            "name_kk": r.district.name_kk,
            "protocols": r.protocols,
            **{key: totals.get(key) for key in ("expected", "voters", "ballots_issued")},
            "turnout_percent": totals.get("turnout_percent"),
            **{key: totals.get(key, 0) for key in ("valid", "invalid", "against_all")},
            "candidates": candidates,
            "winner": str(r.winner_id) if r.winner_id else None,
            "winner_name": r.winner.full_name if r.winner else None,
            "undecided": r.undecided or None,
        }
        if with_precincts:
            row["precincts"] = by_district.get(str(r.district.number), [])
        out.append(row)
    return out


def public_results(
    election: Election, distribution: Distribution, *, with_precincts: bool = True
) -> dict[str, Any]:
    """Everything the public page shows, as one JSON-ready dict (published results only;
    ``status`` says whether they are ``official`` or ``preliminary``).

    ``with_precincts=False`` leaves out the per-precinct rows (the page shows them a page at
    a time)."""
    lists = list(
        election.party_lists.select_related("party").order_by("ballot_position", "registered_at")
    )
    totals = distribution.tally["totals"]
    valid_votes = sum(totals["votes"].values()) + totals.get("against_all", 0)
    seats = distribution.allocation.get("seats", {})
    elected = {
        m.candidate_id: m
        for m in distribution.mandates.select_related("candidate", "party_list__party")
    }
    names = {str(c.pk): c.full_name for c in Candidate.objects.filter(pk__in=elected)}
    mandates = distribution.allocation.get("mandates", {})
    parties = [
        {
            "code": pl.party.code,
            "name_ru": pl.party.name_ru,
            "name_kk": pl.party.name_kk,
            "ballot_position": pl.ballot_position,
            "votes": totals["votes"].get(pl.party.code, 0),
            "percent": percent_text(
                Fraction(totals["votes"].get(pl.party.code, 0), valid_votes or 1)
            ),
            "seats": seats.get(pl.party.code, 0),
            "mandates": [names.get(pk, pk) for pk in mandates.get(pl.party.code, [])],
        }
        for pl in lists
    ]
    names = district_names(distribution)
    districts = [
        {"id": key, "name": names.get(key, key), **value}
        for key, value in distribution.tally["districts"].items()
    ]
    precincts = (
        precinct_rows(party_list_protocols(election), names, protocol_signatures(election.pk))
        if with_precincts
        else []
    )
    return {
        "format": "saylau-results/1",
        "election": {
            "id": election.pk,
            "name_ru": election.name_ru,
            "name_kk": election.name_kk,
            "name_en": election.name_en,
            "body": election.body,
            "day": election.day.isoformat(),
            "list_seats": election.list_seats,
            "single_member_districts": election.single_member_districts,
            "rule_set": distribution.rule_set,
        },
        "status": "official"
        if distribution.published_at and distribution.signed_off_at
        else "preliminary",
        "preliminary_published_at": clock.localtime(
            distribution.preliminary_published_at
        ).isoformat()
        if distribution.preliminary_published_at
        else None,
        "signed_off_at": clock.localtime(distribution.signed_off_at).isoformat()
        if distribution.signed_off_at
        else None,
        "published_at": clock.localtime(distribution.published_at).isoformat()
        if distribution.published_at
        else None,
        "inputs_sha256": distribution.inputs_sha256,
        "totals": totals,
        "signature": totals_signature(election.pk),
        "parties": parties,
        "quota": distribution.allocation.get("quota"),
        "steps": distribution.allocation.get("steps", []),
        "districts": districts,
        "precincts": precincts,
        "single_member": single_member_results(
            election, distribution, with_precincts=with_precincts
        ),
    }


def results_csv(results: dict[str, Any]) -> str:
    """One row per precinct protocol in force: the lines, the votes per list, the hash."""
    codes = [p["code"] for p in results["parties"]]
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(
        [
            "district",
            "precinct",
            "version",
            *SUMMED,
            *codes,
            "outside_voting_applications",
            "sha256",
        ]
    )
    for row in results["precincts"]:
        writer.writerow(
            [
                row["district"],
                row["number"],
                row["version"],
                *(row[key] for key in SUMMED),
                *(row["votes"].get(code, 0) for code in codes),
                ""
                if row["outside_voting_applications"] is None
                else row["outside_voting_applications"],
                row["sha256"],
            ]
        )
    return out.getvalue()


def single_member_csv(results: dict[str, Any]) -> str:
    """One row per candidate line (and "against all") of each single-member precinct protocol."""
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(
        [
            "district_no",
            "district",
            "precinct",
            "version",
            "candidate_id",
            "candidate",
            "party",
            "votes",
            "sha256",
        ]
    )
    for district in results.get("single_member", []):
        names = {c["id"]: (c["name"], c["party"] or "") for c in district["candidates"]}
        for row in district.get("precincts", []):
            lines = [(code, *names.get(code, (code, "")), n) for code, n in row["votes"].items()]
            lines.append(("against_all", "", "", row["against_all"]))
            for code, name, party, votes in lines:
                writer.writerow(
                    [
                        district["number"],
                        district["name_ru"],
                        row["number"],
                        row["version"],
                        code,
                        name,
                        party,
                        votes,
                        row["sha256"],
                    ]
                )
    return out.getvalue()
