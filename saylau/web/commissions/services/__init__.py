"""Services of the commissions app: each changes state in one transaction with an audit event."""

from .budget import COST_FIELDS, set_budget
from .exercise import submit_exercise
from .registry import (
    appoint_member,
    create_person,
    dismiss_member,
    replace_member,
    seat_existing_person,
)
from .sessions import cancel_session, update_session
from .testing import (
    correct_answers,
    issue_certificate,
    questions_for,
    revoke_certificate,
    start_test,
    submit_answers,
)
from .training import (
    assign_trainer,
    check_trainer,
    create_plan,
    create_session,
    create_trainer,
    enrol_members,
    mark_attendance,
)

__all__ = [
    "COST_FIELDS",
    "appoint_member",
    "assign_trainer",
    "cancel_session",
    "check_trainer",
    "correct_answers",
    "create_person",
    "create_plan",
    "create_session",
    "create_trainer",
    "dismiss_member",
    "enrol_members",
    "issue_certificate",
    "mark_attendance",
    "questions_for",
    "replace_member",
    "revoke_certificate",
    "seat_existing_person",
    "set_budget",
    "start_test",
    "submit_exercise",
    "submit_answers",
    "update_session",
]
