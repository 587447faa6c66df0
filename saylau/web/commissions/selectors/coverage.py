"""Coverage of training over the sitting members, trainer statistics and load.

Everything here is a handful of aggregate queries whatever the number of members (71,000 at
national scale): no per-member loops. Results are plain dataclasses for views and exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from saylau.web.elections.models import Election

from ..models import Certificate, Level, Member, TestAttempt, TestKind, Trainer, TrainingSession
from ..rules import TrainingDeadline, training_deadline_rule, training_rules
from .scoped import members_for, sessions_for

#: The levels whose training coverage is tracked (the ~71,000 members of the issue).
COVERED_LEVELS = (Level.TERRITORIAL, Level.PRECINCT)


@dataclass(frozen=True)
class CoverageRow:
    key: int | None
    label: str
    members: int
    trained: int
    failed: int

    @property
    def not_trained(self) -> int:
        return self.members - self.trained - self.failed

    @property
    def trained_percent(self) -> Fraction:
        return Fraction(100 * self.trained, self.members) if self.members else Fraction(0)


def valid_on_day(election: Election) -> dt.date:
    """Training counts when its certificate is still valid on election day."""
    return election.day


def sitting_members(user: Any, election: Election) -> QuerySet[Member]:
    """Sitting territorial and precinct members in scope and in the election's territory."""
    qs = members_for(user).filter(level__in=COVERED_LEVELS)
    if election.region_id is not None:
        qs = qs.filter(commission__region_id=election.region_id)
    if election.district_id is not None:
        qs = qs.filter(commission__district_id=election.district_id)
    return qs


def valid_certificates(election: Election) -> QuerySet[Certificate]:
    day = valid_on_day(election)
    return Certificate.objects.filter(
        person=OuterRef("person_id"), revoked=False, issued_on__lte=day, valid_until__gte=day
    )


def failed_finals() -> QuerySet[TestAttempt]:
    return TestAttempt.objects.filter(
        person=OuterRef("person_id"), kind=TestKind.FINAL, passed=False
    )


def _grouped(
    qs: QuerySet[Member], election: Election, keys: tuple[str, ...]
) -> tuple[list[dict[str, Any]], dict[tuple[Any, ...], int], dict[tuple[Any, ...], int]]:
    """Three grouped counts (all, trained, failed). The EXISTS conditions stay in WHERE, where
    PostgreSQL turns them into hash semi- and anti-joins; inside ``COUNT(...) FILTER`` they
    would be probed once per member (measured 2-3x slower at 71,000 members)."""
    certs = Exists(valid_certificates(election))
    ids = tuple(k for k in keys if not k.endswith(("name_ru", "number")))

    def counts(q: QuerySet[Member]) -> dict[tuple[Any, ...], int]:
        return {
            tuple(r[k] for k in ids): r["n"]
            for r in q.order_by().values(*ids).annotate(n=Count("pk"))
        }

    trained = counts(qs.filter(certs))
    failed = counts(qs.filter(~certs, Exists(failed_finals())))
    rows = list(qs.order_by().values(*keys).annotate(n=Count("pk")))
    return rows, trained, failed


def _rows(qs: QuerySet[Member], election: Election, key: str, label: str) -> list[CoverageRow]:
    rows, trained, failed = _grouped(qs, election, (key, label))
    rows.sort(key=lambda r: (r[label] is None, r[label] or 0))
    return [
        CoverageRow(
            r[key],
            str(r[label] or "—"),
            r["n"],
            trained.get((r[key],), 0),
            failed.get((r[key],), 0),
        )
        for r in rows
    ]


def coverage_grid(user: Any, election: Election) -> tuple[list[CoverageRow], list[CoverageRow]]:
    """Districts and precincts at once (for the export): one set of grouped queries by
    (district, precinct); a district's row adds its territorial members to its precincts'."""
    keys = (
        "commission__district",
        "commission__district__name_ru",
        "commission__precinct",
        "commission__precinct__number",
    )
    rows, trained, failed = _grouped(sitting_members(user, election), election, keys)
    districts: dict[Any, list[Any]] = {}
    precincts: list[CoverageRow] = []
    for r in rows:
        ident = (r["commission__district"], r["commission__precinct"])
        t, f = trained.get(ident, 0), failed.get(ident, 0)
        d = districts.setdefault(
            r["commission__district"], [r["commission__district__name_ru"] or "—", 0, 0, 0]
        )
        d[1] += r["n"]
        d[2] += t
        d[3] += f
        if r["commission__precinct"] is not None:
            precincts.append(
                CoverageRow(
                    r["commission__precinct"], str(r["commission__precinct__number"]), r["n"], t, f
                )
            )
    precincts.sort(key=lambda row: int(row.label))
    district_rows = sorted(
        (CoverageRow(k, v[0], v[1], v[2], v[3]) for k, v in districts.items()),
        key=lambda row: row.label,
    )
    return district_rows, precincts


