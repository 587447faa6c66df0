"""Demo step: every precinct protocol of the demo election, one correction accepted by the
territorial commission, the tabulation, the mandates, sign-off and publication."""

from __future__ import annotations

import random
from typing import Any

from django.db.models import Count

from saylau.web.elections.models import Election

from . import services
from .models import Protocol
from .services.single_member import district_of, submit_single_member_protocol

#: Rough shares of the valid votes per party code (synthetic), and "against all".
SHARES = {
    "amanat": 52,
    "auyl": 12,
    "respublica": 10,
    "ak-zhol": 9,
    "peoples-party": 8,
    "osdp": 4,
}
AGAINST_ALL = 3


def voters_by_precinct(region_id: int) -> dict[int, int]:
    """Active voters per precinct from the register, when the register step loaded it."""
    try:
        from saylau.web.register.models import Person

        rows = (
            Person.private_objects.filter(active=True, address__precinct__region_id=region_id)
            .values("address__precinct")
            .annotate(n=Count("id"))
            .order_by()
        )
        return {row["address__precinct"]: row["n"] for row in rows}
    except Exception:  # noqa: BLE001 - the register's shape is not this step's business
        return {}


def make_protocol(rng: random.Random, voters: int, codes: list[str]) -> dict[str, Any]:
    """A protocol whose control ratios hold, for a precinct of ``voters`` voters."""
    additional = rng.randint(0, max(1, voters // 100))
    on_lists = voters + additional
    issued = max(1, round(on_lists * rng.uniform(0.45, 0.75)))
    outside = min(issued, rng.randint(0, max(1, issued // 40)))
    spoiled = rng.randint(0, 2)
    cancelled = rng.randint(10, 60) + on_lists - issued
    invalid = rng.randint(0, max(1, issued // 60))
    valid = issued - invalid
    weights = [SHARES.get(code, 5) * rng.uniform(0.7, 1.3) for code in codes]
    weights.append(AGAINST_ALL * rng.uniform(0.5, 1.5))
    total = sum(weights)
    counts = [int(valid * w / total) for w in weights]
    counts[0] += valid - sum(counts)
    return {
        "voters_main_list": voters,
        "voters_additional_list": additional,
        "ballots_received": issued + cancelled + spoiled,
        "ballots_issued_premises": issued - outside,
        "ballots_issued_outside": outside,
        "absentee_certificate_voters": min(additional, issued - outside),
        "outside_voting_applications": outside + rng.randint(0, 2),
        "ballots_cancelled": cancelled,
        "ballots_spoiled": spoiled,
        "ballots_in_stationary_boxes": issued - outside,
        "ballots_in_portable_boxes": outside,
        "valid": valid,
        "invalid": invalid,
        "against_all": counts[-1],
        "votes": [{"code": c, "votes": n} for c, n in zip(codes, counts[:-1], strict=True)],
    }


def single_member_protocol(rng: random.Random, voters: int, district: Any) -> dict[str, Any]:
    """A consistent single-member protocol: each candidate drawn with their party's share."""
    candidates = list(district.candidates.select_related("party").order_by("pk"))
    codes = [c.party.code if c.party else "self-nominated" for c in candidates]
    data = make_protocol(rng, voters, codes)
    data["votes"] = [
        {"code": str(c.pk), "votes": line["votes"]}
        for c, line in zip(candidates, data["votes"], strict=True)
    ]
    data["district"] = district.number
    return data


def load(ctx: Any) -> None:
    election = ctx.extra.get("demo_election")
    if not isinstance(election, Election):
        ctx.say("  no demo election: results skipped")
        return
    if Protocol.objects.filter(election=election).exists():
        ctx.say("  results already loaded")
        return
    rng = random.Random(ctx.seed + 6)  # noqa: S311 - synthetic demo data, not a secret
    codes = list(
        election.party_lists.order_by("ballot_position").values_list("party__code", flat=True)
    )
    registered = voters_by_precinct(election.region_id) if election.region_id else {}
    precincts = list(services.precincts_of(election).order_by("number"))
    first = None
    for precinct in precincts:
        voters = registered.get(precinct.pk) or rng.randint(600, 2800)
        row = services.submit_protocol(
            actor="demo",
            election=election,
            precinct=precinct,
            data=make_protocol(rng, voters, codes),
            codes=codes,
        )
        first = first or row
        district = district_of(election, precinct)
        if district is not None:
            submit_single_member_protocol(
                actor="demo",
                election=election,
                precinct=precinct,
                data=single_member_protocol(rng, voters, district),
            )
    if first is None:
        ctx.say("  no precincts: results skipped")
        return
    corrected = dict(first.data)
    votes = [dict(line) for line in corrected["votes"]]
    if votes[0]["votes"] and len(votes) > 1:
        votes[0]["votes"] -= 1
        votes[1]["votes"] += 1
    corrected["votes"] = votes
    correction = services.submit_correction(
        actor="demo",
        protocol=first,
        data=corrected,
        reason="one ballot was counted for the wrong list (recount)",
    )
    services.accept_correction(actor="demo", correction=correction)
    distribution = services.distribute_mandates(actor="demo", election=election)
    services.sign_off(actor="demo", election=election)
    services.publish(actor="demo", election=election)
    seats = ", ".join(f"{k} {v}" for k, v in distribution.allocation["seats"].items() if v)
    ctx.say(f"  {len(precincts)} protocols, mandates: {seats}; results published")
