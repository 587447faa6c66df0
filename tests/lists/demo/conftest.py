from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from saylau.lists.demo import generate_region


def read(path: Path) -> pl.DataFrame:
    """As the audit reads: every column text, empty fields as nulls."""
    return pl.read_csv(path, infer_schema=False)


@pytest.fixture(scope="session")
def clean_region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "region"
    generate_region(out, scale=0.01, seed=11)
    return out


@pytest.fixture(scope="session")
def dirty_region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dirty") / "region"
    generate_region(out, scale=0.01, seed=12, inject_errors=True)
    return out
