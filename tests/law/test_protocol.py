"""The precinct protocol: reading its JSON and the control ratios (law-notes section 4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.law.protocol import (
    MESSAGES,
    Finding,
    ProtocolError,
    check_protocol,
    check_totals,
    protocol_from_dict,
    protocol_to_dict,
    render_finding,
    sum_protocols,
)


def good() -> dict[str, Any]:
    return {
        "election": "mazhilis-2023",
        "precinct_no": 512,
        "voters_main_list": 2839,
        "voters_additional_list": 14,
        "ballots_received": 2870,
        "ballots_issued_premises": 1890,
        "ballots_issued_outside": 31,
        "absentee_certificate_voters": 6,
        "outside_voting_applications": 33,
        "ballots_cancelled": 946,
        "ballots_spoiled": 3,
        "ballots_in_stationary_boxes": 1889,
        "ballots_in_portable_boxes": 31,
        "valid": 1884,
        "invalid": 36,
        "votes": [
            {"code": "amanat", "name": "Amanat", "votes": 1102},
            {"code": "auyl", "votes": 301},
            {"code": "ak-zhol", "votes": 412},
        ],
        "against_all": 69,
    }


def codes(data: dict[str, Any]) -> list[str]:
    return [f.code for f in check_protocol(protocol_from_dict(data))]


def test_a_protocol_that_adds_up_has_only_the_warning_for_a_ballot_taken_away() -> None:
    assert codes(good()) == ["ballots_not_returned"]


def test_a_protocol_with_every_ballot_returned_has_no_findings() -> None:
    data = good() | {"ballots_in_stationary_boxes": 1890, "invalid": 37}
    assert codes(data) == []


def test_the_json_form_round_trips() -> None:
    p = protocol_from_dict(good())
    assert protocol_from_dict(protocol_to_dict(p)) == p


def test_every_broken_ratio_is_reported_not_only_the_first() -> None:
    data = good() | {
        "ballots_received": 1,
        "ballots_issued_premises": 5000,
        "ballots_in_portable_boxes": 40,
        "valid": 10,
    }
    found = codes(data)
    assert {
        "ballot_balance",
        "issued_exceeds_lists",
        "portable_exceeds_outside",
        "valid_vs_votes",
        "valid_invalid_vs_boxes",
    } <= set(found)


@pytest.mark.parametrize(
    ("change", "code", "severity"),
    [
        ({"ballots_received": 2871}, "ballot_balance", "error"),
        ({"voters_main_list": 1000}, "issued_exceeds_lists", "error"),
        ({"absentee_certificate_voters": 15}, "absentee_exceeds_additional", "warning"),
        ({"ballots_in_portable_boxes": 32, "invalid": 37}, "portable_exceeds_outside", "error"),
        ({"outside_voting_applications": 30}, "outside_exceeds_applications", "error"),
        ({"against_all": 70}, "valid_vs_votes", "error"),
        ({"invalid": 35}, "valid_invalid_vs_boxes", "error"),
        (
            {"ballots_in_stationary_boxes": 1891, "invalid": 38},
            "boxes_exceed_issued",
            "error",
        ),
    ],
)
def test_each_control_ratio_has_its_own_finding(
    change: dict[str, int], code: str, severity: str
) -> None:
    findings = check_protocol(protocol_from_dict(good() | change))
    match = [f for f in findings if f.code == code]
    assert len(match) == 1
    assert match[0].severity == severity
    assert match[0].fields


def test_absentee_voters_beyond_ballots_issued_in_the_premises_are_an_error() -> None:
    data = good() | {
        "ballots_issued_premises": 5,
        "absentee_certificate_voters": 6,
        "voters_additional_list": 10,
    }
    assert "absentee_exceeds_issued" in codes(data)


def test_a_protocol_without_any_party_line_is_an_error() -> None:
    data = good() | {"votes": [], "valid": 69, "invalid": 1851}
    assert "no_vote_lines" in codes(data)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"valid": -1}, "valid"),
        ({"valid": 1.0}, "valid"),
        ({"valid": True}, "valid"),
        ({"valid": "12"}, "valid"),
        ({"precinct_no": None}, "precinct_no"),
        ({"election": ""}, "election"),
        ({"race": "referendum"}, "race"),
        ({"race": "single_member"}, "district"),
        ({"format": "other/2"}, "format"),
        ({"votes": {"amanat": 1}}, "votes"),
        ({"votes": [{"code": "a", "votes": 1}, {"code": "a", "votes": 2}]}, "votes[1].code"),
        ({"votes": [{"code": "a", "votes": -4}]}, "votes[0].votes"),
        ({"votes": [{"code": "a"}]}, "votes[0].votes"),
        ({"votes": [{"votes": 3}]}, "votes[0].code"),
        ({"votes": ["amanat"]}, "votes[0]"),
    ],
)
def test_a_bad_field_is_named_in_the_error(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ProtocolError) as exc:
        protocol_from_dict(good() | change, source="p.json")
    assert exc.value.field == field
    assert "p.json" in str(exc.value)
    assert exc.value.exit_status == 2


def test_a_missing_line_is_named() -> None:
    data = good()
    del data["ballots_cancelled"]
    with pytest.raises(ProtocolError, match="ballots_cancelled"):
        protocol_from_dict(data)


def test_a_protocol_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(ProtocolError):
        protocol_from_dict([1, 2])


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_message_renders_in_every_language(lang: str) -> None:
    params = {
        "received": 1,
        "accounted": 2,
        "issued": 3,
        "on_lists": 4,
        "absentee": 5,
        "additional": 6,
        "in_boxes": 7,
        "missing": 8,
        "portable": 9,
        "outside": 10,
        "applications": 11,
        "valid": 12,
        "votes": 13,
        "counted": 14,
        "line": "valid",
        "parts": 15,
        "total": 16,
        "protocol": 17,
        "lists": 18,
    }
    for code, templates in MESSAGES.items():
        assert set(templates) == {"ru", "kk", "en"}
        text = render_finding(Finding(code, "error", params), lang)
        assert "{" not in text


def test_kazakh_messages_use_kazakh_letters() -> None:
    assert any(ch in MESSAGES["ballot_balance"]["kk"] for ch in "әғқңөұүһі")


counts = st.integers(min_value=0, max_value=5000)


@st.composite
def consistent_protocols(draw: st.DrawFn, precinct_no: int = 1) -> dict[str, Any]:
    """A protocol built so that every control ratio holds (the kept-away ballots vary)."""
    votes = draw(st.lists(st.integers(0, 2000), min_size=3, max_size=3))
    against = draw(st.integers(0, 100))
    invalid = draw(st.integers(0, 100))
    kept_away = draw(st.integers(0, 5))
    outside = draw(st.integers(0, 100))
    valid = sum(votes) + against
    in_boxes = valid + invalid
    issued = in_boxes + kept_away
    outside = min(outside, in_boxes)
    premises = issued - outside
    absentee = draw(st.integers(0, min(premises, 20)))
    cancelled = draw(counts)
    spoiled = draw(st.integers(0, 10))
    return {
        "election": "e",
        "precinct_no": precinct_no,
        "voters_main_list": issued + draw(counts),
        "voters_additional_list": absentee + draw(st.integers(0, 50)),
        "ballots_received": issued + cancelled + spoiled,
        "ballots_issued_premises": premises,
        "ballots_issued_outside": outside,
        "absentee_certificate_voters": absentee,
        "outside_voting_applications": outside + draw(st.integers(0, 5)),
        "ballots_cancelled": cancelled,
        "ballots_spoiled": spoiled,
        "ballots_in_stationary_boxes": in_boxes - outside,
        "ballots_in_portable_boxes": outside,
        "valid": valid,
        "invalid": invalid,
        "votes": [{"code": f"p{i}", "votes": v} for i, v in enumerate(votes)],
        "against_all": against,
    }


@settings(deadline=None)
@given(consistent_protocols())
def test_a_protocol_built_to_add_up_has_no_errors(data: dict[str, Any]) -> None:
    findings = check_protocol(protocol_from_dict(data))
    assert [f for f in findings if f.severity == "error"] == []


@settings(deadline=None, max_examples=50)
@given(st.lists(consistent_protocols(), min_size=1, max_size=8))
def test_the_sum_of_protocols_that_pass_the_checks_passes_them_too(
    parts: list[dict[str, Any]],
) -> None:
    protocols = [protocol_from_dict(d | {"precinct_no": i}) for i, d in enumerate(parts)]
    total = sum_protocols(protocols)
    assert [f for f in check_protocol(total) if f.severity == "error"] == []
    assert check_totals(protocols, total) == []


def test_protocols_sum_line_by_line_and_a_wrong_total_is_found() -> None:
    one = protocol_from_dict(good())
    two = protocol_from_dict(good() | {"precinct_no": 513})
    total = sum_protocols([one, two], precinct_no=0)
    assert total.valid == 2 * one.valid
    assert total.votes_by_code()["amanat"] == 2204
    assert check_totals([one, two], total) == []
    wrong = protocol_to_dict(total)
    wrong["votes"][0]["votes"] += 1
    wrong["invalid"] -= 1
    found = check_totals([one, two], protocol_from_dict(wrong))
    assert [f.params["line"] for f in found] == ["invalid", "votes.amanat"]
    assert all(f.severity == "error" for f in found)


def test_protocols_of_different_races_do_not_add_up() -> None:
    one = protocol_from_dict(good())
    other = protocol_from_dict(good() | {"race": "single_member", "district": "2"})
    with pytest.raises(ProtocolError) as exc:
        sum_protocols([one, other])
    assert exc.value.field == "race"


def test_the_example_in_the_format_document_is_a_valid_protocol_that_adds_up() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs/formats/protocol.md"
    text = doc.read_text(encoding="utf-8")
    example = text.split("```json", 1)[1].split("```", 1)[0]
    protocol = protocol_from_dict(json.loads(example), source=str(doc))
    assert [f.code for f in check_protocol(protocol)] == ["ballots_not_returned"]


def test_line_1_differing_from_the_compiled_lists_is_an_error_stating_both_numbers() -> None:
    from saylau.law.protocol import check_against_lists

    p = protocol_from_dict({**good(), "voters_main_list": 99_999, "voters_additional_list": 2})
    found = check_against_lists(p, main=1200, additional=3)
    assert [(f.code, f.severity, dict(f.params)) for f in found] == [
        ("main_list_differs", "error", {"protocol": 99_999, "lists": 1200}),
        ("additional_list_differs", "error", {"protocol": 2, "lists": 3}),
    ]
    assert "99999" in found[0].message("ru") and "1200" in found[0].message("ru")
    assert check_against_lists(p, main=99_999, additional=2) == []
