"""``PROBABLE_DUPLICATE_PERSON`` on Apache Spark, for registers beyond one machine.

The same decision as :mod:`.duplicates`, with the distributed parts in Spark and every rule
imported, never copied:

1. **Reading** (Spark's CSV reader, all columns as text) and **checking** each partition with
   the strict reader's own typing rules (:mod:`saylau.lists.io`): a missing column or a bad
   value fails the run with an input error naming file and column; where the file is on the
   driver's disk, :func:`saylau.lists.io.read_table` then re-reads it to name the line too.
2. **Feature columns**: the registry is reduced to one person per IIN (the first in file
   order, as :mod:`.prepare` does) and joined to the list lines on the IIN in Spark; each
   partition then runs :mod:`.prepare`'s IIN decoding and name folding and
   :func:`.duplicates.line_features` on polars frames (``mapInArrow``).
3. **Household context**: the lines are hash-partitioned by address and each partition runs
   :func:`.duplicates.with_family` (does anyone at the address share the family name).
4. **Counting and blocking**: every blocking key contains the birth-date key ``bd_key``
   (year, then day and month in either order), so hash-partitioning the lines by ``bd_key``
   puts both lines of every candidate pair, and every random pair the model's ``u`` is
   counted on, into one partition. Each partition runs :func:`.linkage.register_counts`
   (name frequencies, level counts of random pairs, pairs per block: counts that add up)
   and :func:`.duplicates.candidate_pairs` with :func:`.duplicates.with_sides`.
5. **On the driver**: the counts are summed (:meth:`.linkage.RegisterCounts.merge`), the
   candidate pairs (a few per thousand lines) collected, the model fitted
   (:func:`.linkage.fit_model`, EM over the candidates), the pairs scored
   (:func:`.duplicates.scored_pairs`) and grouped (:func:`.duplicates.duplicate_findings`):
   the polars engine's own functions on the same numbers, so the same findings.

Line ids are ``monotonically_increasing_id`` of the list file read in order, which sorts as
the polars engine's row index does, so the findings are the polars engine's exactly: the same
groups of lines, messages and evidence.

Spark runs in local mode unless given a session (:func:`local_session`); workers use this
Python interpreter (``PYSPARK_PYTHON``). pyspark is an optional dependency group
(``uv sync --group spark``); this module imports it only when called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
import pyarrow as pa

from saylau.lists import io
from saylau.lists.iin import with_iin_columns

from .duplicates import (
    candidate_pairs,
    duplicate_findings,
    line_features,
    scored_pairs,
    with_family,
    with_sides,
)
from .linkage import RegisterCounts, fit_model, register_counts
from .model import AuditConfig
from .owners import neighbours, owners_of
from .prepare import with_name_keys
from .spark_io import (
    _first_per,
    _input_error,
    _read,
    _registry_dates,
    _to_spark_arrow,
    local_session,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["local_session", "probable_duplicates_spark"]

_REG = ("last_name", "first_name", "patronymic", "birth_date", "sex")
#: :func:`line_features` columns as Spark types (``row`` is the Spark line id).
_FEATURES_DDL = (
    "row long, precinct_no long, line_no long, iin string, bd date, sk_last string, "
    "sk_first string, sk_pat string, sex string, address_id string, in_registry boolean, "
    "loose boolean, spelling string, district string, iin_bd date, iin_ok boolean, bd_key int"
)
_FAMILY_DDL = _FEATURES_DDL + ", owner string, family boolean"
_COUNTS_DDL = "field string, sex string, value long, len long"
_SIDES = (
    "iin string, bd date, bd_key int, iin_bd date, sk_first string, sk_last string, "
    "sk_pat string, sex string, loose boolean, iin_ok boolean, district string, address_id string, "
    "family boolean, owner string"
)
_SIDES_DDL = (
    "a long, b long, "
    + _SIDES
    + ", "
    + ", ".join(f"{c.split()[0]}_b {c.split()[1]}" for c in _SIDES.split(", "))
)


def _features_of(
    election_date: date,
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """Joined lines -> :func:`line_features`, as :func:`.prepare.prepare` builds its lines."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)  # noqa: S101
            frame = with_iin_columns(frame, "iin", today=election_date)
            # The registry is joined on the IIN as written; only a valid IIN names a person.
            matched = pl.col("_reg_iin").is_not_null() & pl.col("iin_error").is_null()
            frame = frame.with_columns(
                *(pl.when(matched).then(pl.col(f"reg_{c}")).alias(f"reg_{c}") for c in _REG),
                matched.alias("in_registry"),
            )
            frame = with_name_keys(with_name_keys(frame), "reg_")
            feats = line_features(frame).with_columns(pl.col("bd_key").cast(pl.Int32))
            yield from _to_spark_arrow(feats)

    return run


