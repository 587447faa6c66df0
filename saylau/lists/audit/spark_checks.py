"""Every audit check on Apache Spark (``saylau audit --engine spark``), for registers beyond
one machine: the polars engine's findings, computed with the polars engine's own functions.

What runs where:

1. **Reading** (Spark, :mod:`.spark_io`): the five files of the audit directory, every value
   typed and checked by the strict reader's rules; registry addresses reduced to the first row
   per ``address_id`` and joined to the registry persons in Spark (each person carries the
   precinct of their registered address).
2. **The checks of one IIN** (:data:`.run.PER_IIN_CHECKS`: INVALID_IIN, IIN_NOT_IN_REGISTRY,
   IIN_DATA_MISMATCH, NAME_MISMATCH, DUPLICATE_IIN, DECEASED, UNDERAGE, NOT_CITIZEN,
   INCAPABLE, IMPRISONED, WRONG_PRECINCT, MISSING_VOTER): list lines and registry persons
   are put in one frame and hash-partitioned by IIN, so every line and person of an IIN is in
   one partition, exactly as the polars engine splits a national register into parts
   (:func:`.run.audit_frame`). Each partition runs :func:`.prepare.prepare` and the check
   functions of :data:`.run.CHECK_FUNCTIONS` on polars frames (``mapInArrow``) and also gives
   its counts: eligible voters per address, list lines per precinct.
3. **Counts** (Spark): those counts summed per address and per precinct; only the addresses
   and precincts a check flags (at least ``overcrowded_min_voters`` voters, no precinct
   boundary, more than ``precinct_max_voters`` lines) go to the driver.
4. **On the driver**: OVERCROWDED_ADDRESS, ADDRESS_WITHOUT_PRECINCT and
   PRECINCT_OVER_CAPACITY (:mod:`.territory`) on those rows; PROBABLE_DUPLICATE_PERSON from
   :func:`.spark.probable_duplicates_spark`; everything ordered as the polars engine orders it
   (:func:`.run.ordered_findings`).

All 16 checks run here; only the findings (and the flagged counts) are ever collected.
pyspark is an optional dependency group (``uv sync --group spark``), imported when called.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
import pyarrow as pa

from saylau.lists import io

from . import territory
from .model import CHECKS, FINDING_SCHEMA, AuditConfig, AuditInputs, empty_findings
from .prepare import Prepared, prepare
from .run import CHECK_FUNCTIONS, PER_IIN_CHECKS, ordered_findings, write_findings
from .spark_io import _first_per, _input_error, _read, local_session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SPARK_CHECKS", "audit_directory_spark", "audit_frame_spark"]

#: The checks the Spark engine runs: all of them.
SPARK_CHECKS = frozenset(CHECKS)
#: The checks over the counts per address and per precinct.
_TOTAL_CHECKS = frozenset(
    {"OVERCROWDED_ADDRESS", "ADDRESS_WITHOUT_PRECINCT", "PRECINCT_OVER_CAPACITY"}
)
_DUPLICATES = "PROBABLE_DUPLICATE_PERSON"

_LINE = pa.struct([("precinct_no", pa.int64()), ("line_no", pa.int64())])
#: A partition's output: findings, and count rows (``check`` null; ``voters`` per address or
#: list lines per precinct).
_OUT = pa.schema(
    [
        ("check", pa.string()),
        ("severity", pa.string()),
        ("lines", pa.list_(_LINE)),
        ("iins", pa.list_(pa.string())),
        ("address_id", pa.string()),
        ("precinct_no", pa.int64()),
        ("message", pa.string()),
        ("evidence", pa.string()),
        ("voters", pa.int64()),
    ]
)
_OUT_DDL = (
    "check string, severity string, lines array<struct<precinct_no:bigint,line_no:bigint>>, "
    "iins array<string>, address_id string, precinct_no bigint, message string, "
    "evidence string, voters bigint"
)
_OUT_SCHEMA = pl.Schema({**FINDING_SCHEMA, "voters": pl.Int64()})


def _frame(batches: Iterator[pa.RecordBatch]) -> pl.DataFrame | None:
    received = list(batches)
    if sum(b.num_rows for b in received) == 0:  # an empty partition has no batch at all
        return None
    frame = pl.from_arrow(pa.Table.from_batches(received))
    assert isinstance(frame, pl.DataFrame)  # noqa: S101 - a table is a frame
    return frame


def _counts(prepared: Prepared, checks: frozenset[str]) -> pl.DataFrame:
    """Count rows of one partition: eligible voters per address, list lines per precinct."""
    frames = []
    if checks & {"OVERCROWDED_ADDRESS", "ADDRESS_WITHOUT_PRECINCT"}:
        frames.append(
            prepared.address_voters.select(
                pl.col("address_id").cast(pl.String), pl.col("voters").cast(pl.Int64)
            )
        )
    if "PRECINCT_OVER_CAPACITY" in checks:
        frames.append(
            prepared.lines.group_by("precinct_no").agg(pl.len().cast(pl.Int64).alias("voters"))
        )
    if not frames:
        return pl.DataFrame(schema=_OUT_SCHEMA)
    return _as_out(pl.concat(frames, how="diagonal"))


def _as_out(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every column of a partition's output (absent ones null)."""
    return frame.select(
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(t).alias(c)
        for c, t in _OUT_SCHEMA.items()
    )


