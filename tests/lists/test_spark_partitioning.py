"""What the Spark engine relies on, checked without Spark (so the default suite guards it):
counting and blocking the lines block by block of the birth-date key gives exactly the
numbers and the pairs of one pass."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from saylau.lists.audit import AuditConfig, read_inputs
from saylau.lists.audit.duplicates import (
    accepted_pairs,
    candidate_pairs,
    line_features,
    scored_pairs,
    with_family,
    with_sides,
)
from saylau.lists.audit.linkage import RegisterCounts, fit_model, register_counts
from saylau.lists.audit.owners import with_owners
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
    feats = with_family(with_owners(line_features(prepared.lines), prepared.persons))
    max_block = config.duplicate_max_block
    whole = accepted_pairs(feats, max_block=max_block)
    assert len(whole) >= 10
    parts = [
        part.drop("_part")
        for _, part in feats.filter(pl.col("bd_key").is_not_null())
        .with_columns((pl.col("bd_key").hash(seed=1) % 5).alias("_part"))
        .group_by("_part")
    ]
    counts = RegisterCounts.merge([register_counts(p) for p in parts])
    one_pass = register_counts(feats)
    assert counts.levels == one_pass.levels
    assert counts.pairs == one_pass.pairs
    assert counts.values.sort(pl.all()).equals(one_pass.values.sort(pl.all()))
    sides = pl.concat([with_sides(candidate_pairs(p, max_block), p) for p in parts])
    model = fit_model(counts, sides.sort("a", "b"))
    assert scored_pairs(sides, model, min_score=config.duplicate_min_score) == whole
    # The polars engine's own split of a national register (duplicates.counts_and_sides).
    assert accepted_pairs(feats, max_block=max_block, parts=4) == whole
