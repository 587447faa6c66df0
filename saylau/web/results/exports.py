"""Published results as data: a JSON document, CSV per precinct, and NIST SP 1500-100 v2.

The NIST Election Results Common Data Format (JSON binding, ``ElectionResults.*`` types) is
what other election tools read: one ``PartyContest`` for the list seats, one
``PartySelection`` per list with vote counts per precinct ``ReportingUnit``, and the
"against all" line as a plain ``ContestSelection``.
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import Any

from django.utils import timezone

from saylau.web.elections.models import Candidate, Election
from saylau.web.territory.models import District

from .models import Distribution, Protocol
from .tally import SUMMED, percent_text


def public_results(election: Election, distribution: Distribution) -> dict[str, Any]:
    """Everything the public page shows, as one JSON-ready dict (published results only)."""
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
    district_names = {
        str(d.pk): d.name_ru
        for d in District.objects.filter(
            pk__in=[int(k) for k in distribution.tally["districts"]] or [0]
        )
    }
    districts = [
        {"id": key, "name": district_names.get(key, key), **value}
        for key, value in distribution.tally["districts"].items()
    ]
    precincts = [
        {
            "number": p.precinct.number,
            "district_id": str(p.precinct.district_id),
            "district": district_names.get(str(p.precinct.district_id), ""),
            "version": p.version,
            "sha256": p.sha256,
            **{key: p.data.get(key, 0) for key in SUMMED},
            "votes": {line["code"]: line["votes"] for line in p.data["votes"]},
        }
        for p in Protocol.objects.filter(election=election, is_current=True)
        .select_related("precinct")
        .order_by("precinct__number")
    ]
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
            "rule_set": distribution.rule_set,
        },
        "signed_off_at": distribution.signed_off_at.isoformat()
        if distribution.signed_off_at
        else None,
        "published_at": distribution.published_at.isoformat()
        if distribution.published_at
        else None,
        "inputs_sha256": distribution.inputs_sha256,
        "totals": totals,
        "parties": parties,
        "quota": distribution.allocation.get("quota"),
        "steps": distribution.allocation.get("steps", []),
        "districts": districts,
        "precincts": precincts,
    }


def results_csv(results: dict[str, Any]) -> str:
    """One row per precinct protocol in force: the lines, the votes per list, the hash."""
    codes = [p["code"] for p in results["parties"]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["district", "precinct", "version", *SUMMED, *codes, "sha256"])
    for row in results["precincts"]:
        writer.writerow(
            [
                row["district"],
                row["number"],
                row["version"],
                *(row[key] for key in SUMMED),
                *(row["votes"].get(code, 0) for code in codes),
                row["sha256"],
            ]
        )
    return out.getvalue()


def _text(ru: str, kk: str = "", en: str = "") -> dict[str, Any]:
    strings = [{"@type": "ElectionResults.LanguageString", "Language": "ru", "Content": ru}]
    if kk:
        strings.append({"@type": "ElectionResults.LanguageString", "Language": "kk", "Content": kk})
    if en:
        strings.append({"@type": "ElectionResults.LanguageString", "Language": "en", "Content": en})
    return {"@type": "ElectionResults.InternationalizedText", "Text": strings}


def _counts(by_unit: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"@type": "ElectionResults.VoteCounts", "GpUnitId": unit, "Type": "total", "Count": n}
        for unit, n in by_unit.items()
    ]


def nist_cdf(results: dict[str, Any]) -> dict[str, Any]:
    """The results as an NIST SP 1500-100 v2 ``ElectionReport`` (JSON)."""
    election = results["election"]
    region_id = f"gp-election-{election['id']}"
    gp_units: list[dict[str, Any]] = [
        {
            "@type": "ElectionResults.ReportingUnit",
            "@id": region_id,
            "Name": _text(election["name_ru"], election["name_kk"], election["name_en"]),
            "Type": "other",
            "OtherType": "electoral-territory",
            "ComposingGpUnitIds": [f"gp-district-{d['id']}" for d in results["districts"]],
        }
    ]
    for district in results["districts"]:
        gp_units.append(
            {
                "@type": "ElectionResults.ReportingUnit",
                "@id": f"gp-district-{district['id']}",
                "Name": _text(district["name"]),
                "Type": "county",
                "ComposingGpUnitIds": [
                    f"gp-precinct-{p['number']}"
                    for p in results["precincts"]
                    if p["district_id"] == district["id"]
                ],
            }
        )
    for precinct in results["precincts"]:
        gp_units.append(
            {
                "@type": "ElectionResults.ReportingUnit",
                "@id": f"gp-precinct-{precinct['number']}",
                "Name": _text(f"№{precinct['number']}"),
                "Type": "precinct",
                "TotalSubUnits": 0,
                "VotersRegistered": precinct["voters_main_list"]
                + precinct["voters_additional_list"],
                "VotersParticipated": precinct["ballots_issued_premises"]
                + precinct["ballots_issued_outside"],
            }
        )
    parties = [
        {
            "@type": "ElectionResults.Party",
            "@id": f"party-{p['code']}",
            "Name": _text(p["name_ru"], p["name_kk"]),
            "Abbreviation": p["code"],
        }
        for p in results["parties"]
    ]
    selections: list[dict[str, Any]] = []
    for p in results["parties"]:
        selections.append(
            {
                "@type": "ElectionResults.PartySelection",
                "@id": f"cs-{p['code']}",
                "PartyIds": [f"party-{p['code']}"],
                "SequenceOrder": p["ballot_position"] or 0,
                "VoteCounts": _counts(
                    {
                        f"gp-precinct-{row['number']}": row["votes"].get(p["code"], 0)
                        for row in results["precincts"]
                    }
                ),
            }
        )
    selections.append(
        {
            "@type": "ElectionResults.ContestSelection",
            "@id": "cs-against-all",
            "VoteCounts": _counts(
                {f"gp-precinct-{row['number']}": row["against_all"] for row in results["precincts"]}
            ),
        }
    )
    contest = {
        "@type": "ElectionResults.PartyContest",
        "@id": f"contest-{election['id']}-lists",
        "Name": "party lists",
        "ElectionDistrictId": region_id,
        "NumberElected": election["list_seats"],
        "VoteVariation": "proportional",
        "ContestSelection": selections,
        "CountStatus": [
            {"@type": "ElectionResults.CountStatus", "Type": "total", "Status": "completed"}
        ],
    }
    return {
        "@type": "ElectionResults.ElectionReport",
        "Format": "precinct-level",
        "GeneratedDate": timezone.now().replace(microsecond=0).isoformat(),
        "Issuer": "saylau",
        "IssuerAbbreviation": "saylau",
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": "certified",
        "VendorApplicationId": "saylau",
        "VersionNumber": "2.0.0",
        "Election": [
            {
                "@type": "ElectionResults.Election",
                "@id": f"election-{election['id']}",
                "Name": _text(election["name_ru"], election["name_kk"], election["name_en"]),
                "StartDate": election["day"],
                "EndDate": election["day"],
                "Type": "general",
                "ElectionScopeId": region_id,
                "Contest": [contest],
            }
        ],
        "GpUnit": gp_units,
        "Party": parties,
    }
