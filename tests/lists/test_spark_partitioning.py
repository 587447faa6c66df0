"""What the Spark engine relies on, checked without Spark (so the default suite guards it):
scoring the lines block by block of the birth-date key finds exactly the pairs of one pass."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from saylau.lists.audit import AuditConfig, read_inputs
from saylau.lists.audit.duplicates import accepted_pairs, line_features
from saylau.lists.audit.prepare import prepare
from saylau.lists.demo import DEFAULT_ELECTION_DATE, generate_region


@pytest.mark.slow
def test_pairs_scored_per_partition_of_birth_date_keys_are_the_pairs_of_one_pass(
    tmp_path: Path,
) -> None:
    generate_region(tmp_path / "region", scale=0.03, seed=9, inject_errors=True)
    config = AuditConfig()
    prepared = prepare(
        read_inputs(tmp_path / "region"), election_date=DEFAULT_ELECTION_DATE, config=config
    )
    feats = line_features(prepared.lines)
    options = {
        "max_block": config.duplicate_max_block,
        "threshold": 100 * config.duplicate_name_similarity,
    }
    whole = accepted_pairs(feats, **options)
    assert len(whole) >= 10
    parts = feats.filter(pl.col("bd_key").is_not_null()).with_columns(
        (pl.col("bd_key").hash(seed=1) % 5).alias("_part")
    )
    split = sorted(
        pair
        for _, part in parts.group_by("_part")
        for pair in accepted_pairs(part.drop("_part"), **options)
    )
    assert split == whole
