"""Services of the results app: submission and corrections (:mod:`.protocols`), the sums
(:mod:`.sums`), distribution, sign-off and publication (:mod:`.tabulation`), the decisions
that move mandates (:mod:`.decisions`), single-member districts (:mod:`.single_member`).
No module imports another's private names (``tests/test_architecture.py``)."""

from .protocols import (
    accept_correction,
    enter_from_qr,
    precincts_of,
    qr_text,
    reject_correction,
    submit_correction,
    submit_protocol,
    validate_protocol,
)
from .tabulation import (
    can_decide,
    current_rows,
    db_tally,
    distribute_mandates,
    expected_by_district,
    live_tally,
    publish,
    sign_off,
)

__all__ = [
    "accept_correction",
    "can_decide",
    "current_rows",
    "db_tally",
    "distribute_mandates",
    "expected_by_district",
    "enter_from_qr",
    "live_tally",
    "precincts_of",
    "publish",
    "qr_text",
    "reject_correction",
    "sign_off",
    "submit_correction",
    "submit_protocol",
    "validate_protocol",
]
