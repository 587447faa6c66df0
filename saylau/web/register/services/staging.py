"""The staging tables of an import in progress: writing polars frames into them (COPY on
PostgreSQL), and reading the register's side of the comparison (the region's persons)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence

import polars as pl
from django.db import connection, transaction

PERSON_FIELDS = (
    "register_import_id",
    "line",
    "ok",
    "gone",
    "iin",
    "last_name",
    "first_name",
    "patronymic",
    "birth_date",
    "sex",
    "citizenship",
    "address_code",
    "death_date",
    "incapable",
    "imprisoned",
    "row_hash",
)
PERSON_TEXT = (
    *("iin", "last_name", "first_name", "patronymic", "sex", "citizenship"),
    *("address_code", "row_hash"),
)
ADDRESS_FIELDS = (
    "register_import_id",
    "line",
    "address_code",
    "district_code",
    "locality",
    "street",
    "house",
    "flat",
    "precinct_no",
)
ADDRESS_TEXT = ("address_code", "district_code", "locality", "street", "house", "flat")


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


def known_persons(region_id: int | None) -> pl.DataFrame:
    """(iin Int64, digest UInt64) of the region's active persons, sorted by IIN.

    12 million persons take about 200 MB. A digest of another form (an older import) reads as
    null, and so never equals a row's digest: the row is compared field by field instead.
    """
    schema = {"iin": pl.Int64, "digest": pl.UInt64}
    if region_id is None:
        return pl.DataFrame(schema=schema)
    if connection.vendor == "postgresql":
        digest = "CASE WHEN row_hash ~ '^[0-9]{1,20}$' THEN row_hash END"
        sql = (
            f"COPY (SELECT iin, {digest} FROM register_person "  # noqa: S608 - an int
            f"WHERE region_id = {int(region_id)} AND active AND iin ~ '^[0-9]{{12}}$') "
            "TO STDOUT WITH (FORMAT csv)"
        )
        with tempfile.TemporaryFile() as spool:
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for block in copy:
                    spool.write(block)
            spool.seek(0)
            frame = pl.read_csv(
                spool,
                has_header=False,
                new_columns=list(schema),
                schema=schema,
                raise_if_empty=False,
            )
    else:
        parts: list[pl.DataFrame] = []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT iin, row_hash FROM register_person WHERE region_id = %s AND active",
                [region_id],
            )
            while rows := cursor.fetchmany(500_000):
                text = pl.DataFrame(rows, schema=["iin", "digest"], orient="row")
                parts.append(
                    text.select(pl.col(c).cast(t, strict=False) for c, t in schema.items())
                )
        frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    return frame.drop_nulls("iin").sort("iin")
