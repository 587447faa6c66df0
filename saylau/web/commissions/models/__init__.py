"""Models of the commissions app: the registry, the cascade of training and its budget."""

from .budget import SessionBudget
from .exercise import ExerciseAttempt
from .registry import Commission, Level, Member, MemberRole, Nominator, Person
from .training import (
    Answer,
    Certificate,
    Choice,
    Enrolment,
    Language,
    Question,
    TestAttempt,
    TestKind,
    Trainer,
    TrainingPlan,
    TrainingSession,
)

__all__ = [
    "Answer",
    "Certificate",
    "Choice",
    "Commission",
    "Enrolment",
    "ExerciseAttempt",
    "Language",
    "Level",
    "Member",
    "MemberRole",
    "Nominator",
    "Person",
    "Question",
    "SessionBudget",
    "TestAttempt",
    "TestKind",
    "Trainer",
    "TrainingPlan",
    "TrainingSession",
]
