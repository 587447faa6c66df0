"""The set-based diff of a staged extract against the register (one transaction, caller's).

Plain SQL that PostgreSQL and SQLite (3.39+) both run: ``UPDATE ... FROM`` and
``IS DISTINCT FROM``. Every statement is bounded by the import id, so a re-run after a crash
(the transaction rolled back) starts from the register as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from saylau.web.territory.models import Address, District
from saylau.web.territory.models import Precinct as TerritoryPrecinct

from ..models import Person, PersonChange, StagingAddress, StagingPerson
from .sqlnames import columns
from .sqlnames import table as db_table

P = db_table(Person)
S = db_table(StagingPerson)
SA = db_table(StagingAddress)
CH = db_table(PersonChange)
A = db_table(Address)
TD = db_table(District)
TP = db_table(TerritoryPrecinct)
#: The columns of a change of a person, in the order the INSERTs below give them.
CH_COLUMNS = columns(PersonChange, "person", "register_import", "event", "field", "old", "new")
#: The columns of a new address, in the order the INSERT below gives them.
A_NEW_COLUMNS = columns(
    Address, "address_id", "district", "locality", "street", "house", "flat", "precinct"
)
#: The columns of a new person, in the order the INSERT below gives them.
P_NEW_COLUMNS = columns(
    Person,
    *("iin", "last_name", "first_name", "patronymic", "birth_date", "sex", "citizenship"),
    *("region", "address", "death_date", "incapable", "imprisoned", "active", "row_hash"),
    *("first_seen", "last_changed"),
)
#: Temporary table of (person, staged row) pairs that differ, for the length of one diff.
D = "register_diff_pairs"

#: Fields compared between the register and the extract, with SQL giving each as text.
COMPARED: tuple[tuple[str, str, str], ...] = (
    ("last_name", "p.last_name", "s.last_name"),
    ("first_name", "p.first_name", "s.first_name"),
    ("patronymic", "p.patronymic", "s.patronymic"),
    ("birth_date", "CAST(p.birth_date AS TEXT)", "CAST(s.birth_date AS TEXT)"),
    ("sex", "p.sex", "s.sex"),
    ("citizenship", "p.citizenship", "s.citizenship"),
    ("death_date", "CAST(p.death_date AS TEXT)", "CAST(s.death_date AS TEXT)"),
    (
        "incapable",
        "CASE WHEN p.incapable THEN '1' ELSE '0' END",
        "CASE WHEN s.incapable THEN '1' ELSE '0' END",
    ),
    (
        "imprisoned",
        "CASE WHEN p.imprisoned THEN '1' ELSE '0' END",
        "CASE WHEN s.imprisoned THEN '1' ELSE '0' END",
    ),
)


@dataclass
class DiffCounts:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0


def _run(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount or 0)


def _scalar(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def analyze(*tables: str) -> None:
    """Fresh planner statistics on PostgreSQL for tables this transaction just filled.

    Without them the planner sees the districts and precincts of a first import as the empty
    tables it last analysed and joins 3 million addresses to 5,000 precincts by a nested loop
    (hours); ANALYZE of a few thousand rows takes milliseconds, of millions a second (a sample).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def apply_addresses(*, import_id: int, region_id: int) -> int:
    """Insert new addresses, update changed ones in place; returns rows written."""
    source = f"""
        SELECT s.address_code AS code, d.id AS district_id, s.locality, s.street, s.house,
               s.flat, pr.id AS precinct_id
        FROM {SA} s
        JOIN {TD} d ON d.region_id = %s AND d.code = s.district_code
        LEFT JOIN {TP} pr ON pr.region_id = %s AND pr.number = s.precinct_no
        WHERE s.register_import_id = %s
    """  # noqa: S608 - fixed table names, values are parameters
    params: list[object] = [region_id, region_id, import_id]
    # A region's first import has nothing to update (and 3 million rows to compare).
    existed = _scalar(
        f"""SELECT COUNT(*) FROM (SELECT 1 FROM {A} a
           JOIN {TD} d ON d.id = a.district_id WHERE d.region_id = %s LIMIT 1) x""",  # noqa: S608
        [region_id],
    )
    inserted = _run(
        f"""INSERT INTO {A} ({A_NEW_COLUMNS})
            SELECT x.code, x.district_id, x.locality, x.street, x.house, x.flat, x.precinct_id
            FROM ({source}) x
            WHERE NOT EXISTS (SELECT 1 FROM {A} a WHERE a.address_id = x.code)""",  # noqa: S608
        params,
    )
    if inserted > 1000:
        analyze(A)
    if not existed:
        return inserted
    updated = _run(
        f"""UPDATE {A}
            SET district_id = x.district_id, locality = x.locality, street = x.street,
                house = x.house, flat = x.flat, precinct_id = x.precinct_id
            FROM ({source}) x
            WHERE {A}.address_id = x.code
              AND ({A}.district_id IS DISTINCT FROM x.district_id
                   OR {A}.locality IS DISTINCT FROM x.locality
                   OR {A}.street IS DISTINCT FROM x.street
                   OR {A}.house IS DISTINCT FROM x.house
                   OR {A}.flat IS DISTINCT FROM x.flat
                   OR {A}.precinct_id IS DISTINCT FROM x.precinct_id)""",  # noqa: S608
        params,
    )
    return inserted + updated


