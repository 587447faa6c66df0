"""The staging tables of an import in progress: writing polars frames into them (COPY on
PostgreSQL), and reading the register's side of the comparison (the region's persons)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import polars as pl
from django.db import connection, transaction

from ..models import Person, StagingAddress, StagingPerson
from .sqlnames import table, text_columns

#: Text columns of the staging tables: COPY keeps their empty strings (not NULL).
PERSON_TEXT = text_columns(StagingPerson)
ADDRESS_TEXT = text_columns(StagingAddress)
P = table(Person)


def write_staging(table: str, frame: pl.DataFrame, text: Sequence[str]) -> None:
    """Append ``frame`` (columns in table order) to a staging table: COPY on PostgreSQL,
    ``executemany`` in one short transaction on SQLite."""
    if frame.is_empty():
        return
    cols = ", ".join(frame.columns)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False)
        sql = f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({', '.join(text)}))"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.write(buffer.getbuffer())
        return
    dates = [n for n, t in frame.schema.items() if t == pl.Date]
    rows = frame.with_columns(pl.col(dates).cast(pl.String)).rows()
    marks = ", ".join(["%s"] * frame.width)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 - fixed names
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


#: Persons per query when reading the region's (IIN, digest) pairs.
KNOWN_CHUNK = 1_000_000


def known_persons(region_id: int | None) -> pl.DataFrame:
    """(iin Int64, digest UInt64) of the region's active persons, sorted by IIN.

    12 million persons take about 200 MB. The database joins each range of a million ids into
    one text of ``iin,digest`` lines that polars parses: a row-by-row fetch (or COPY, which
    sends a message per row) costs microseconds of Python per person. A digest of another form
    (an older import) reads as null, and so never equals a row's digest: the row is then
    compared field by field instead.
    """
    schema = {"iin": pl.Int64, "digest": pl.UInt64}
    if region_id is None:
        return pl.DataFrame(schema=schema)
    # No regular expression per row (PostgreSQL spends 4 us on one): polars casts the text.
    line = "iin || ',' || row_hash"
    if connection.vendor == "postgresql":
        joined = f"string_agg({line}, E'\\n')"
    else:
        joined = f"group_concat({line}, char(10))"
    where = "region_id = %s AND active"
    parts: list[pl.DataFrame] = []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN(id), MAX(id) FROM {P} WHERE {where}",  # noqa: S608
            [region_id],
        )
        low, high = cursor.fetchone() or (None, None)
        if low is None or high is None:
            return pl.DataFrame(schema=schema)
        for start in range(int(low), int(high) + 1, KNOWN_CHUNK):
            cursor.execute(
                f"SELECT {joined} FROM {P} WHERE {where} AND id >= %s AND id < %s",  # noqa: S608
                [region_id, start, start + KNOWN_CHUNK],
            )
            row = cursor.fetchone()
            if row and row[0]:
                text = pl.read_csv(
                    row[0].encode(),
                    has_header=False,
                    new_columns=list(schema),
                    schema=dict.fromkeys(schema, pl.String),
                    quote_char=None,
                )
                parts.append(
                    text.select(
                        pl.col(c).cast(t, strict=False) for c, t in schema.items()
                    ).drop_nulls("iin")
                )
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    return frame.sort("iin")
