"""The stored register as the audit engine's input frames, read in bulk (no per-row ORM).

On PostgreSQL each table is one ``COPY (SELECT ...) TO STDOUT`` read straight into polars;
on SQLite (development, tests) one cursor fetch. Columns and types are those
:class:`saylau.lists.audit.AuditInputs` names, with ``district_code`` added to addresses and
precincts so that findings can be placed in a district.

List lines come from the compiled voter lists of an election: the main list's lines keep
their numbers, the additional list's (election day) are numbered from
:data:`ADDITIONAL_OFFSET` so that a line is still one ``(precinct_no, line_no)``.

The audit knows the rest of the system from its records, not from who is absent from a
list: each line carries its ``basis`` (residence, a stay in a special precinct, an absentee
certificate, proof of residence on election day), and each person whether they hold an
``absentee`` certificate for the election; :mod:`saylau.lists.audit` then reports no
MISSING_VOTER for a certificate holder, no WRONG_PRECINCT for a line that is not there by
residence, and no DUPLICATE_IIN for a holder's line on the additional list. Voting at home
(the portable box) changes no list: its voters stay on their home list.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection

from saylau.lists.audit import AuditInputs
from saylau.web.register.models import AbsenteeCertificate, Person, VoterList, VoterListEntry
from saylau.web.territory.models import Address, District, Precinct

#: Lines of the additional list are numbered from here (1,000,001 is its first line).
ADDITIONAL_OFFSET = 1_000_000

TEXT, INT, DATE, FLAG = "text", "int", "date", "flag"

PERSON_COLUMNS: dict[str, str] = {
    "iin": TEXT,
    "last_name": TEXT,
    "first_name": TEXT,
    "patronymic": TEXT,
    "birth_date": DATE,
    "sex": TEXT,
    "citizenship": TEXT,
    "address_id": TEXT,
    "death_date": DATE,
    "incapable": FLAG,
    "imprisoned": FLAG,
}
ADDRESS_COLUMNS = {"address_id": TEXT, "precinct_no": INT, "district_code": TEXT}
PRECINCT_COLUMNS = {"precinct_no": INT, "kind": TEXT, "district_code": TEXT}
LINE_COLUMNS = {
    "precinct_no": INT,
    "line_no": INT,
    "iin": TEXT,
    "last_name": TEXT,
    "first_name": TEXT,
    "patronymic": TEXT,
    "birth_date": DATE,
    "address_id": TEXT,
    "basis": TEXT,
}


def _t(model: Any) -> str:
    return str(model._meta.db_table)


def _typed(frame: pl.DataFrame, columns: Mapping[str, str]) -> pl.DataFrame:
    exprs = []
    for name, kind in columns.items():
        col = pl.col(name).cast(pl.String)
        if kind == INT:
            exprs.append(col.cast(pl.Int64).alias(name))
        elif kind == DATE:
            exprs.append(col.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False).alias(name))
        elif kind == FLAG:
            exprs.append(col.is_in(["1", "t", "true", "True"]).alias(name))
        else:
            exprs.append(pl.when(col == "").then(None).otherwise(col).alias(name))
    return frame.select(exprs)


def query_frame(sql: str, columns: Mapping[str, str]) -> pl.DataFrame:
    """Run ``sql`` (its select list in the order of ``columns``; no parameters: callers put
    integer ids in it) and return a typed frame."""
    names = list(columns)
    if connection.vendor == "postgresql":
        buf = io.BytesIO()
        connection.ensure_connection()
        raw = connection.connection
        with raw.cursor() as cur, cur.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buf.write(block)
        if buf.tell() == 0:
            frame = pl.DataFrame(schema=dict.fromkeys(names, pl.String))
        else:
            buf.seek(0)
            frame = pl.read_csv(
                buf,
                has_header=False,
                new_columns=names,
                infer_schema=False,
            )
    else:
        with connection.cursor() as cur:
            cur.execute(sql)
            rows: Sequence[Any] = cur.fetchall()
        frame = pl.DataFrame(
            [[None if v is None else str(v) for v in row] for row in rows],
            schema=dict.fromkeys(names, pl.String),
            orient="row",
        )
    return _typed(frame, columns)


def persons_frame(region_id: int) -> pl.DataFrame:
    p, a = _t(Person), _t(Address)
    sql = (
        f"SELECT p.iin, p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex, "  # noqa: S608 - integer ids only
        f"p.citizenship, a.address_id, p.death_date, "
        f"CASE WHEN p.incapable THEN 1 ELSE 0 END, CASE WHEN p.imprisoned THEN 1 ELSE 0 END "
        f"FROM {p} p LEFT JOIN {a} a ON a.id = p.address_id "
        f"WHERE p.region_id = {int(region_id)} AND p.active"
    )
    return query_frame(sql, PERSON_COLUMNS)


def addresses_frame(region_id: int) -> pl.DataFrame:
    a, d, pr = _t(Address), _t(District), _t(Precinct)
    sql = (
        f"SELECT a.address_id, pr.number, d.code FROM {a} a "  # noqa: S608 - integer ids only
        f"JOIN {d} d ON d.id = a.district_id LEFT JOIN {pr} pr ON pr.id = a.precinct_id "
        f"WHERE d.region_id = {int(region_id)}"
    )
    return query_frame(sql, ADDRESS_COLUMNS)


def precincts_frame(region_id: int) -> pl.DataFrame:
    d, pr = _t(District), _t(Precinct)
    sql = (
        f"SELECT pr.number, pr.kind, d.code FROM {pr} pr "  # noqa: S608 - integer ids only
        f"JOIN {d} d ON d.id = pr.district_id WHERE pr.region_id = {int(region_id)}"
    )
    return query_frame(sql, PRECINCT_COLUMNS)


def lines_frame(region_id: int, election_id: int) -> pl.DataFrame:
    e, vl, pr, p, a = _t(VoterListEntry), _t(VoterList), _t(Precinct), _t(Person), _t(Address)
    main = VoterListEntry.Part.MAIN.value
    sql = (
        f"SELECT pr.number, CASE WHEN e.part = '{main}' THEN e.number "  # noqa: S608 - constants and integer ids only
        f"ELSE {ADDITIONAL_OFFSET} + e.number END, "
        f"p.iin, p.last_name, p.first_name, p.patronymic, p.birth_date, a.address_id, e.basis "
        f"FROM {e} e JOIN {vl} vl ON vl.id = e.voter_list_id "
        f"JOIN {pr} pr ON pr.id = vl.precinct_id JOIN {p} p ON p.id = e.person_id "
        f"LEFT JOIN {a} a ON a.id = p.address_id "
        f"WHERE vl.election_id = {int(election_id)} AND pr.region_id = {int(region_id)}"
    )
    return query_frame(sql, LINE_COLUMNS)


def certificate_holders(region_id: int, election_id: int) -> pl.DataFrame:
    """IINs of the region's people holding an absentee certificate for the election."""
    c, p = _t(AbsenteeCertificate), _t(Person)
    sql = (
        f"SELECT p.iin FROM {c} c JOIN {p} p ON p.id = c.person_id "  # noqa: S608 - integer ids only
        f"WHERE c.election_id = {int(election_id)} AND p.region_id = {int(region_id)}"
    )
    return query_frame(sql, {"iin": TEXT})


