"""The NIST SP 1500-100 v2 export validates against NIST's final JSON schema (2021, 0249b4a).

The XSD beside it is not used: the export is JSON only and no XML schema validator (lxml,
xmlschema) is a dependency.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from jsonschema import Draft4Validator, FormatChecker

from saylau.web.results import services
from saylau.web.results.services.single_member import submit_single_member_protocol

from .factories import (
    election_with_lists,
    protocol_data,
    single_member_data,
    single_member_districts,
)

pytestmark = pytest.mark.django_db

SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "data/nist-1500-100-v2/NIST_V2_election_results_reporting.json"
)


def _errors(report: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(report)
    ]


def _dangling_references(report: dict[str, Any]) -> list[str]:
    """Every ``...Id`` / ``...Ids`` value names an ``@id`` of the report (the schema cannot say)."""
    ids: set[str] = set()
    refs: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "@id" in node:
                ids.add(node["@id"])
            for key, value in node.items():
                if key.endswith("Id") and key != "VendorApplicationId" and isinstance(value, str):
                    refs.append((key, value))
                elif key.endswith("Ids") and isinstance(value, list):
                    refs.extend((key, v) for v in value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(report)
    return [f"{key}={value}" for key, value in refs if value not in ids]


def _publish(election: Any) -> None:
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)


def test_the_party_list_export_is_valid_nist_cdf(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    _publish(election)
    report = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    assert _errors(report) == []
    assert _dangling_references(report) == []
    ids = {u["@id"] for u in report["GpUnit"]} | {p["@id"] for p in report["Party"]}
    contest = report["Election"][0]["Contest"][0]
    for selection in contest["ContestSelection"]:
        assert all(c["GpUnitId"] in ids for c in selection["VoteCounts"])
        assert all(pid in ids for pid in selection.get("PartyIds", []))


def test_the_export_with_single_member_districts_is_valid_nist_cdf(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts = election_with_lists()
    districts = single_member_districts(election, precincts)
    for i, p in enumerate(precincts):
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
        smd = districts[0] if i < 2 else districts[1]
        submit_single_member_protocol(
            actor=None,
            election=election,
            precinct=p,
            data=single_member_data(p, smd, [400 - i * 10, 300, 100]),
        )
    _publish(election)
    report = json.loads(client.get(reverse("results:public_nist", args=[election.pk])).content)
    assert _errors(report) == []
    assert _dangling_references(report) == []
    kinds = [c["@type"] for c in report["Election"][0]["Contest"]]
    assert kinds == ["ElectionResults.PartyContest"] + ["ElectionResults.CandidateContest"] * 2
    candidates = {c["@id"] for c in report["Election"][0]["Candidate"]}
    for contest in report["Election"][0]["Contest"][1:]:
        for selection in contest["ContestSelection"]:
            assert set(selection.get("CandidateIds", [])) <= candidates


def test_the_schema_catches_what_the_old_export_got_wrong() -> None:
    """Guard that the validation has teeth: the field names of the first export fail."""
    bad = {
        "@type": "ElectionResults.ElectionReport",
        "Format": "precinct-level",
        "GeneratedDate": "2027-03-22T10:00:00+05:00",
        "Issuer": "saylau",
        "IssuerAbbreviation": "saylau",
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": "certified",
        "VendorApplicationId": "saylau",
        "VersionNumber": "2.0.0",
    }
    assert any("VersionNumber" in e for e in _errors(bad))


def test_the_final_schema_rejects_the_field_names_of_the_2017_draft() -> None:
    draft_contest = {
        "@type": "ElectionResults.PartyContest",
        "@id": "c1",
        "Name": "lists",
        "ElectoralDistrictId": "gp-1",
        "BallotSelection": [],
    }
    report = {
        "@type": "ElectionResults.ElectionReport",
        "Format": "precinct-level",
        "GeneratedDate": "2027-03-22T10:00:00+05:00",
        "Issuer": "saylau",
        "IssuerAbbreviation": "saylau",
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": "certified",
        "VendorApplicationId": "saylau",
        "Election": [
            {
                "@type": "ElectionResults.Election",
                "Name": {
                    "@type": "ElectionResults.InternationalizedText",
                    "Text": [
                        {
                            "@type": "ElectionResults.LanguageString",
                            "Language": "en",
                            "Content": "x",
                        }
                    ],
                },
                "StartDate": "2027-03-19",
                "EndDate": "2027-03-19",
                "Type": "general",
                "ElectionScopeId": "gp-1",
                "Contest": [draft_contest],
            }
        ],
    }
    assert _errors(report) != []