def _family_of() -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """One partition of whole addresses -> its lines with ``family``."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        received = list(batches)
        if not received:
            return
        feats = pl.from_arrow(pa.Table.from_batches(received))
        assert isinstance(feats, pl.DataFrame)  # noqa: S101
        yield from _to_spark_arrow(with_family(feats))

    return run


def _frame(batches: Iterator[pa.RecordBatch]) -> pl.DataFrame | None:
    received = list(batches)
    if sum(b.num_rows for b in received) == 0:  # an empty partition has no batch at all
        return None
    frame = pl.from_arrow(pa.Table.from_batches(received))
    assert isinstance(frame, pl.DataFrame)  # noqa: S101
    return frame


def _counts_of() -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """One partition of whole ``bd_key`` blocks -> its :class:`RegisterCounts` as rows."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        feats = _frame(batches)
        if feats is None:
            return
        counts = register_counts(feats)
        extra = [
            {"field": f"level:{k}", "sex": "", "value": i, "len": n}
            for k, levels in counts.levels.items()
            for i, n in enumerate(levels)
        ] + [{"field": "pairs", "sex": "", "value": 0, "len": counts.pairs}]
        values = counts.values.with_columns(pl.col("value").reinterpret(signed=True))
        rows = pl.concat([values, pl.DataFrame(extra, schema=values.schema)], how="vertical")
        yield from _to_spark_arrow(rows)

    return run


def _counts_from(rows: pl.DataFrame) -> RegisterCounts:
    from .linkage import LEVELS

    levels = {
        k: [
            int(
                rows.filter((pl.col("field") == f"level:{k}") & (pl.col("value") == i))["len"].sum()
            )
            for i in range(len(v))
        ]
        for k, v in LEVELS.items()
    }
    pairs = int(rows.filter(pl.col("field") == "pairs")["len"].sum())
    values = rows.filter(~pl.col("field").str.starts_with("level:") & (pl.col("field") != "pairs"))
    return RegisterCounts.merge(
        [
            RegisterCounts(
                values=values.with_columns(
                    pl.col("value").cast(pl.Int64).reinterpret(signed=False),
                    pl.col("len").cast(pl.Int64),
                ),
                levels=levels,
                pairs=pairs,
            )
        ]
    )


