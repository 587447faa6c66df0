"""An observer checks a protocol against the published results: page, command, bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation as django_translation

from saylau.cli import main
from saylau.law.tally import protocol_hash
from saylau.web.results import services
from saylau.web.results.services.submission import QR_PREFIX
from saylau.web.results.verification import QR_PREFIX as PURE_PREFIX
from saylau.web.results.verification import read_qr, rebuild, verify, verify_totals
from saylau.web.signing.selectors import keys_document

from .factories import election_with_lists, protocol_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kazakh_urls() -> Any:
    """A request to an /en/ page leaves English active in the thread; reverse() gives the
    addresses of the default language, Kazakh (no prefix)."""
    from django.utils import translation

    translation.activate("kk")
    yield
    translation.activate("kk")


def _published(client: Any) -> tuple[Any, list[Any], dict[str, Any], dict[str, Any]]:
    election, precincts = election_with_lists()
    for p in precincts:
        data = protocol_data(p) | {"outside_voting_applications": 25}
        services.submit_protocol(actor=None, election=election, precinct=p, data=data)
    for fn in (services.distribute_mandates, services.sign_off, services.publish):
        fn(actor=None, election=election)
    results = json.loads(client.get(reverse("results:public_json", args=[election.pk])).content)
    keys = json.loads(client.get(reverse("signing:keys")).content)
    return election, precincts, results, keys


def _qr(election: Any, precinct: Any) -> str:
    protocol = election.protocols.get(precinct=precinct, is_current=True)
    return services.qr_text(protocol)


def test_every_hashed_line_is_published_so_anyone_can_rebuild_each_hash(client) -> None:  # type: ignore[no-untyped-def]
    election, _precincts, results, _keys = _published(client)
    for row in results["precincts"]:
        assert row["outside_voting_applications"] == 25
        assert protocol_hash(rebuild(row, election=election.pk)) == row["sha256"]
    csv = client.get(reverse("results:public_csv", args=[election.pk])).content.decode()
    assert "outside_voting_applications" in csv.splitlines()[0]


def test_the_qr_of_a_posted_protocol_matches_and_is_signed(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts, results, keys = _published(client)
    verdict = verify(read_qr(_qr(election, precincts[0])), results, keys)
    assert verdict.status == "matches"
    assert verdict.precinct_no == precincts[0].number and verdict.version == 1
    assert verify_totals(results, keys) == "ok"


def test_a_changed_figure_is_named_with_both_values(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts, results, keys = _published(client)
    claim = read_qr(_qr(election, precincts[0]))
    claim["valid"] += 50
    claim["votes"][0]["votes"] += 50
    verdict = verify(claim, results, keys)
    assert verdict.status == "differs"
    lines = {d.line: (d.claimed, d.published) for d in verdict.differences}
    assert set(lines) == {"valid", "votes:amanat"}
    assert lines["votes:amanat"] == (550, 500)


def test_another_election_a_missing_precinct_and_a_forged_signature_never_match(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts, results, keys = _published(client)
    claim = read_qr(_qr(election, precincts[0]))
    assert verify(claim | {"election": "999"}, results, keys).status == "other_election"
    assert verify(claim | {"precinct_no": 99999}, results, keys).status == "no_such_precinct"
    forged = copy.deepcopy(results)
    row = forged["precincts"][0]
    row["signature"]["value"] = row["signature"]["value"][:-4] + "AAA="
    assert verify(claim, forged, keys).status == "bad_signature"
    rewritten = copy.deepcopy(results)
    rewritten["precincts"][0]["valid"] += 1
    assert verify(claim, rewritten, keys).status == "published_inconsistent"
    unknown = {"format": "saylau-keys/1", "keys": []}
    assert verify(claim, results, unknown).status == "unknown_key"
    totals = copy.deepcopy(results)
    totals["totals"]["valid"] += 1
    assert verify_totals(totals, keys) == "bad_signature"


def test_a_cut_or_altered_qr_text_is_refused_clearly() -> None:
    from saylau.web.results.verification import ClaimError

    body = json.dumps({"precinct_no": 1}, separators=(",", ":"), sort_keys=True)
    good = f"{PURE_PREFIX}{protocol_hash(json.loads(body))} {body}"
    assert read_qr(good)["precinct_no"] == 1
    for bad in (good[:-5], good.replace('"precinct_no":1', '"precinct_no":2'), "hello"):
        with pytest.raises(ClaimError):
            read_qr(bad)
    assert PURE_PREFIX == QR_PREFIX


def test_the_command_gives_the_same_answer_offline(client, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    election, precincts, results, keys = _published(client)
    (tmp_path / "results.json").write_text(json.dumps(results), encoding="utf-8")
    (tmp_path / "keys.json").write_text(json.dumps(keys), encoding="utf-8")
    (tmp_path / "qr.txt").write_text(_qr(election, precincts[1]), encoding="utf-8")
    args = ["protocol", "verify", "--results", str(tmp_path / "results.json")]
    args += ["--keys", str(tmp_path / "keys.json")]
    assert main([*args, str(tmp_path / "qr.txt")]) == 0
    assert f"MATCHES protocol v1 of precinct №{precincts[1].number}" in capsys.readouterr().out
    claim = read_qr(_qr(election, precincts[1]))
    claim["invalid"] += 1
    (tmp_path / "typed.json").write_text(json.dumps(claim), encoding="utf-8")
    assert main([*args, str(tmp_path / "typed.json"), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "differs" and out["differences"][0]["line"] == "invalid"
    (tmp_path / "cut.json").write_text(json.dumps(results)[:500], encoding="utf-8")
    cut = ["protocol", "verify", "--results", str(tmp_path / "cut.json")]
    assert main([*cut, "--keys", str(tmp_path / "keys.json"), str(tmp_path / "qr.txt")]) == 2
    assert "cut or damaged" in capsys.readouterr().err


def test_the_keys_document_never_carries_a_private_key(client) -> None:  # type: ignore[no-untyped-def]
    _published(client)
    document = keys_document()
    assert document["keys"]
    text = json.dumps(document)
    assert "sealed" not in text and "aesgcm" not in text


def test_the_page_answers_matches_for_a_scanned_qr_and_names_differing_typed_lines(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts, results, _keys = _published(client)
    with django_translation.override("en"):
        url = reverse("results:public_verify", args=[election.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"qr": _qr(election, precincts[0])}).content.decode()
    assert f"Matches protocol v1 of precinct №{precincts[0].number} as published" in page
    row = results["precincts"][1]
    typed = {"precinct_no": row["number"], "valid": row["valid"], "vote_amanat": 999}
    page = client.post(url, typed).content.decode()
    assert "Does not match protocol v1" in page
    assert "Votes for" in page and "999" in page and ">500<" in page


def test_the_page_never_says_matches_for_bad_input(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts, _results, _keys = _published(client)
    with django_translation.override("en"):
        url = reverse("results:public_verify", args=[election.pk])
    qr = _qr(election, precincts[0])
    cut = client.post(url, {"qr": qr[:-10]})
    assert cut.status_code == 400 and "Matches" not in cut.content.decode()
    altered = client.post(url, {"qr": qr.replace(f'"election":"{election.pk}"', '"election":"0"')})
    assert "was altered" in altered.content.decode()
    data = read_qr(qr) | {"election": "0"}
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    other = client.post(url, {"qr": f"{QR_PREFIX}{protocol_hash(data)} {body}"}).content.decode()
    assert "This protocol is of another election." in other and "Matches" not in other
    missing = client.post(url, {"precinct_no": 99999, "valid": 1}).content.decode()
    assert "No protocol of precinct №99999" in missing


def test_the_page_speaks_kazakh_and_russian(client) -> None:  # type: ignore[no-untyped-def]
    election, precincts, _results, _keys = _published(client)
    url = reverse("results:public_verify", args=[election.pk])
    for lang, words in (("kk", "Хаттаманы тексеру"), ("ru", "Проверить протокол")):
        prefix = "" if lang == "kk" else f"/{lang}"
        page = client.get(prefix + url).content.decode()
        assert words in page
