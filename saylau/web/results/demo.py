"""Demo step: every precinct protocol of the demo election, one correction accepted by the
territorial commission, the tabulation, the mandates, sign-off and publication."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Count

from saylau.web.core import clock
from saylau.web.elections.models import Election

from . import four_eyes, services
from .models import Distribution, Protocol
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
    # The demo election is past: its acts are laid out at their moments of its calendar (the
    # windows of saylau.law.windows hold for the demo as for everyone), from the close of the
    # polls on election day to the publication two days later.
    night = dt.datetime.combine(election.day, dt.time(20, 30))
    first = None
    for i, precinct in enumerate(precincts):
        voters = registered.get(precinct.pk) or rng.randint(600, 2800)
        with clock.travel(night + dt.timedelta(minutes=i % 600)):
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
    morning = dt.datetime.combine(election.day + dt.timedelta(days=1), dt.time(9, 0))
    with clock.travel(morning):
        correction = services.submit_correction(
            actor="demo",
            protocol=first,
            data=corrected,
            reason="one ballot was counted for the wrong list (recount)",
        )
    with clock.travel(morning + dt.timedelta(hours=1)):
        services.accept_correction(actor="demo", correction=correction)
    chair, secretary = demo_officials(election)
    steps = [
        ("distribute", morning + dt.timedelta(hours=3)),
        ("publish_preliminary", morning + dt.timedelta(hours=4)),
        ("sign_off", morning + dt.timedelta(hours=6)),
        ("publish", morning + dt.timedelta(days=1, hours=2)),
    ]
    for action, moment in steps:
        with clock.travel(moment):
            if chair is not None and secretary is not None:
                # Four eyes: the chair asks, the secretary confirms a quarter of an hour later.
                asked = four_eyes.request_action(actor=chair, election=election, action=action)
                with clock.travel(moment + dt.timedelta(minutes=15)):
                    four_eyes.confirm_action(actor=secretary, request_id=asked.pk)
            else:
                getattr(services, "distribute_mandates" if action == "distribute" else action)(
                    actor="demo", election=election
                )
    distribution = Distribution.objects.get(election=election)
    seats = ", ".join(f"{k} {v}" for k, v in distribution.allocation["seats"].items() if v)
    ctx.say(f"  {len(precincts)} protocols, mandates: {seats}; results published")


def demo_officials(election: Election) -> tuple[Any, Any]:
    """The demo logins ``regional`` and ``regional-secretary`` seated as the chair and the
    secretary of the commission deciding the demo election (``None`` when either is missing)."""
    from saylau.web.accounts.models import User
    from saylau.web.commissions.models import Member

    commission = four_eyes.deciding_commission(election)
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_OFFICIALS.values())}
    if commission is None or len(users) < len(DEMO_OFFICIALS):
        return None, None
    seated = []
    for role, username in DEMO_OFFICIALS.items():
        member = Member.objects.filter(commission=commission, role=role, is_active=True).first()
        if member is None:
            return None, None
        person = member.person
        if person.user_id is None:
            person.user = users[username]
            person.save(update_fields=["user"])
        seated.append(person.user)
    return seated[0], seated[1]


#: Which demo login sits in which office of the deciding commission (the chair first).
DEMO_OFFICIALS = {"chair": "regional", "secretary": "regional-secretary"}
