"""Tabulation up the commissions, mandate distribution, sign-off and publication."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.db.models import Count, IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from saylau.web.accounts.models import User
from saylau.web.accounts.scope import Scope, scope_for
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event
from saylau.web.elections.models import Election
from saylau.web.elections.places import precincts_of

from ..errors import Frozen, NotComplete, NotSignedOff, ResultsError, Undecided
from ..models import Distribution, DistrictResult, Mandate, Protocol
from ..tally import SUMMED, Tally, Totals, distribute, district_json, traces
from .decisions import list_entries
from .single_member import DistrictCount, count_districts


def current_rows(election: Election, scope: Scope | None = None) -> list[tuple[str, str, Any]]:
    """``(district id, precinct number, protocol JSON)`` for every protocol in force."""
    qs = Protocol.objects.filter(election=election, is_current=True, race="party_list")
    if scope is not None:
        qs = scope.restrict(
            qs, region="precinct__region", district="precinct__district", precinct="precinct"
        )
    return [
        (str(d), str(n), data)
        for d, n, data in qs.values_list("precinct__district_id", "precinct__number", "data")
    ]


def expected_by_district(election: Election, scope: Scope | None = None) -> dict[str, int]:
    qs = precincts_of(election)
    if scope is not None:
        qs = scope.restrict(qs, region="region", district="district", precinct="pk")
    return {
        str(row["district_id"]): row["n"]
        for row in qs.values("district_id").annotate(n=Count("id")).order_by()
    }


def _sum_expressions(codes: list[str]) -> dict[str, Any]:
    exprs: dict[str, Any] = {"n": Count("id")}
    for i, key in enumerate(SUMMED):
        exprs[f"l{i}"] = Coalesce(Sum(Cast(KT(f"data__{key}"), IntegerField())), 0)
    for i, code in enumerate(codes):
        exprs[f"v{i}"] = Coalesce(Sum(Cast(KT(f"votes_by_code__{code}"), IntegerField())), 0)
    return exprs


def _totals(row: dict[str, Any], codes: list[str]) -> Totals:
    totals = Totals(protocols=row["n"])
    totals.lines = {key: row[f"l{i}"] for i, key in enumerate(SUMMED)}
    totals.votes = {code: row[f"v{i}"] for i, code in enumerate(codes)}
    return totals


def db_tally(election: Election, scope: Scope | None = None) -> tuple[Tally, list[str]]:
    """The totals per district summed by the database, the total as the sum of the districts,
    and the check of that total against the database's own sum over every precinct.

    The same numbers as :func:`saylau.web.results.tally.tally` over :func:`current_rows`
    (a test holds them equal), without moving every protocol into Python."""
    codes = list(election.party_lists.values_list("party__code", flat=True))
    qs = Protocol.objects.filter(election=election, is_current=True, race="party_list")
    if scope is not None:
        qs = scope.restrict(
            qs, region="precinct__region", district="precinct__district", precinct="precinct"
        )
    exprs = _sum_expressions(codes)
    districts = {
        str(row["precinct__district_id"]): _totals(row, codes)
        for row in qs.values("precinct__district_id").annotate(**exprs).order_by()
    }
    total = Totals(votes=dict.fromkeys(codes, 0))
    for totals in districts.values():
        total.merge(totals)
    direct = _totals(qs.aggregate(**exprs), codes)
    problems = []
    if (
        direct.protocols != total.protocols
        or direct.lines != total.lines
        or direct.votes != total.votes
    ):
        problems.append("the total differs from the sum of all precincts")
    return Tally(total=total, districts=districts, precincts={}, precinct_district={}), problems


def live_tally(election: Election, scope: Scope | None = None) -> tuple[Tally, dict[str, int]]:
    """Running totals of the protocols in force within ``scope``, and how many are expected."""
    return db_tally(election, scope)[0], expected_by_district(election, scope)


def can_decide(user: Any, election: Election) -> bool:
    """The commission that distributes mandates: the territorial commission for a district or
    city maslikhat, the regional one for an oblast maslikhat, the CEC for the Mazhilis."""
    scope = scope_for(user)
    if scope.read_only or scope.level in ("none", "precinct"):
        return False
    if scope.is_country:
        return True
    if election.district_id is not None:
        return scope.covers(region_id=election.region_id, district_id=election.district_id)
    if election.region_id is not None:
        return scope.level == "region" and scope.region_id == election.region_id
    return False


def _require(actor: Any, election: Election) -> None:
    if isinstance(actor, User) and not can_decide(actor, election):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("not the commission that decides this election")


def distribute_mandates(*, actor: Any, election: Election) -> Distribution:
    """Tabulate every protocol in force and distribute the mandates, in one transaction.

    Re-running replaces the previous distribution whole (idempotent); a crash leaves the
    previous state. Refused while protocols are missing or corrections pending, or after
    sign-off.
    """
    _require(actor, election)
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        existing = Distribution.objects.filter(election=locked).first()
        if existing is not None and existing.signed_off_at is not None:
            raise Frozen("signed off")
        expected = precincts_of(locked).count()
        has_lists = locked.list_seats > 0
        in_force = Protocol.objects.filter(
            election=locked, is_current=True, race="party_list"
        ).count()
        pending = Protocol.objects.filter(election=locked, status=Protocol.Status.PENDING).count()
        if (has_lists and in_force < expected) or pending:
            msg = f"{in_force} of {expected} protocols in force, {pending} corrections pending"
            raise NotComplete(msg)
        districts, unplaced = count_districts(locked)
        _require_districts_complete(districts, unplaced)
        result_tally, problems = db_tally(locked)
        if problems:
            raise ResultsError("; ".join(problems))
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
            trace = traces(result.allocation)
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
            line = f"{number}:{sha}\n" if race == "party_list" else f"{number}/{race}:{sha}\n"
            digest.update(line.encode())
        values = {
            "computed_at": timezone.now(),
            "computed_by": actor if isinstance(actor, User) else None,
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
            action=Action.RESULTS_MANDATES_DISTRIBUTE,
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


def _require_districts_complete(districts: list[DistrictCount], unplaced: list[str]) -> None:
    """Every precinct of every single-member district has its protocol in force, and no
    protocol is of a precinct or with lines that do not belong to its district."""
    problems = list(unplaced)
    missing = []
    for count in districts:
        problems += [f"district {count.district.number}: {p}" for p in count.problems]
        if count.totals.protocols < count.expected:
            missing.append(
                f"district {count.district.number}: "
                f"{count.totals.protocols} of {count.expected} protocols"
            )
        if not count.candidates:
            problems.append(f"district {count.district.number}: no candidate")
    if problems:
        raise ResultsError("; ".join(problems))
    if missing:
        raise NotComplete("single-member protocols missing: " + "; ".join(missing))


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


def sign_off(*, actor: Any, election: Election) -> Distribution:
    """The commission signs the distribution off: from now on it cannot change."""
    _require(actor, election)
    with transaction.atomic():
        distribution = Distribution.objects.select_for_update().filter(election=election).first()
        if distribution is None:
            raise NotComplete("the mandates are not distributed yet")
        if distribution.signed_off_at is not None:
            raise Frozen("already signed off")
        if distribution.allocation.get("undecided"):
            raise Undecided(str(distribution.allocation["undecided"]))
        open_districts = list(
            distribution.district_results.exclude(undecided="").values_list(
                "district__number", "undecided"
            )
        )
        if open_districts:
            raise Undecided(
                "single-member districts without a winner: "
                + ", ".join(f"{n} ({why})" for n, why in open_districts)
            )
        distribution.signed_off_by = actor if isinstance(actor, User) else None
        distribution.signed_off_at = timezone.now()
        distribution.save(update_fields=["signed_off_by", "signed_off_at"])
        record_event(
            actor=actor,
            action=Action.RESULTS_SIGN_OFF,
            target=distribution,
            new={"inputs_sha256": distribution.inputs_sha256},
        )
    return distribution


def publish(*, actor: Any, election: Election) -> Distribution:
    """Publish signed-off results (never before the sign-off)."""
    _require(actor, election)
    with transaction.atomic():
        distribution = Distribution.objects.select_for_update().filter(election=election).first()
        if distribution is None or distribution.signed_off_at is None:
            raise NotSignedOff("not signed off")
        if distribution.published_at is None:
            distribution.published_at = timezone.now()
            distribution.save(update_fields=["published_at"])
            Election.objects.filter(pk=election.pk).update(status=Election.Status.PUBLISHED)
            record_event(actor=actor, action=Action.RESULTS_PUBLISH, target=distribution)
    return distribution

