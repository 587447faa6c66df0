"""The public verification page: scan the protocol's QR (or paste it, or type the figures)
and learn whether it matches the published protocol of its precinct (no login)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from saylau.law.protocol import Race
from saylau.law.tally import SUMMED
from saylau.web.signing.selectors import keys_document

from .. import selectors
from ..exports import district_names, hashed_lines, precinct_rows
from ..forms import LINES
from ..models import Distribution, Protocol
from ..signing import signatures_of
from ..verification import ClaimError, Verdict, read_qr, verify


def _published_row(election: Any, distribution: Distribution, claim: dict[str, Any]) -> Any:
    """The published document cut down to the claimed precinct (one protocol, its key)."""
    number = claim.get("precinct_no")
    race = claim.get("race") or Race.PARTY_LIST
    doc: dict[str, Any] = {"election": {"id": election.pk}, "precincts": [], "single_member": []}
    if isinstance(number, bool) or not isinstance(number, int):
        return doc, {"format": "saylau-keys/1", "keys": []}
    protocols = list(
        Protocol.objects.filter(
            election=election, is_current=True, race=race, precinct__number=number
        ).select_related("precinct")
    )
    signatures = signatures_of(election.pk, [p.pk for p in protocols]) if protocols else {}
    if race == Race.PARTY_LIST:
        doc["precincts"] = precinct_rows(protocols, district_names(distribution), signatures)
    else:
        for p in protocols:
            row = {
                "number": p.precinct.number,
                "version": p.version,
                "sha256": p.sha256,
                **{key: p.data.get(key, 0) for key in SUMMED},
                "votes": {line["code"]: line["votes"] for line in p.data["votes"]},
                **hashed_lines(p, signatures),
            }
            doc["single_member"].append({"number": p.data.get("district"), "precincts": [row]})
    rows = doc["precincts"] + [r for d in doc["single_member"] for r in d["precincts"]]
    key_ids = [r["signature"]["key_id"] for r in rows if r.get("signature")]
    return doc, keys_document(key_ids)


def _typed_claim(request: HttpRequest, election: Any, codes: list[str]) -> dict[str, Any]:
    """The figures the observer typed (blank lines are not compared)."""
    claim: dict[str, Any] = {"election": str(election.pk)}
    raw = (request.POST.get("precinct_no") or "").strip()
    if not raw.isdigit():
        raise ClaimError(_("Type the precinct number."))
    claim["precinct_no"] = int(raw)
    for name, _label, _required in LINES:
        value = (request.POST.get(name) or "").strip()
        if value:
            if not value.isdigit():
                raise ClaimError(_("Each figure is a whole number."))
            claim[name] = int(value)
    votes = []
    for code in codes:
        value = (request.POST.get(f"vote_{code}") or "").strip()
        if value:
            if not value.isdigit():
                raise ClaimError(_("Each figure is a whole number."))
            votes.append({"code": code, "votes": int(value)})
    if votes:
        claim["votes"] = votes
    if len(claim) == 2:
        raise ClaimError(_("Type at least one figure of the protocol."))
    return claim


def verify_page(request: HttpRequest, election_pk: int) -> HttpResponse:
    election, distribution = selectors.published(election_pk)
    lists = selectors.party_lists(election)
    codes = [pl.party.code for pl in lists]
    labels = {name: label for name, label, _required in LINES}
    names = {
        pl.party.code: pl.party.name_kk if selectors.language() == "kk" else pl.party.name_ru
        for pl in lists
    }
    verdict: Verdict | None = None
    typed = request.POST if request.method == "POST" else {}
    problem = ""
    if request.method == "POST":
        try:
            if request.POST.get("qr", "").strip():
                claim = read_qr(request.POST["qr"])
            else:
                claim = _typed_claim(request, election, codes)
            published, keys = _published_row(election, distribution, claim)
            verdict = verify(claim, published, keys)
        except ClaimError as exc:
            problem = {
                "not_qr": _("This is not the QR code of a saylau protocol."),
                "cut": _("The QR text is cut or damaged: scan it again."),
                "altered": _("The QR text was altered: its hash does not match its figures."),
            }.get(exc.reason, exc.message)
    differences = []
    if verdict is not None:
        for d in verdict.differences:
            kind, _sep, code = d.line.partition(":")
            if kind == "votes":
                label = _("Votes for %(party)s") % {"party": names.get(code, code)}
            elif kind == "name":
                label = _("Name of the line %(code)s") % {"code": code}
            else:
                label = str(labels.get(d.line, d.line))
            differences.append({"label": label, "claimed": d.claimed, "published": d.published})
    return render(
        request,
        "results/verify.html",
        {
            "election": election,
            "verdict": verdict,
            "problem": problem,
            "differences": differences,
            "lines": [(name, label, typed.get(name, "")) for name, label, _r in LINES],
            "lists": [(c, names[c], typed.get(f"vote_{c}", "")) for c in codes],
            "typed": typed,
        },
        status=400 if problem else 200,
    )
