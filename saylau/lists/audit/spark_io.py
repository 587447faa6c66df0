"""Spark's side of the input: a session for this interpreter, and the audit's files read
as typed Spark frames, every value checked by the strict reader's own rules
(:mod:`saylau.lists.io`), a refused value turned back into the input error naming file,
column (and line, where the file is on the driver's disk)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
import pyarrow as pa

from saylau.lists import io
from saylau.lists.iin import with_iin_columns

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["local_session"]

_SPARK_TYPES = {"int": "long", "date": "date", "flag": "boolean"}


def local_session(
    *, cores: int = 2, shuffle_partitions: int = 4, memory: str = "2g", master: str | None = None
) -> Any:
    """A SparkSession whose Python workers run this interpreter: local mode, or the
    standalone cluster at ``master`` (``spark://host:7077``; its workers must reach this
    interpreter and saylau, as on one machine in CI: ``.ci/with-spark-cluster``).

    ``shuffle_partitions`` small for small inputs (each partition is a task with its own
    start-up); the driver holds the executor in local mode, so ``memory`` is its heap.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master or f"local[{cores}]")
    if master:
        builder = builder.config("spark.executor.memory", memory).config(
            "spark.executorEnv.PYTHONPATH", os.environ.get("PYTHONPATH", "")
        )
    session = (
        builder.appName("saylau-audit")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(cores))
        .config("spark.driver.memory", memory)
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # polars' per-batch cost (distinct names folded once per batch) falls with bigger batches
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100000")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


_MARK = "SAYLAU-INPUT-ERROR"
_SPECS = (io.DISTRICTS, io.PERSONS, io.ADDRESSES, io.PRECINCTS, io.LISTS)


def _ddl(spec: io.TableSpec, keep: str, columns: tuple[str, ...]) -> str:
    """The Spark schema of a typed file: ``columns`` of the spec and the id ``keep``."""
    optional_ints = io.tables._OPTIONAL_INTS.get(spec.path, ())  # typed as integers
    kinds = {c: "int" if c in optional_ints else spec.columns[c] for c in columns}
    cols = [f"{c} {_SPARK_TYPES.get(k, 'string') if isinstance(k, str) else 'string'}"
            for c, k in kinds.items()]  # fmt: skip
    return ", ".join([*cols, f"{keep} long"])


def _typer(
    spec: io.TableSpec,
    path: str,
    keep: str,
    then: Callable[[pl.DataFrame], pl.DataFrame],
    columns: tuple[str, ...],
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """A ``mapInArrow`` function: the spec's columns typed and checked by the strict reader's
    rules (all of them), ``columns`` and ``keep`` passed on. A bad value fails the task with a marked message that
    :func:`_input_error` turns back into the error on the driver."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            raw = pl.from_arrow(batch)
            assert isinstance(raw, pl.DataFrame)  # noqa: S101 - a batch is a frame
            outs, bads, problems = io._rules(spec)  # the strict reader's own rules
            checked = raw.select(*outs, *bads)
            for column in raw.columns:  # Spark decodes bytes that are not UTF-8 as U+FFFD
                if raw.schema[column] == pl.String and raw[column].str.contains("\ufffd").any():
                    problems = {column: io.tables.Rule("utf8", "must be UTF-8 text"), **problems}
                    checked = checked.with_columns(
                        raw[column].str.contains("\ufffd").fill_null(False).alias(f"__bad_{column}")
                    )
            for column, problem in problems.items():
                hit = checked[f"__bad_{column}"].arg_true()
                if hit.len():
                    shown = raw[column][int(hit[0])]
                    where = {
                        "file": path,
                        "field": column,
                        "problem": problem.words,
                        "kind": problem.kind,
                        "choices": list(problem.choices),
                        "value": shown,
                    }
                    msg = f"{_MARK}{json.dumps(where, ensure_ascii=False)}{_MARK}"
                    raise ValueError(msg)
            typed = checked.select(*spec.columns).with_columns(raw[keep])
            yield from _to_spark_arrow(then(typed).select(*columns, keep))

    return run


def _to_spark_arrow(frame: pl.DataFrame) -> Iterator[pa.RecordBatch]:
    """Polars' Arrow with plain strings (Spark's Arrow reader wants ``string``)."""
    table = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
    schema = pa.schema(
        [f.with_type(pa.string()) if pa.types.is_large_string(f.type) else f for f in table.schema]
    )
    yield from table.cast(schema).to_batches()


def _strict_error(directory: str, specs: tuple[io.TableSpec, ...]) -> io.ListsInputError | None:
    """What the strict reader says of the files that are on the driver's disk."""
    for spec in specs:
        if (Path(directory) / spec.path).is_file():
            try:
                io.read_table(Path(directory), spec)
            except io.ListsInputError as precise:
                return precise
    return None