def resolve_person_addresses(*, import_id: int) -> list[tuple[int, str]]:
    """(line, code) of staged persons whose address is not in the territory after all (its
    district was rejected, say); those rows are marked not ok: the person is left as they were.

    The address of every other staged row is found by a join where it is used (one UPDATE of
    every staged row would rewrite the whole staging table).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT s.line, s.address_code FROM {S} s
                WHERE s.register_import_id = %s AND s.ok AND s.address_code <> ''
                  AND NOT EXISTS
                      (SELECT 1 FROM {A} a WHERE a.address_id = s.address_code)
                ORDER BY s.line""",  # noqa: S608
            [import_id],
        )
        missing = [(int(line), str(code)) for line, code in cursor.fetchall()]
    for i in range(0, len(missing), 5000):
        lines = [line for line, _code in missing[i : i + 5000]]
        marks = ", ".join(["%s"] * len(lines))
        _run(
            f"UPDATE {S} SET ok = %s WHERE register_import_id = %s AND line IN ({marks})",  # noqa: S608
            [False, import_id, *lines],
        )
    return missing


#: The territory's id of a staged row's address (``s``), as a scalar subquery.
ADDRESS_PK = f"(SELECT a.id FROM {A} a WHERE a.address_id = s.address_code)"  # noqa: S608


