"""Services of the results app, one module per concept: submission (:mod:`.submission`),
corrections (:mod:`.corrections`), the sums (:mod:`.sums`), distribution, sign-off and
publication (:mod:`.distribution`), the decisions that move mandates (:mod:`.decisions`),
single-member districts (:mod:`.single_member`). No module imports another's private
names (``tests/test_architecture.py``)."""

from saylau.web.elections.places import precincts_of

from .corrections import accept_correction, reject_correction, submit_correction
from .distribution import (
    can_decide,
    distribute_mandates,
    publish,
    publish_preliminary,
    sign_off,
)
from .submission import (
    enter_from_qr,
    qr_text,
    submit_protocol,
    validate_protocol,
)
from .sums import current_rows, db_tally, expected_by_district, live_tally

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
    "publish_preliminary",
    "qr_text",
    "reject_correction",
    "sign_off",
    "submit_correction",
    "submit_protocol",
    "validate_protocol",
]
