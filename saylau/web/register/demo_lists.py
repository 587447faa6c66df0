"""Demo step: the voter lists of the coming election, and some requests to vote outside the
premises, so that an akimat officer or a precinct secretary who signs in to the demo sees the
lists they work with (the election itself comes from the commissions' demo step)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.db import transaction

from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.windows import window_of

from .demo import DEMO_ACTOR
from .models import OutsideVotingRequest, VoterListEntry
from .services.outside import apply_for_outside_voting
from .services.voter_lists import compile_lists

#: Requests to vote outside the premises made in the demo (illness, disability, caring).
OUTSIDE_REQUESTS = 12


def load(ctx: Any) -> None:
    election = ctx.extra.get("training_election")
    if not isinstance(election, Election):
        election = (
            Election.objects.filter(status=Election.Status.PREPARATION).order_by("day").first()
        )
    if election is None:
        ctx.say("  no coming election: voter lists skipped")
        return
    with transaction.atomic():
        lists = compile_lists(election=election, actor=DEMO_ACTOR)
        ctx.say(
            f"  voter lists of {election.day:%d.%m.%Y}: {len(lists)} precincts, "
            f"{sum(v.voters for v in lists)} voters"
        )
        rng = random.Random(ctx.seed)  # noqa: S311 - synthetic demo data, not a secret
        entries = list(
            VoterListEntry.objects.filter(voter_list__election=election)
            .select_related("person__address")
            .order_by("id")[:2000]
        )
        reasons = [c for c, _label in OutsideVotingRequest.Reason.choices if c != "remote"]
        # Applications are taken only in their window (saylau.law.windows): the demo makes
        # them in its first hours, wherever the real clock stands.
        opens = window_of(election, "home_voting_request").opens
        start = max(clock.now().replace(tzinfo=None), opens) if opens else None
        for i, entry in enumerate(rng.sample(entries, min(OUTSIDE_REQUESTS, len(entries)))):
            moment = start + timedelta(hours=9, minutes=7 * i) if start else clock.now()
            with clock.travel(moment):
                apply_for_outside_voting(
                    election=election,
                    person=entry.person,
                    reason=rng.choice(reasons),
                    where=str(entry.person.address or ""),
                    actor=DEMO_ACTOR,
                )
