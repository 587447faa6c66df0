"""Shared test configuration: the data the tests read, kept in tests/data with its sources.

tests/data/SOURCES.md says where each file comes from; nothing here reads outside the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI (.ci/run sets HYPOTHESIS_PROFILE=ci) draws the same examples on every run, derived from
# each test: a red CI is a bug to fix, never a lucky draw. Developers' runs draw new examples
# each time, and that is where the property tests look for the next bug.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture
def in_russian() -> Iterator[None]:
    """The test reads Russian pages: ``reverse`` gives their /ru/ addresses (Kazakh, the state
    language, is the default and has none) and messages read in Russian."""
    from django.utils import translation

    with translation.override("ru"):
        yield


@pytest.fixture
def in_english() -> Iterator[None]:
    """The test reads English pages (addresses under /en/)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _language_does_not_outlive_the_test() -> Iterator[None]:
    """A request through the test client leaves its page's language active in the thread, and
    ``reverse`` in the next test would follow it (an /en/ address where a Kazakh one is meant).
    Each test starts with no language of its own: the default, Kazakh."""
    yield
    from django.utils import translation

    translation.deactivate()