def _sides_of(max_block: int) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """One partition of whole ``bd_key`` blocks -> its candidate pairs with both sides."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        feats = _frame(batches)
        if feats is None:
            return
        sides = with_sides(candidate_pairs(feats, max_block), feats)
        if sides.height:
            cols = [c.split()[0] for c in _SIDES_DDL.split(", ")]
            yield from _to_spark_arrow(
                sides.select(cols).with_columns(
                    pl.col("a").cast(pl.Int64),
                    pl.col("b").cast(pl.Int64),
                    pl.col("bd_key").cast(pl.Int32),
                    pl.col("bd_key_b").cast(pl.Int32),
                )
            )

    return run


def _with_owners(spark: SparkSession, feats: DataFrame, persons: DataFrame) -> DataFrame:
    """``feats`` with ``owner`` (:func:`.owners.with_owners`): the invalid lines (a few in ten
    thousand) and their valid one-slip neighbours go to the driver, the registry persons
    among those neighbours come back from Spark, the owners go out broadcast."""
    from pyspark.sql import functions as F  # noqa: N812

    cols = ("row", "iin", "sk_first", "sk_last", "sk_pat", "bd_key")
    bad = pl.from_arrow(
        feats.filter(~F.col("iin_ok") & F.col("iin").isNotNull()).select(*cols).toArrow()
    )
    assert isinstance(bad, pl.DataFrame)  # noqa: S101
    found: list[tuple[int, str]] = []
    near = neighbours(bad) if bad.height else None
    if near is not None and near.height:
        wanted = spark.createDataFrame(
            [(v,) for v in near["owner"].unique().to_list()], "owner string"
        )
        reg = pl.from_arrow(
            persons.join(F.broadcast(wanted), persons["iin"] == wanted["owner"], "left_semi")
            .select("iin", "last_name", "first_name", "patronymic", "birth_date")
            .toArrow()
        )
        assert isinstance(reg, pl.DataFrame)  # noqa: S101
        found = list(owners_of(bad, near, reg).iter_rows())
    owners = spark.createDataFrame(found, "row long, owner string")
    return feats.join(F.broadcast(owners), "row", "left")


def probable_duplicates_spark(
    spark: SparkSession,
    directory: str | Path,
    *,
    election_date: date,
    config: AuditConfig | None = None,
    partitions: int | None = None,
) -> pl.DataFrame:
    """``PROBABLE_DUPLICATE_PERSON`` findings of an audit directory, computed on ``spark``.

    ``directory`` is any path Spark reads (a local directory, ``hdfs://``, ``s3a://``) laid
    out as the audit format says; ``partitions`` (default: the session's shuffle partitions)
    is how many blocks of birth dates are scored in parallel. Returns the findings frame of
    :func:`.duplicates.probable_duplicate_person` on the same input.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F  # noqa: N812

    config = config or AuditConfig()
    where = str(directory)
    lines = _read(spark, where, io.LISTS, "row")
    persons = _read(spark, where, io.PERSONS, "_order", _registry_dates, ("iin", *_REG))
    precincts = _read(
        spark, where, io.PRECINCTS, "_order", columns=("precinct_no", "district_code")
    )
    registry = _first_per(persons, "iin", "_order", list(_REG)).select(
        F.col("iin").alias("_reg_iin"), *(F.col(c).alias(f"reg_{c}") for c in _REG)
    )
    districts = _first_per(precincts, "precinct_no", "_order", ["district_code"]).select(
        "precinct_no", F.col("district_code").alias("precinct_district")
    )
    joined = lines.join(registry, lines["iin"] == registry["_reg_iin"], "left").join(
        F.broadcast(districts), "precinct_no", "left"
    )
    feats = (
        joined.mapInArrow(_features_of(election_date), _FEATURES_DDL)
        .filter(F.col("bd_key").isNotNull())
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    n = partitions or int(spark.conf.get("spark.sql.shuffle.partitions") or "4")
    blocks = None
    try:
        blocks = (
            _with_owners(spark, feats, persons)
            .repartition(n, "address_id")
            .mapInArrow(_family_of(), _FAMILY_DDL)
            .repartition(n, "bd_key")
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        count_rows = pl.from_arrow(blocks.mapInArrow(_counts_of(), _COUNTS_DDL).toArrow())
        sides = pl.from_arrow(
            blocks.mapInArrow(_sides_of(config.duplicate_max_block), _SIDES_DDL).toArrow()
        )
        assert isinstance(count_rows, pl.DataFrame)  # noqa: S101
        assert isinstance(sides, pl.DataFrame)  # noqa: S101
        model = fit_model(_counts_from(count_rows), sides.sort("a", "b"))
        accepted = scored_pairs(sides, model, min_score=config.duplicate_min_score)
        rows = sorted({x for a, b, _ in accepted for x in (a, b)})
        wanted = spark.createDataFrame([(int(r),) for r in rows], "row long")
        info = pl.from_arrow(feats.join(wanted, "row", "left_semi").toArrow())
    except Exception as exc:
        error = _input_error(exc, where)
        if error is None:
            raise
        raise error from None
    finally:
        if blocks is not None:
            blocks.unpersist()
        feats.unpersist()
    assert isinstance(info, pl.DataFrame)  # noqa: S101
    return duplicate_findings(info, accepted)
