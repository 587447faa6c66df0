"""The results tests run on the night after the factories' election day (21 March 2027), when
protocols, tabulation, sign-off and publication are in their windows (``saylau.law.windows``);
tests of the windows themselves travel elsewhere with ``clock.travel``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

#: The morning after the factories' election day, in local time.
AFTER_THE_COUNT = "2027-03-22T10:00"


@pytest.fixture(autouse=True)
def _after_the_count(settings: Any) -> None:
    settings.SAYLAU_AS_OF = AFTER_THE_COUNT


@pytest.fixture(autouse=True)
def _empty_public_cache() -> Iterator[None]:
    """Each test starts with no cached public page (frozen clocks can repeat a stamp)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def counted():  # type: ignore[no-untyped-def]
    """An election whose every precinct protocol is in, with the deciding commission's chair and
    secretary: (election, precincts, chair, secretary). Modules that need other protocols
    define their own."""
    from saylau.web.results import services

    from .factories import election_with_lists, officials_of, protocol_data

    election, precincts = election_with_lists()
    for p in precincts:
        services.submit_protocol(actor=None, election=election, precinct=p, data=protocol_data(p))
    chair, secretary = officials_of(election)
    return election, precincts, chair, secretary