def apply_persons(*, import_id: int, region_id: int, gone: int | None = None) -> DiffCounts:
    """Apply the staged persons: history rows for every changed field, then the updates.

    Staged rows with ``ok`` are the extract's new, changed or moved persons (staged IINs are
    unique by now); rows with ``gone`` name the region's persons the extract no longer lists
    (``gone`` is their number when the caller knows it: 0 skips that step).
    """
    counts = DiffCounts()
    base = f"""FROM {S} s JOIN {P} p ON p.iin = s.iin
               WHERE s.register_import_id = %s AND s.ok AND p.active"""  # noqa: S608
    # 0. The few persons whose extract row differs from the last one, found in one pass.
    _run(f"DROP TABLE IF EXISTS {D}", [])
    _run(
        f"""CREATE TEMP TABLE {D} AS SELECT p.id AS pid, s.id AS sid, a.id AS apk
            FROM {S} s JOIN {P} p ON p.iin = s.iin
            LEFT JOIN {A} a ON a.address_id = s.address_code
            WHERE s.register_import_id = %s AND s.ok AND p.active
            AND (p.row_hash <> s.row_hash OR p.region_id IS DISTINCT FROM %s)""",  # noqa: S608
        [import_id, region_id],
    )
    pairs = f"FROM {D} d JOIN {P} p ON p.id = d.pid JOIN {S} s ON s.id = d.sid WHERE 1 = 1"  # noqa: S608
    # 1. History of changed fields.
    for field, old, new in COMPARED:
        _run(
            f"""INSERT INTO {CH} ({CH_COLUMNS})
                SELECT p.id, %s, NULL, '{field}', {old}, {new} {pairs}
                AND {old} IS DISTINCT FROM {new}""",  # noqa: S608
            [import_id],
        )
    _run(
        f"""INSERT INTO {CH} ({CH_COLUMNS})
            SELECT p.id, %s, NULL, 'address',
                   (SELECT a.address_id FROM {A} a WHERE a.id = p.address_id),
                   NULLIF(s.address_code, '')
            {pairs} AND p.address_id IS DISTINCT FROM d.apk""",  # noqa: S608
        [import_id],
    )
    _run(
        f"""INSERT INTO {CH} ({CH_COLUMNS})
            SELECT p.id, %s, NULL, 'region', CAST(p.region_id AS TEXT), CAST(%s AS TEXT)
            {pairs} AND p.region_id IS DISTINCT FROM %s""",  # noqa: S608
        [import_id, region_id, region_id],
    )
    counts.changed = _scalar(
        f"SELECT COUNT(DISTINCT person_id) FROM {CH} WHERE register_import_id = %s",  # noqa: S608
        [import_id],
    )
    matched = _scalar(f"SELECT COUNT(*) {base}", [import_id])
    counts.unchanged = matched - counts.changed
    # 2. Bring every differing row up to date (a row whose hash differs but whose fields an
    #    event already brought to the same values only gets its new hash).
    _run(
        f"""UPDATE {P} SET last_name = x.last_name, first_name = x.first_name,
                patronymic = x.patronymic, birth_date = x.birth_date, sex = x.sex,
                citizenship = x.citizenship, address_id = x.apk,
                death_date = x.death_date, incapable = x.incapable, imprisoned = x.imprisoned,
                row_hash = x.row_hash, region_id = %s
            FROM (SELECT d.pid, d.apk, s.* FROM {D} d JOIN {S} s ON s.id = d.sid) x
            WHERE {P}.id = x.pid""",  # noqa: S608
        [region_id],
    )
    _run(f"DROP TABLE IF EXISTS {D}", [])
    _run(
        f"""UPDATE {P} SET last_changed_id = %s WHERE id IN
            (SELECT person_id FROM {CH} WHERE register_import_id = %s)""",  # noqa: S608
        [import_id, import_id],
    )
    # 3. Persons gone from the register before and listed again: back, as added.
    reactivated = _run(
        f"""INSERT INTO {CH} ({CH_COLUMNS})
            SELECT p.id, %s, NULL, 'active', '0', '1' FROM {S} s JOIN {P} p ON p.iin = s.iin
            WHERE s.register_import_id = %s AND s.ok AND NOT p.active""",  # noqa: S608
        [import_id, import_id],
    )
    if reactivated:
        _run(
            f"""UPDATE {P} SET last_name = s.last_name, first_name = s.first_name,
                    patronymic = s.patronymic, birth_date = s.birth_date, sex = s.sex,
                    citizenship = s.citizenship, address_id = {ADDRESS_PK},
                    death_date = s.death_date, incapable = s.incapable,
                    imprisoned = s.imprisoned, row_hash = s.row_hash, region_id = %s,
                    active = %s, last_changed_id = %s
                FROM {S} s
                WHERE s.register_import_id = %s AND s.ok AND s.iin = {P}.iin
                  AND NOT {P}.active""",  # noqa: S608
            [region_id, True, import_id, import_id],
        )
    # 4. New persons.
    inserted = _run(
        f"""INSERT INTO {P} ({P_NEW_COLUMNS})
            SELECT s.iin, s.last_name, s.first_name, s.patronymic, s.birth_date, s.sex,
                s.citizenship, %s, a.id, s.death_date, s.incapable, s.imprisoned, %s,
                s.row_hash, %s, %s
            FROM {S} s LEFT JOIN {A} a ON a.address_id = s.address_code
            WHERE s.register_import_id = %s AND s.ok
              AND NOT EXISTS (SELECT 1 FROM {P} p WHERE p.iin = s.iin)
            ORDER BY s.iin""",  # noqa: S608
        [region_id, True, import_id, import_id, import_id],
    )
    counts.added = inserted + reactivated
    # 5. Persons of this region the extract no longer lists (rows it listed but could not be
    #    read are not "gone": they stay as they were). The reader staged them.
    if gone == 0:
        return counts
    _run(
        f"""INSERT INTO {CH} ({CH_COLUMNS})
            SELECT p.id, %s, NULL, 'active', '1', '0'
            FROM {S} s JOIN {P} p ON p.iin = s.iin
            WHERE s.register_import_id = %s AND s.gone AND p.region_id = %s AND p.active""",  # noqa: S608
        [import_id, import_id, region_id],
    )
    counts.removed = _run(
        f"""UPDATE {P} SET active = %s, last_changed_id = %s WHERE id IN
            (SELECT person_id FROM {CH} WHERE register_import_id = %s AND field = 'active'
             AND new = '0')""",  # noqa: S608
        [False, import_id, import_id],
    )
    return counts


