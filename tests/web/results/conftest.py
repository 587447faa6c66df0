from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _empty_public_cache() -> Iterator[None]:
    """Each test starts with no cached public page (frozen clocks can repeat a stamp)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
