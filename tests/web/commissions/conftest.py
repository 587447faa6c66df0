import datetime as dt
from collections.abc import Iterator

import pytest

from saylau.web.core import clock


@pytest.fixture(autouse=True)
def on_the_session_day() -> Iterator[None]:
    """The factories' sessions are on 1 February 2027: attendance and tests are recorded on or
    after that day, so the commissions tests run on it (a test may travel elsewhere)."""
    with clock.travel(dt.datetime(2027, 2, 1, 15, 0)):
        yield
