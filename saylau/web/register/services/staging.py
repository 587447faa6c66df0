"""Writing extract rows into the staging tables in batches: COPY on PostgreSQL,
``executemany`` in one short transaction per batch on SQLite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

BATCH = 20_000

PERSON_FIELDS = (
    "register_import_id",
    "line",
    "ok",
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


class StagingWriter:
    """Buffers rows for one staging table and writes them ``BATCH`` at a time."""

    def __init__(self, table: str, fields: Sequence[str], *, batch: int = BATCH) -> None:
        self.table = table
        self.fields = tuple(fields)
        self.batch = batch
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        self.postgres = connection.vendor == "postgresql"

    def add(self, row: tuple[Any, ...]) -> bool:
        """Queue a row; returns True when a batch was written (a moment to report progress)."""
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self.rows:
            return
        cols = ", ".join(self.fields)
        if self.postgres:
            with connection.cursor() as cursor:
                raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
                with raw.copy(f"COPY {self.table} ({cols}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(self.fields))
            sql = f"INSERT INTO {self.table} ({cols}) VALUES ({marks})"  # noqa: S608 - fixed names
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, self.rows)
        self.written += len(self.rows)
        self.rows = []
