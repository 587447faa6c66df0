"""Services of the results app (protocols; tabulation and mandates; publication)."""

from saylau.web.elections.places import precincts_of

from .protocols import (
    accept_correction,
    enter_from_qr,
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