def coverage_by_district(user: Any, election: Election) -> list[CoverageRow]:
    return _rows(
        sitting_members(user, election),
        election,
        "commission__district",
        "commission__district__name_ru",
    )


def coverage_by_precinct(
    user: Any, election: Election, *, district_id: int | None = None
) -> list[CoverageRow]:
    qs = sitting_members(user, election).filter(level=Level.PRECINCT)
    if district_id is not None:
        qs = qs.filter(commission__district_id=district_id)
    return _rows(qs, election, "commission__precinct", "commission__precinct__number")


def coverage_total(rows: list[CoverageRow]) -> CoverageRow:
    return CoverageRow(
        None,
        "",
        sum(r.members for r in rows),
        sum(r.trained for r in rows),
        sum(r.failed for r in rows),
    )


def untrained_members(user: Any, election: Election) -> QuerySet[Member]:
    """Sitting members without training valid on election day, to chase before the deadline
    (:func:`saylau.web.commissions.rules.training_deadline`)."""
    return (
        sitting_members(user, election)
        .filter(~Exists(valid_certificates(election)))
        .annotate(has_failed=Exists(failed_finals()))
        .select_related("commission__district", "commission__precinct")
        .order_by("commission__district__code", "commission__precinct__number", "person__last_name")
    )


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    days_left: int
    rule: TrainingDeadline | None = None

    @property
    def overdue(self) -> int:
        """Days since the deadline passed (0 before it)."""
        return max(0, -self.days_left)

    @property
    def rule_days(self) -> int:
        """The configured days before election day (the deadline's basis ``days``)."""
        return training_rules().training_deadline_days


def deadline_for(election: Election, today: dt.date) -> Deadline:
    rule = training_deadline_rule(election.day, election.law_body)
    return Deadline(rule.day, (rule.day - today).days, rule)


@dataclass(frozen=True)
class TrainerRow:
    trainer_id: int
    name: str
    sessions: int
    enrolled: int
    attended: int
    entry_score: int
    entry_max: int
    final_score: int
    final_max: int

    @staticmethod
    def _percent(score: int, maximum: int) -> Fraction | None:
        return Fraction(100 * score, maximum) if maximum else None

    @property
    def entry_percent(self) -> Fraction | None:
        return self._percent(self.entry_score, self.entry_max)

    @property
    def final_percent(self) -> Fraction | None:
        return self._percent(self.final_score, self.final_max)

    @property
    def gain(self) -> Fraction | None:
        """Final minus entry average, in percentage points (averages weighted by questions)."""
        if self.entry_percent is None or self.final_percent is None:
            return None
        return self.final_percent - self.entry_percent


def trainer_stats(user: Any, election: Election) -> list[TrainerRow]:
    """Per trainer: load (sessions, enrolled, attended) and average entry and final scores.
    Cancelled sessions are no load (their budgets still count in the budget report)."""
    sessions = (
        sessions_for(user)
        .filter(plan__election=election)
        .exclude(status=TrainingSession.Status.CANCELLED)
    )
    load = {
        r["trainer"]: r
        for r in sessions.order_by()
        .values("trainer")
        .annotate(
            s=Count("pk", distinct=True),
            e=Count("enrolments"),
            a=Count("enrolments", filter=Q(enrolments__attended=True)),
        )
    }
    scores: dict[int, dict[str, int]] = {}
    attempts = (
        TestAttempt.objects.filter(
            enrolment__session__in=sessions.values("pk"), scored_at__isnull=False
        )
        .order_by()
        .values("trainer", "kind")
        .annotate(score=Sum("score"), maximum=Sum("max_score"))
    )
    for r in attempts:
        scores.setdefault(r["trainer"], {})[r["kind"]] = r["score"]
        scores[r["trainer"]][r["kind"] + "_max"] = r["maximum"]
    # Names of the trainers who run the sessions the user sees (so visible with them).
    names = {
        t.pk: t.person.full_name
        for t in Trainer.objects.filter(pk__in=list(load)).select_related("person")
    }
    rows = []
    for trainer_id, r in load.items():
        s = scores.get(trainer_id, {})
        rows.append(
            TrainerRow(
                trainer_id,
                names.get(trainer_id, f"#{trainer_id}"),
                r["s"],
                r["e"],
                r["a"],
                s.get(TestKind.ENTRY, 0),
                s.get(TestKind.ENTRY + "_max", 0),
                s.get(TestKind.FINAL, 0),
                s.get(TestKind.FINAL + "_max", 0),
            )
        )
    return sorted(rows, key=lambda row: row.name)
