"""Declined mandates and party decisions: who of a party list takes the seats it won.

After the distribution an elected list candidate may decline the mandate, the party may
exclude a candidate from its list, or a party body may decide the order in which its
candidates take the mandates (law-notes 1.3: in 2023 parties decided within 10 days). The
commission that distributed the mandates records each such act; the party's number of seats
never changes, and the list's mandates are re-assigned by ``saylau.law.mandates`` (declined and
excluded candidates are passed over; the latest party decision gives the order; with no one
left a seat stays vacant). Each record is one transaction and one audit event, and the
published results follow at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saylau.law.mandates import MandateError, PartyDecision, assign_mandates
from saylau.law.tally import ListEntry
from saylau.web.accounts.policy import Action, ActorLike, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Candidate, Election, PartyList

from .. import refusals
from ..errors import NotComplete, ResultsError
from ..models import Distribution, Mandate, MandateDecision

PASSED_OVER = (MandateDecision.Kind.DECLINED, MandateDecision.Kind.EXCLUDED)


def _decisions(election: Election) -> dict[int, list[MandateDecision]]:
    by_list: dict[int, list[MandateDecision]] = {}
    for d in MandateDecision.objects.filter(election=election).order_by("recorded_at", "pk"):
        by_list.setdefault(d.party_list_id, []).append(d)
    return by_list


def _entry(pl: PartyList, order: int, decisions: list[MandateDecision]) -> ListEntry:
    candidates = [str(c.pk) for c in pl.candidates.all()]
    declined = {str(c.pk) for c in pl.candidates.all() if c.declined}
    declined |= {str(d.candidate_id) for d in decisions if d.kind in PASSED_OVER}
    decision = None
    orders = [d for d in decisions if d.kind == MandateDecision.Kind.PARTY_ORDER]
    if orders:
        last = orders[-1]
        decision = PartyDecision(
            decided_on=last.decided_on, order=tuple(str(pk) for pk in last.order), body=last.body
        )
    return ListEntry(
        code=pl.party.code,
        name=pl.party.name_ru,
        registration_order=order,
        candidates=candidates,
        declined=[pk for pk in candidates if pk in declined],
        decision=decision,
    )


def list_entries(election: Election) -> tuple[list[PartyList], list[ListEntry]]:
    """The party lists in registration order, as the distribution needs them, with every
    recorded decline, exclusion and party decision applied."""
    lists = list(
        election.party_lists.select_related("party")
        .prefetch_related("candidates")
        .order_by("registered_at", "pk")
    )
    decisions = _decisions(election)
    entries = [_entry(pl, i, decisions.get(pl.pk, [])) for i, pl in enumerate(lists, start=1)]
    return lists, entries


def _reassign(distribution: Distribution, party_list: PartyList) -> dict[str, Any]:
    """Give the list's seats again to its candidates; return the old and new holders."""
    _lists, entries = list_entries(distribution.election)
    entry = next(e for e in entries if e.code == party_list.party.code)
    seats = int(distribution.allocation.get("seats", {}).get(entry.code, 0))
    try:
        result = assign_mandates(
            entry.candidates, seats=seats, declined=entry.declined, decision=entry.decision
        )
    except MandateError as exc:
        detail = refusals.say(
            _("The mandates of the list %(party)s cannot be given by this order: %(why)s"),
            party=refusals.named(party_list.party),
            why=refusals.say(_("it must name candidates of this list, each once.")),
        )
        raise ResultsError(str(exc), field="order", detail=detail) from exc
    old = [
        str(pk)
        for pk in distribution.mandates.filter(party_list=party_list).values_list(
            "candidate_id", flat=True
        )
    ]
    distribution.mandates.filter(party_list=party_list).delete()
    Mandate.objects.bulk_create(
        Mandate(
            distribution=distribution,
            party_list=party_list,
            candidate_id=int(pk),
            basis=result.basis,
        )
        for pk in result.elected
    )
    allocation = dict(distribution.allocation)
    allocation["mandates"] = dict(allocation.get("mandates", {})) | {
        entry.code: list(result.elected)
    }
    allocation["vacant"] = dict(allocation.get("vacant", {})) | {entry.code: result.vacant}
    distribution.allocation = allocation
    distribution.save(update_fields=["allocation"])
    return {"old": old, "new": list(result.elected), "vacant": result.vacant}


