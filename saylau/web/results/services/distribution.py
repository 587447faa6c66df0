"""Mandate distribution, sign-off and publication (the sums come from :mod:`.sums`).

Publication has two steps: the preliminary results (the tabulated distribution, before the
sign-off, marked "preliminary" on every public page) and the official results (after the
sign-off, which replace them on the same pages)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Race
from saylau.law.tally import distribute, district_json, traces
from saylau.web.accounts.policy import Action, ActorLike, allows, require, user_of
from saylau.web.audit.actions import Action as AuditAction
from saylau.web.audit.services import record_event
from saylau.web.core import clock
from saylau.web.elections.models import Election
from saylau.web.elections.places import precincts_of
from saylau.web.elections.windows import require_window

from .. import refusals
from ..errors import Frozen, NotComplete, NotSignedOff, ResultsError, Undecided
from ..models import Distribution, DistrictResult, Mandate, Protocol
from ..signing import sign_totals
from ..wording import trace_numerals
from .decisions import list_entries
from .single_member import DistrictCount, count_districts
from .sums import db_tally


def can_decide(user: ActorLike, election: Election) -> bool:
    """The commission that distributes mandates: the territorial commission for a district or
    city maslikhat, the regional one for an oblast maslikhat, the CEC for the Mazhilis (the
    policy's rule for :attr:`Action.MANDATES_DISTRIBUTE` at the election's place)."""
    return allows(user, Action.MANDATES_DISTRIBUTE, election)


def distribute_mandates(*, actor: ActorLike, election: Election) -> Distribution:
    """Tabulate every protocol in force and distribute the mandates, in one transaction.

    Re-running replaces the previous distribution whole (idempotent); a crash leaves the
    previous state. Refused while protocols are missing or corrections pending, or after
    sign-off.
    """
    require(actor, Action.MANDATES_DISTRIBUTE, election)
    require_window(election, "tabulation")  # after the polls close
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        existing = Distribution.objects.filter(election=locked).first()
        if existing is not None and existing.signed_off_at is not None:
            raise Frozen("signed off", detail=refusals.signed_off(locked))
        expected = precincts_of(locked).count()
        has_lists = locked.list_seats > 0
        in_force = Protocol.objects.filter(
            election=locked, is_current=True, race=Race.PARTY_LIST
        ).count()
        pending = Protocol.objects.filter(election=locked, status=Protocol.Status.PENDING).count()
        if (has_lists and in_force < expected) or pending:
            msg = f"{in_force} of {expected} protocols in force, {pending} corrections pending"
            detail = refusals.say(
                _(
                    "Of the %(expected)s precinct protocols of the election %(election)s, "
                    "%(in_force)s are in force; corrections awaiting a decision: %(pending)s."
                ),
                expected=expected,
                in_force=in_force,
                pending=pending,
                election=refusals.named(locked),
            )
            raise NotComplete(msg, detail=detail)
        districts, unplaced = count_districts(locked)
        _require_districts_complete(districts, unplaced)
        result_tally, problems = db_tally(locked)
        if problems:
            detail = refusals.say(
                _(
                    "The total of the election %(election)s differs from the sum of its "
                    "precincts. Distribute the mandates again."
                ),
                election=refusals.named(locked),
            )
            raise ResultsError("; ".join(problems), detail=detail)
        lists, entries = list_entries(locked)
        rule_name = locked.rule_set or "single-member"
        allocation: dict[str, Any] = {"seats": {}, "mandates": {}, "vacant": {}}
        trace: dict[str, str] = {}
        mandates: list[Mandate] = []
        if has_lists:
            result = distribute(
                body=locked.law_body,
                day=locked.day,
                seats=locked.list_seats,
                rules=locked.rule_set or None,
                lists=entries,
                totals=result_tally.total,
                # The printed protocol names the election itself: no "…: 2" in the trace.
                election="",
            )
            rule_name = result.allocation.rules.name
            allocation = result.allocation.to_json("en") | {
                "mandates": {k: list(v) for k, v in result.mandates.items()},
                "vacant": result.vacant,
            }
            trace = traces(result.allocation, trace_numerals())
            by_code = {pl.party.code: pl for pl in lists}
            mandates = [
                Mandate(
                    party_list=by_code[code],
                    candidate_id=int(pk),
                    basis=result.basis[code],
                )
                for code, elected in result.mandates.items()
                for pk in elected
            ]
        # The inputs' fingerprint: the hashes of the protocols in force, in precinct order.
        digest = hashlib.sha256()
        for number, race, sha in (
            Protocol.objects.filter(election=locked, is_current=True)
            .order_by("precinct__number", "race")
            .values_list("precinct__number", "race", "sha256")
        ):
            line = f"{number}:{sha}\n" if race == Race.PARTY_LIST else f"{number}/{race}:{sha}\n"
            digest.update(line.encode())
        values = {
            "computed_at": clock.now(),
            "computed_by": user_of(actor),
            "rule_set": rule_name,
            "protocols": in_force,
            "inputs_sha256": digest.hexdigest(),
            "tally": result_tally.to_json(),
            "allocation": allocation,
            "trace": trace,
        }
        distribution, _created = Distribution.objects.update_or_create(
            election=locked, defaults=values
        )
        distribution.mandates.all().delete()
        for mandate in mandates:
            mandate.distribution = distribution
        Mandate.objects.bulk_create(mandates)
        district_rows = _district_results(distribution, districts)
        locked.status = Election.Status.TABULATED
        locked.save(update_fields=["status"])
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_MANDATES_DISTRIBUTE,
            target=distribution,
            new={
                "seats": allocation["seats"],
                "protocols": in_force,
                "inputs_sha256": distribution.inputs_sha256,
                "single_member": {
                    str(r.district.number): r.winner_id or r.undecided for r in district_rows
                },
            },
        )
    return distribution


def _require_districts_complete(
    districts: list[DistrictCount], unplaced: list[refusals.Sentence]
) -> None:
    """Every precinct of every single-member district has its protocol in force, and no
    protocol is of a precinct or with lines that do not belong to its district."""
    problems = [p.english() for p in unplaced]
    missing = []
    said: list[refusals.Sentence] = list(unplaced)
    said_missing: list[refusals.Sentence] = []
    for count in districts:
        number = count.district.number
        problems += [f"district {number}: {p.english()}" for p in count.problems]
        said += [
            refusals.say(_("District No. %(district)s: %(problem)s"), district=number, problem=p)
            for p in count.problems
        ]
        if count.totals.protocols < count.expected:
            missing.append(
                f"district {number}: {count.totals.protocols} of {count.expected} protocols"
            )
            said_missing.append(
                refusals.say(
                    _("District No. %(district)s: %(received)s of %(expected)s protocols."),
                    district=number,
                    received=count.totals.protocols,
                    expected=count.expected,
                )
            )
        if not count.candidates:
            problems.append(f"district {number}: no candidate")
            said.append(
                refusals.say(_("District No. %(district)s has no candidate."), district=number)
            )
    if problems:
        raise ResultsError("; ".join(problems), detail=said)
    if missing:
        msg = "single-member protocols missing: " + "; ".join(missing)
        raise NotComplete(msg, detail=said_missing)


def _district_results(
    distribution: Distribution, districts: list[DistrictCount]
) -> list[DistrictResult]:
    """Replace the single-member results of ``distribution`` (inside its transaction)."""
    distribution.district_results.all().delete()
    rows = []
    for count in districts:
        result = count.result()
        rows.append(
            DistrictResult(
                distribution=distribution,
                district=count.district,
                protocols=count.totals.protocols,
                totals=district_json(count.totals, result, expected=count.expected),
                winner_id=int(result.winner) if result.winner else None,
                undecided=result.undecided or "",
                leaders=list(result.leaders),
            )
        )
    return DistrictResult.objects.bulk_create(rows)


def sign_off(*, actor: ActorLike, election: Election) -> Distribution:
    """The commission signs the distribution off: from now on it cannot change."""
    require(actor, Action.RESULTS_SIGN_OFF, election)
    require_window(election, "sign_off")
    with transaction.atomic():
        distribution = Distribution.objects.select_for_update().filter(election=election).first()
        if distribution is None:
            detail = refusals.not_distributed(election)
            raise NotComplete("the mandates are not distributed yet", detail=detail)
        if distribution.signed_off_at is not None:
            raise Frozen("already signed off", detail=refusals.signed_off(election))
        if distribution.allocation.get("undecided"):
            detail = refusals.say(
                _(
                    "Record the decision on the seats of the election %(election)s that the "
                    "law leaves to a lot, then sign off."
                ),
                election=refusals.named(election),
            )
            raise Undecided(str(distribution.allocation["undecided"]), detail=detail)
        open_districts = list(
            distribution.district_results.exclude(undecided="").values_list(
                "district__number", "undecided"
            )
        )
        if open_districts:
            detail = refusals.say(
                _("Single-member districts without a winner: No. %(districts)s."),
                districts=", ".join(str(n) for n, _why in open_districts),
            )
            raise Undecided(
                "single-member districts without a winner: "
                + ", ".join(f"{n} ({why})" for n, why in open_districts),
                detail=detail,
            )
        distribution.signed_off_by = user_of(actor)
        distribution.signed_off_at = clock.now()
        distribution.reopened_precincts = []  # signed again: nothing stays reopened
        distribution.save(update_fields=["signed_off_by", "signed_off_at", "reopened_precincts"])
        record_event(
            actor=actor,
            action=AuditAction.RESULTS_SIGN_OFF,
            target=distribution,
            new={"inputs_sha256": distribution.inputs_sha256},
        )
        sign_totals(distribution)
    return distribution


def publish_preliminary(*, actor: ActorLike, election: Election) -> Distribution:
    """Publish the tabulated results as preliminary: after the count, before the sign-off.

    The public pages show the distribution as it stands, marked preliminary; a distribution
    run again after a correction (confirmed by two officials, like this) is what they show
    next, until the official publication after the sign-off replaces it."""
    require(actor, Action.RESULTS_PUBLISH_PRELIMINARY, election)
    require_window(election, "publish_preliminary")
    with transaction.atomic():
        distribution = Distribution.objects.select_for_update().filter(election=election).first()
        if distribution is None:
            detail = refusals.not_distributed(election)
            raise NotComplete("the mandates are not distributed yet", detail=detail)
        if distribution.signed_off_at is not None:
            detail = refusals.say(
                _(
                    "The results of the election %(election)s are signed off: publish them as "
                    "the official results."
                ),
                election=refusals.named(election),
            )
            raise Frozen("already signed off: the official results follow", detail=detail)
        if distribution.preliminary_published_at is None:
            distribution.preliminary_published_at = clock.now()
            distribution.save(update_fields=["preliminary_published_at"])
            record_event(
                actor=actor,
                action=AuditAction.RESULTS_PUBLISH_PRELIMINARY,
                target=distribution,
                new={
                    "protocols": distribution.protocols,
                    "inputs_sha256": distribution.inputs_sha256,
                },
            )
    return distribution


def publish(*, actor: ActorLike, election: Election) -> Distribution:
    """Publish signed-off results (never before the sign-off)."""
    require(actor, Action.RESULTS_PUBLISH, election)
    require_window(election, "publish")
    with transaction.atomic():
        distribution = Distribution.objects.select_for_update().filter(election=election).first()
        if distribution is None or distribution.signed_off_at is None:
            detail = refusals.say(
                _("The results of the election %(election)s are not signed off yet."),
                election=refusals.named(election),
            )
            raise NotSignedOff("not signed off", detail=detail)
        if distribution.published_at is None:
            distribution.published_at = clock.now()
            distribution.save(update_fields=["published_at"])
            Election.objects.filter(pk=election.pk).update(status=Election.Status.PUBLISHED)
            record_event(actor=actor, action=AuditAction.RESULTS_PUBLISH, target=distribution)
            if settings.SAYLAU_WARM_PUBLIC_PAGES:
                transaction.on_commit(lambda: _warm(election.pk))
    return distribution


def _warm(election_pk: int) -> None:
    """The public pages built in the background before the readers come (results.warm)."""
    from ..warm import warm_public_pages_job

    warm_public_pages_job.enqueue(election_pk)