def _checks_of(
    election_date: date, config: AuditConfig, precincts: pl.DataFrame
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """One partition of whole IINs (lines ``kind`` L, persons ``kind`` P) -> the findings of
    the per-IIN checks and the partition's count rows."""
    checks = sorted(PER_IIN_CHECKS & config.checks)
    line_cols = [*io.LISTS.columns, "row"]
    person_cols = list(io.PERSONS.columns)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        frame = _frame(batches)
        if frame is None:
            return
        lines = frame.filter(pl.col("kind") == "L").sort("row").select(line_cols)
        # The first person of an IIN in file order, as the polars engine keeps.
        persons = frame.filter(pl.col("kind") == "P").sort("row")
        addresses = (
            persons.filter(pl.col("address_id").is_not_null())
            .select("address_id", pl.col("address_precinct").alias("precinct_no"))
            .unique("address_id", maintain_order=True)
        )
        prepared = prepare(
            AuditInputs(persons.select(person_cols), addresses, precincts, lines),
            election_date=election_date,
            config=config,
        )
        # One chunk per column: polars 2.1 panics formatting a message over a column of two
        # chunks (``reg_address_precinct`` after a join of a small partition).
        prepared = replace(prepared, lines=prepared.lines.rechunk())
        found = [CHECK_FUNCTIONS[check](prepared) for check in checks]
        out = pl.concat(
            [_as_out(f) for f in found] + [_counts(prepared, config.checks)], how="vertical"
        )
        if out.height:
            yield from out.to_arrow(compat_level=pl.CompatLevel.oldest()).cast(_OUT).to_batches()

    return run


def _arrow_frame(frame: DataFrame) -> pl.DataFrame:
    table = pl.from_arrow(frame.toArrow())
    assert isinstance(table, pl.DataFrame)  # noqa: S101 - a table is a frame
    return table


def _totals(
    out: DataFrame, addresses: DataFrame, config: AuditConfig, precincts: pl.DataFrame
) -> list[pl.DataFrame]:
    """The checks over counts per address and per precinct, on the flagged rows only."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's own convention

    summed = (
        out.filter(F.col("check").isNull())
        .groupBy("address_id", "precinct_no")
        .agg(F.sum("voters").alias("voters"))
    )
    covered = addresses.select("address_id", F.col("precinct_no").alias("covered"))
    flagged_addresses = _arrow_frame(
        summed.filter(F.col("address_id").isNotNull())
        .select("address_id", "voters")
        .join(covered, "address_id", "left")
        .filter((F.col("voters") >= config.overcrowded_min_voters) | F.col("covered").isNull())
    )
    flagged_precincts = _arrow_frame(
        summed.filter(
            F.col("address_id").isNull() & (F.col("voters") > config.precinct_max_voters)
        ).select("precinct_no", "voters")
    )
    whole = Prepared(
        # every line of a flagged precinct (only ``precinct_no`` is looked at)
        lines=flagged_precincts.select(pl.col("precinct_no").repeat_by("voters").explode()),
        persons=pl.DataFrame(),
        addresses=flagged_addresses.filter(pl.col("covered").is_not_null()).select(
            "address_id", pl.col("covered").alias("precinct_no")
        ),
        precincts=precincts,
        election_date=date.min,  # no check of counts looks at it
        config=config,
        address_voters=flagged_addresses.select("address_id", "voters"),
    )
    funcs = {
        "OVERCROWDED_ADDRESS": territory.overcrowded_address,
        "ADDRESS_WITHOUT_PRECINCT": territory.address_without_precinct,
        "PRECINCT_OVER_CAPACITY": territory.precinct_over_capacity,
    }
    return [funcs[c](whole) for c in sorted(_TOTAL_CHECKS & config.checks)]


def audit_frame_spark(
    spark: SparkSession,
    directory: str | Path,
    *,
    election_date: date,
    config: AuditConfig | None = None,
    partitions: int | None = None,
) -> pl.DataFrame:
    """Every finding of the configured checks of an audit directory, computed on ``spark``:
    the frame :func:`.run.audit_frame` gives for the same input, in the same order.

    ``directory`` is any path Spark reads (local, ``hdfs://``, ``s3a://``) laid out as the
    audit format says; ``partitions`` (default: the session's shuffle partitions) is how many
    parts of the register are checked in parallel.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F  # noqa: N812

    config = config or AuditConfig()
    unknown = set(config.checks) - set(CHECKS)
    if unknown:
        msg = f"unknown checks: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    where = str(directory)
    n = partitions or int(spark.conf.get("spark.sql.shuffle.partitions") or "4")
    # Read in the polars reader's order, so that a missing file or column is named alike.
    districts = _read(spark, where, io.DISTRICTS, "_order", columns=("district_code",))
    persons = _read(spark, where, io.PERSONS, "_order")
    raw_addresses = _read(
        spark, where, io.ADDRESSES, "_order", columns=("address_id", "precinct_no")
    )
    precinct_rows = _read(spark, where, io.PRECINCTS, "_order")
    lines = _read(spark, where, io.LISTS, "row")
    out = None
    frames: list[pl.DataFrame] = []
    try:
        districts.count()  # checked for the format, as the polars engine does
        precincts = _arrow_frame(precinct_rows).sort("_order").drop("_order")
        addresses = _first_per(raw_addresses, "address_id", "_order", ["precinct_no"])
        registered = persons.join(
            addresses.select("address_id", F.col("precinct_no").alias("address_precinct")),
            "address_id",
            "left",
        ).withColumnRenamed("_order", "row")
        both = lines.withColumn("kind", F.lit("L")).unionByName(
            registered.withColumn("kind", F.lit("P")), allowMissingColumns=True
        )
        out = (
            both.repartition(n, "iin")
            .mapInArrow(_checks_of(election_date, config, precincts), _OUT_DDL)
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        found = _arrow_frame(out.filter(F.col("check").isNotNull()).drop("voters"))
        frames.append(found.cast(dict(FINDING_SCHEMA)) if found.height else empty_findings())  # type: ignore[arg-type]
        if _TOTAL_CHECKS & config.checks:
            frames.extend(_totals(out, addresses, config, precincts))
    except Exception as exc:
        error = _input_error(exc, where)
        if error is None:
            raise
        raise error from None
    finally:
        if out is not None:
            out.unpersist()
    if _DUPLICATES in config.checks:
        from .spark import probable_duplicates_spark

        frames.append(
            probable_duplicates_spark(
                spark, directory, election_date=election_date, config=config, partitions=n
            )
        )
    return ordered_findings(frames)


def _session() -> tuple[Any, bool]:
    """The Spark session to run on and whether to stop it after: the active one; the one
    ``spark-submit`` configured (``--master``); else local mode with every core."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    if os.environ.get("PYSPARK_GATEWAY_PORT"):  # launched by spark-submit
        return SparkSession.builder.appName("saylau-audit").getOrCreate(), True
    cores = os.cpu_count() or 2
    return local_session(cores=cores, shuffle_partitions=4 * cores), True


def audit_directory_spark(
    directory: Path,
    *,
    election_date: date,
    out: Path,
    config: AuditConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """``saylau audit --engine spark``: the findings of ``directory`` (every configured
    check) written to ``out`` whole or not at all, as the polars engine writes them."""
    say = progress or (lambda _text: None)
    spark, stop = _session()
    say(f"Spark {spark.version}, master {spark.sparkContext.master}")
    try:
        frame = audit_frame_spark(spark, directory, election_date=election_date, config=config)
    finally:
        if stop:
            spark.stop()
    write_findings(frame, out)
    return frame