def delete_lines(table: str, *, import_id: int, lines: list[int]) -> None:
    for i in range(0, len(lines), 5000):
        chunk = lines[i : i + 5000]
        marks = ", ".join(["%s"] * len(chunk))
        _run(
            f"DELETE FROM {table} WHERE register_import_id = %s AND line IN ({marks})",  # noqa: S608
            [import_id, *chunk],
        )


def duplicate_address_lines(*, import_id: int) -> list[tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT line, address_code FROM
                  (SELECT line, address_code,
                          ROW_NUMBER() OVER (PARTITION BY address_code ORDER BY line) AS n
                   FROM {SA} WHERE register_import_id = %s) x
                WHERE n > 1 ORDER BY line""",  # noqa: S608
            [import_id],
        )
        return [(int(a), str(b)) for a, b in cursor.fetchall()]


#: Indexes of the staging tables, built after the load and dropped with the rows.
STAGING_INDEXES = (
    ("register_stg_person_iin", S, "register_import_id, iin"),
    ("register_stg_address_code", SA, "register_import_id, address_code"),
)


def index_staging() -> None:
    for name, table, cols in STAGING_INDEXES:
        _run(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})", [])


def drop_staging_indexes() -> None:
    for name, _table, _cols in STAGING_INDEXES:
        _run(f"DROP INDEX IF EXISTS {name}", [])


def analyze_staging() -> None:
    """Index the loaded rows and give PostgreSQL fresh planner statistics (it would otherwise
    plan the diff for the empty tables it last saw)."""
    index_staging()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {S}")  # noqa: S608
            cursor.execute(f"ANALYZE {SA}")  # noqa: S608
            cursor.execute(f"ANALYZE {P}")  # noqa: S608


def clear_staging(*, import_ids: list[int]) -> None:
    """Drop the staged rows of these imports (all rows at once when no other import is
    staging: a national extract's 12 million rows are then a TRUNCATE, not a DELETE)."""
    from ..models import RegisterImport

    others = (
        RegisterImport.objects.exclude(pk__in=import_ids)
        .filter(status__in=[RegisterImport.Status.STAGING, RegisterImport.Status.APPLYING])
        .exists()
    )
    for table in (S, SA):
        if others:
            for i in import_ids:
                _run(f"DELETE FROM {table} WHERE register_import_id = %s", [i])  # noqa: S608
        elif connection.vendor == "postgresql":
            _run(f"TRUNCATE {table}", [])
        else:
            _run(f"DELETE FROM {table}", [])  # noqa: S608 - SQLite truncates a bare DELETE
    drop_staging_indexes()
