"""Shared test configuration: the data the tests read, kept in tests/data with its sources.

tests/data/SOURCES.md says where each file comes from; nothing here reads outside the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
