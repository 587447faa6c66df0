"""Selectors of the commissions app: scoped reads and aggregate reports."""

from .budget import BudgetLine, BudgetReport, budget_report
from .coverage import (
    CoverageRow,
    TrainerRow,
    coverage_by_district,
    coverage_by_precinct,
    coverage_grid,
    coverage_total,
    deadline_for,
    trainer_stats,
    untrained_members,
)
from .export import CoverageExport, coverage_export_data
from .scoped import (
    certificate_by_code,
    commissions_for,
    enrolments_of,
    get_or_404,
    members_for,
    plans_for,
    sessions_for,
    trainers_for,
)
from .training import TrainingStatus, stranded_by_cancellation, training_status

__all__ = [
    "BudgetLine",
    "BudgetReport",
    "CoverageExport",
    "CoverageRow",
    "TrainerRow",
    "TrainingStatus",
    "budget_report",
    "certificate_by_code",
    "commissions_for",
    "coverage_by_district",
    "coverage_by_precinct",
    "coverage_export_data",
    "coverage_grid",
    "coverage_total",
    "deadline_for",
    "enrolments_of",
    "get_or_404",
    "members_for",
    "plans_for",
    "sessions_for",
    "stranded_by_cancellation",
    "trainer_stats",
    "trainers_for",
    "training_status",
    "untrained_members",
]
