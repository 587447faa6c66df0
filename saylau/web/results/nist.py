"""Published results in the NIST SP 1500-100 v2 Election Results Common Data Format (JSON).

What other election tools read (``ElectionResults.*`` types, validated against NIST's JSON
schema in the tests): one ``PartyContest`` for the list seats with one ``PartySelection`` per
list; one ``CandidateContest`` per single-member district with a ``CandidateSelection`` per
candidate; vote counts per precinct ``ReportingUnit``; the "against all" line of each contest as
a ``BallotMeasureSelection`` (the only selection the schema allows without a party or a
candidate) with the id ``...-against-all``; ballots cast and invalid ballots per precinct as
the election's ``BallotCounts``. Validated against the final v2 schema (usnistgov commit 0249b4a,
``tests/data/nist-1500-100-v2/``), not the 2017 draft: ``ContestSelection``,
``ElectionDistrictId``, internationalized unit names and party abbreviations. ``BallotCounts``
has no contest: it counts the party-list ballots (the single-member ones when the election has no
lists). The schema's ``PartyContest`` has no number of seats: the mandates are the ``Candidate``
entries of each list with ``PostElectionStatus`` ``winner``.
"""

from __future__ import annotations

from typing import Any

from saylau.web.core import clock


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


def _ballot_counts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ballots cast (found in the boxes) and rejected (invalid) per precinct."""
    return [
        {
            "@type": "ElectionResults.BallotCounts",
            "GpUnitId": f"gp-precinct-{row['number']}",
            "Type": "total",
            "BallotsCast": row["ballots_in_stationary_boxes"] + row["ballots_in_portable_boxes"],
            "BallotsRejected": row["invalid"],
        }
        for row in rows
    ]


def _against_all(contest_id: str, rows: list[dict[str, Any]], order: int) -> dict[str, Any]:
    return {
        "@type": "ElectionResults.BallotMeasureSelection",
        "@id": f"{contest_id}-against-all",
        "Selection": _text("Против всех", "Барлығына қарсы", "Against all"),
        "SequenceOrder": order,
        "VoteCounts": _counts({f"gp-precinct-{r['number']}": r["against_all"] for r in rows}),
    }


def _status() -> list[dict[str, Any]]:
    return [{"@type": "ElectionResults.CountStatus", "Type": "total", "Status": "completed"}]


def _units(results: dict[str, Any], scope_id: str) -> list[dict[str, Any]]:
    election = results["election"]
    units: list[dict[str, Any]] = [
        {
            "@type": "ElectionResults.ReportingUnit",
            "@id": scope_id,
            "Name": _text(election["name_ru"], election["name_kk"], election["name_en"]),
            "Type": "other",
            "OtherType": "electoral-territory",
            "ComposingGpUnitIds": [f"gp-district-{d['id']}" for d in results["districts"]],
        }
    ]
    for district in results["districts"]:
        units.append(
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
    seen: set[int] = set()
    rows = list(results["precincts"])
    for smd in results.get("single_member", []):
        rows += smd.get("precincts", [])
        units.append(
            {
                "@type": "ElectionResults.ReportingUnit",
                "@id": f"gp-smd-{smd['number']}",
                "Name": _text(f"№{smd['number']} {smd['name_ru']}"),
                "Number": str(smd["number"]),
                "Type": "other",
                "OtherType": "single-member-district",
                "ComposingGpUnitIds": [
                    f"gp-precinct-{p['number']}" for p in smd.get("precincts", [])
                ],
            }
        )
    for precinct in rows:
        if precinct["number"] in seen:
            continue
        seen.add(precinct["number"])
        units.append(
            {
                "@type": "ElectionResults.ReportingUnit",
                "@id": f"gp-precinct-{precinct['number']}",
                "Name": _text(f"№{precinct['number']}"),
                "Number": str(precinct["number"]),
                "Type": "precinct",
                "TotalSubUnits": 0,
                "VotersRegistered": precinct["voters_main_list"]
                + precinct["voters_additional_list"],
                "VotersParticipated": precinct["ballots_issued_premises"]
                + precinct["ballots_issued_outside"],
            }
        )
    return units


def _list_contest(
    results: dict[str, Any], scope_id: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    election = results["election"]
    rows = results["precincts"]
    selections: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    for p in results["parties"]:
        selections.append(
            {
                "@type": "ElectionResults.PartySelection",
                "@id": f"cs-{p['code']}",
                "PartyIds": [f"party-{p['code']}"],
                "SequenceOrder": p["ballot_position"] or 0,
                "VoteCounts": _counts(
                    {f"gp-precinct-{r['number']}": r["votes"].get(p["code"], 0) for r in rows}
                ),
            }
        )
        for i, name in enumerate(p["mandates"], start=1):
            candidates.append(
                {
                    "@type": "ElectionResults.Candidate",
                    "@id": f"cand-list-{p['code']}-{i}",
                    "BallotName": _text(name),
                    "PartyId": f"party-{p['code']}",
                    "PostElectionStatus": "winner",
                }
            )
    selections.append(_against_all(f"contest-{election['id']}-lists", rows, len(selections) + 1))
    contest = {
        "@type": "ElectionResults.PartyContest",
        "@id": f"contest-{election['id']}-lists",
        "Name": f"party lists ({election['list_seats']} seats)",
        "ElectionDistrictId": scope_id,
        "VoteVariation": "proportional",
        "ContestSelection": selections,
        "CountStatus": _status(),
    }
    return contest, candidates


def _district_contest(
    election_id: Any, smd: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    contest_id = f"contest-{election_id}-smd-{smd['number']}"
    rows = smd.get("precincts", [])
    selections: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    for i, c in enumerate(smd["candidates"], start=1):
        person: dict[str, Any] = {
            "@type": "ElectionResults.Candidate",
            "@id": f"cand-smd-{c['id']}",
            "BallotName": _text(c["name"]),
        }
        if c["party"]:
            person["PartyId"] = f"party-{c['party']}"
        if smd["winner"] == c["id"]:
            person["PostElectionStatus"] = "winner"
        candidates.append(person)
        selections.append(
            {
                "@type": "ElectionResults.CandidateSelection",
                "@id": f"{contest_id}-{c['id']}",
                "CandidateIds": [f"cand-smd-{c['id']}"],
                "SequenceOrder": i,
                "VoteCounts": _counts(
                    {f"gp-precinct-{r['number']}": r["votes"].get(c["id"], 0) for r in rows}
                ),
            }
        )
    selections.append(_against_all(contest_id, rows, len(selections) + 1))
    contest = {
        "@type": "ElectionResults.CandidateContest",
        "@id": contest_id,
        "Name": f"single-member district {smd['number']}",
        "ElectionDistrictId": f"gp-smd-{smd['number']}",
        "NumberElected": 1,
        "VotesAllowed": 1,
        "VoteVariation": "plurality",
        "ContestSelection": selections,
        "CountStatus": _status(),
    }
    return contest, candidates


def nist_cdf(results: dict[str, Any]) -> dict[str, Any]:
    """The published results (``public_results``) as an NIST SP 1500-100 v2 ``ElectionReport``."""
    election = results["election"]
    scope_id = f"gp-election-{election['id']}"
    contests: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    parties = {
        p["code"]: {
            "@type": "ElectionResults.Party",
            "@id": f"party-{p['code']}",
            "Name": _text(p["name_ru"], p["name_kk"]),
            "Abbreviation": _text(p["code"]),
        }
        for p in results["parties"]
    }
    ballot_rows = list(results["precincts"]) or [
        row for smd in results.get("single_member", []) for row in smd.get("precincts", [])
    ]
    if results["parties"]:
        contest, people = _list_contest(results, scope_id)
        contests.append(contest)
        candidates += people
    for smd in results.get("single_member", []):
        contest, people = _district_contest(election["id"], smd)
        contests.append(contest)
        candidates += people
        for c in smd["candidates"]:
            if c["party"] and c["party"] not in parties:
                parties[c["party"]] = {
                    "@type": "ElectionResults.Party",
                    "@id": f"party-{c['party']}",
                    "Name": _text(c["party_name_ru"] or c["party"]),
                    "Abbreviation": _text(c["party"]),
                }
    return {
        "@type": "ElectionResults.ElectionReport",
        "Format": "precinct-level",
        "GeneratedDate": clock.now().replace(microsecond=0).isoformat(),
        "Issuer": "saylau",
        "IssuerAbbreviation": "saylau",
        "SequenceStart": 1,
        "SequenceEnd": 1,
        # Preliminary results are complete (every protocol is in) but not yet certified.
        "Status": "certified" if results.get("status", "official") == "official" else "unofficial-complete",
        "VendorApplicationId": "saylau",
        "Election": [
            {
                "@type": "ElectionResults.Election",
                "Name": _text(election["name_ru"], election["name_kk"], election["name_en"]),
                "StartDate": election["day"],
                "EndDate": election["day"],
                "Type": "general",
                "ElectionScopeId": scope_id,
                "BallotCounts": _ballot_counts(ballot_rows),
                "Candidate": candidates,
                "Contest": contests,
            }
        ],
        "GpUnit": _units(results, scope_id),
        "Party": list(parties.values()),
    }