def _input_error(exc: Exception, directory: str) -> io.ListsInputError | None:
    """The input error behind a failed Spark job, else ``None``: a value a task refused (see
    :func:`_typer`) or a record Spark's reader could not parse. Files on the driver's disk are
    re-read by the strict reader, which names the line too."""
    parts = str(exc).split(_MARK)
    if len(parts) < 3:
        return _strict_error(directory, _SPECS)  # malformed CSV (FAILFAST), or not an input error
    where = json.loads(parts[1])
    spec = next(s for s in _SPECS if where["file"].endswith(s.path))
    precise = _strict_error(directory, (spec,))
    if precise is not None:
        return precise
    rule = io.tables.Rule(where.get("kind", ""), where["problem"], tuple(where.get("choices", ())))
    found = io.tables._message(rule, where["value"] or None)
    return io.ListsInputError(
        found.message, file=where["file"], field=where["field"], code=found.code, **found.params
    )


def _read(
    spark: SparkSession,
    directory: str,
    spec: io.TableSpec,
    keep: str,
    then: Callable[[pl.DataFrame], pl.DataFrame] = lambda frame: frame,
    columns: tuple[str, ...] = (),
) -> DataFrame:
    """The spec's file as a typed Spark frame (every column checked, ``columns`` kept: all by
    default), with ``keep`` (an id in file order) added."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's own convention

    path = f"{directory.rstrip('/')}/{spec.path}"
    try:
        raw = (
            spark.read.option("header", "true")
            .option("inferSchema", "false")
            .option("mode", "FAILFAST")
            .csv(path)
        )
    except Exception as exc:  # AnalysisException: the path does not exist
        msg = f"cannot read the file ({str(exc).splitlines()[0]})"
        raise io.ListsInputError(msg, file=path, code="lists.file_unreadable") from None
    header = [c.strip().lstrip("\ufeff") for c in raw.columns]
    raw = raw.toDF(*header)
    for column in spec.columns:
        if column not in header:
            msg = f"required column {column!r} is missing (the header has: {', '.join(header)})"
            raise io.ListsInputError(
                msg, file=path, line=1, field=column, code="lists.missing_columns", columns=[column]
            )
    raw = raw.select(*spec.columns).withColumn(keep, F.monotonically_increasing_id())
    columns = columns or tuple(spec.columns)
    return raw.mapInArrow(_typer(spec, path, keep, then, columns), _ddl(spec, keep, columns))


def _first_per(frame: DataFrame, key: str, order: str, columns: list[str]) -> DataFrame:
    """One row per ``key``, the first by ``order`` (the file order)."""
    from pyspark.sql import functions as F  # noqa: N812

    picked = F.min_by(F.struct(*columns), F.col(order)).alias("_first")
    return frame.groupBy(key).agg(picked).select(key, "_first.*")


def _registry_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """A registry person's birth date, else the one its IIN encodes (as :mod:`.prepare`)."""
    decoded = with_iin_columns(frame, "iin", prefix="p_iin_")
    born = pl.coalesce("birth_date", "p_iin_birth_date").alias("birth_date")
    return decoded.with_columns(born).select(frame.columns)