def with_certificates(persons: pl.DataFrame, holders: pl.DataFrame) -> pl.DataFrame:
    """``persons`` with ``absentee``: the person holds an absentee certificate."""
    held = holders.select("iin").unique().with_columns(pl.lit(True).alias("absentee"))
    joined = persons.join(held, on="iin", how="left", maintain_order="left")
    return joined.with_columns(pl.col("absentee").fill_null(False))


def empty_lines() -> pl.DataFrame:
    return _typed(pl.DataFrame(schema=dict.fromkeys(LINE_COLUMNS, pl.String)), LINE_COLUMNS)


def register_inputs(region_id: int, *, election_id: int | None) -> AuditInputs:
    """The region's stored register (and, with an election, its compiled lists and who
    holds an absentee certificate for it)."""
    persons = persons_frame(region_id)
    if election_id is not None:
        persons = with_certificates(persons, certificate_holders(region_id, election_id))
    return AuditInputs(
        persons=persons,
        addresses=addresses_frame(region_id),
        precincts=precincts_frame(region_id),
        lines=lines_frame(region_id, election_id) if election_id is not None else empty_lines(),
    )


@dataclass(frozen=True)
class Places:
    """The region's districts and precincts by code and number (few rows: loaded whole)."""

    district_by_code: dict[str, int]
    precinct_by_no: dict[int, tuple[int, int]]  # number -> (precinct id, district id)

    @classmethod
    def of_region(cls, region_id: int) -> Places:
        return cls(
            district_by_code=dict(
                District.objects.filter(region_id=region_id).values_list("code", "id")
            ),
            precinct_by_no={
                n: (pk, d)
                for n, pk, d in Precinct.objects.filter(region_id=region_id).values_list(
                    "number", "id", "district_id"
                )
            },
        )