def record_decision(
    *,
    actor: ActorLike,
    election: Election,
    party_list: PartyList,
    kind: str,
    decided_on: dt.date,
    candidate: Candidate | None = None,
    order: list[int] | None = None,
    body: str = "",
    reason: str = "",
) -> MandateDecision:
    """Record a decline, an exclusion or a party decision and re-assign the list's mandates.

    Refused before the mandates are distributed, for a candidate of another list, for a
    party order naming someone not on the list (or twice), and for a candidate already
    passed over."""
    require(actor, Action.DECISION_RECORD, election)
    if party_list.election_id != election.pk:
        detail = refusals.say(
            _("The list %(party)s is not a list of the election %(election)s."),
            party=refusals.named(party_list.party),
            election=refusals.named(election),
        )
        raise ResultsError("the list is of another election", field="party_list", detail=detail)
    if kind not in MandateDecision.Kind.values:
        detail = refusals.say(_("Choose what the decision is."))
        raise ResultsError(f"unknown kind {kind!r}", field="kind", detail=detail)
    with transaction.atomic():
        distribution = (
            Distribution.objects.select_for_update()
            .select_related("election")
            .filter(election=election)
            .first()
        )
        if distribution is None:
            detail = refusals.not_distributed(election)
            raise NotComplete("the mandates are not distributed yet", detail=detail)
        decision = MandateDecision(
            election=election,
            party_list=party_list,
            kind=kind,
            decided_on=decided_on,
            body=body.strip(),
            reason=reason.strip(),
            recorded_by=user_of(actor),
            recorded_at=clock.now(),
        )
        on_list = set(party_list.candidates.values_list("pk", flat=True))
        if kind == MandateDecision.Kind.PARTY_ORDER:
            order = list(order or [])
            if not order:
                detail = refusals.say(
                    _(
                        "A decision of %(party)s names its candidates in the order they take mandates."
                    ),
                    party=refusals.named(party_list.party),
                )
                raise ResultsError(
                    "a party decision names its candidates in order", field="order", detail=detail
                )
            strangers = [pk for pk in order if pk not in on_list]
            if strangers or len(set(order)) != len(order):
                detail = refusals.say(
                    _("The order must name candidates of the list %(party)s, each once."),
                    party=refusals.named(party_list.party),
                )
                raise ResultsError(
                    "the order must name candidates of this list, each once",
                    field="order",
                    detail=detail,
                )
            decision.order = order
        else:
            if candidate is None or candidate.pk not in on_list:
                detail = refusals.say(
                    _("Choose a candidate of the list %(party)s."),
                    party=refusals.named(party_list.party),
                )
                raise ResultsError(
                    "a candidate of this list is required", field="candidate", detail=detail
                )
            already = MandateDecision.objects.filter(
                party_list=party_list, candidate=candidate, kind__in=PASSED_OVER
            ).exists()
            if already or candidate.declined:
                detail = refusals.say(
                    _("%(candidate)s is already passed over on the list %(party)s."),
                    candidate=candidate.full_name,
                    party=refusals.named(party_list.party),
                )
                raise ResultsError(
                    "this candidate is already passed over", field="candidate", detail=detail
                )
            decision.candidate = candidate
        decision.full_clean()
        decision.save()
        change = _reassign(distribution, party_list)
        record_event(
            actor=actor,
            action=AuditAction.of_mandate_decision(kind),
            target=decision,
            old={"elected": change["old"]},
            new={
                "party": party_list.party.code,
                "candidate": decision.candidate_id,
                "order": decision.order,
                "decided_on": decided_on.isoformat(),
                "body": decision.body,
                "elected": change["new"],
                "vacant": change["vacant"],
            },
        )
    return decision
