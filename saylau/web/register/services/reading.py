"""Reading a registry extract in bulk: polars batches from :func:`saylau.lists.io.read_batches`,
checked column-wise, compared with the register set-wise, staged with COPY.

Per batch of about 160,000 rows nothing runs per row in Python except for the rows that break
a rule (they become rejections with file, line, column and reason):

* the format's rules (dates, codes, flags) come from ``lists.io``'s table of the format; the
  register adds its own (a valid IIN by the law layer's vectorised check, a last and a first
  name, an ISO 3166-1 citizenship code, an address that addresses.csv lists);
* each usable row gets a digest of its values (polars' 64-bit hash of the row's fields);
* a row whose IIN is an active person of the region with the same digest is unchanged: it is
  counted and not staged. Only new, changed and moved persons reach the staging table, so a
  re-import of an unchanged extract stages nothing and a weekly extract stages what changed.
* at the end, IINs listed twice (the first line wins) and the region's persons no longer
  listed ("gone") are found with one sort and one anti-join of the IINs seen.

Polars does not promise the same hash across its versions: after an upgrade that changes it,
every row of the next import looks changed, is staged and compared field by field in SQL
(:func:`.diff.apply_persons`), which still counts only real changes; it is slower once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from saylau.law.iin import iin_status_vector
from saylau.lists.io import ADDRESSES, PERSONS, Batch, read_batches
from saylau.lists.io.limits import MAX_INT32, text_problem

from ..models import StagingAddress, StagingPerson
from .extract import Rejection, RowError, limit_code, parse_iin_value
from .sqlnames import table
from .staging import ADDRESS_TEXT, PERSON_TEXT, write_staging
from .text_limits import (
    ADDRESS_LIMITS,
    PERSON_LIMITS,
    first_over_limit,
    limit_rejection,
    over_limit,
)

#: Seed of the row digest (any fixed value; changing it re-stages every person once).
DIGEST_SEED = 20261126
PERSONS_FILE = PERSONS.path
ADDRESSES_FILE = ADDRESSES.path

Reject = Callable[[Rejection], None]
Tick = Callable[[int], None]


def stage_addresses(directory: Path, import_id: int, reject: Reject, tick: Tick) -> pl.Series:
    """Stage registry/addresses.csv; returns the sorted address ids it lists (usable rows)."""
    codes: list[pl.Series] = []
    for batch in read_batches(directory, ADDRESSES, name=ADDRESSES_FILE):
        for p in batch.problems:
            reject(Rejection(ADDRESSES_FILE, p.line, p.column, p.message, p.code, p.params))
        f = batch.frame
        no_district = f["problem"].is_null() & f["district_code"].str.strip_chars().is_in(
            ["", None]
        ).fill_null(True)
        for line in f.filter(no_district)["line"]:
            reject(
                Rejection(
                    ADDRESSES_FILE,
                    line,
                    "district_code",
                    "the district code is empty",
                    "value_empty",
                )
            )
        f = f.with_columns(
            pl.when(pl.col("problem").is_null() & ~no_district)
            .then(first_over_limit(ADDRESS_LIMITS))
            .alias("limit"),
            pl.when(pl.col("problem").is_null() & ~no_district)
            .then(
                pl.col("precinct_no").is_not_null()
                & ~pl.col("precinct_no").is_between(1, MAX_INT32)
            )
            .otherwise(False)
            .alias("bad_no"),
        )
        for row in f.filter(pl.col("limit").is_not_null() | pl.col("bad_no")).iter_rows(named=True):
            reject(limit_rejection(ADDRESSES_FILE, row, ADDRESS_LIMITS))
        ok = (
            pl.col("problem").is_null()
            & ~no_district
            & pl.col("limit").is_null()
            & ~pl.col("bad_no")
        )
        rows = f.filter(ok).select(
            pl.lit(import_id, dtype=pl.Int64).alias("register_import_id"),
            "line",
            pl.col("address_id").alias("address_code"),
            *(
                pl.col(c).str.strip_chars().fill_null("").alias(c)
                for c in ("district_code", "locality", "street", "house", "flat")
            ),
            "precinct_no",
        )
        write_staging(table(StagingAddress), rows, ADDRESS_TEXT)
        codes.append(rows["address_code"])
        tick(batch.bytes_read)
    return pl.concat(codes).sort() if codes else pl.Series(dtype=pl.String)


#: What became of each readable row of persons.csv (``PersonStager.seen``).
UNCHANGED, STAGED, KEPT = 0, 1, 2


@dataclass
class PersonTally:
    unchanged: int = 0  # rows equal to the register, not staged
    staged: int = 0
    duplicate_lines: list[int] = field(default_factory=list)  # staged lines to drop
    gone: int = 0
    listed: int = 0  # rows whose IIN could be read (the persons the extract names)


class PersonStager:
    """Checks persons.csv batch by batch and stages the rows that may change the register."""

    def __init__(
        self,
        *,
        import_id: int,
        known: pl.DataFrame,
        address_codes: pl.Series,
        reject: Reject,
    ) -> None:
        self.import_id = import_id
        self.known = known
        self.address_codes = address_codes
        self.reject = reject
        self.seen: list[pl.DataFrame] = []
        self.tally = PersonTally()

    def run(self, directory: Path, tick: Tick) -> PersonTally:
        for batch in read_batches(directory, PERSONS, name=PERSONS_FILE):
            self.add(batch)
            tick(batch.bytes_read)
        return self.finish()

    def add(self, batch: Batch) -> None:
        f = self._checked(batch)
        usable = f.filter(pl.col("problem").is_null())
        hashed = usable.with_columns(
            pl.col("iin").cast(pl.Int64).alias("iin_n"), _digest().alias("digest")
        )
        same = self._same_as_known(hashed["iin_n"], hashed["digest"])
        staged = hashed.filter(~same)
        write_staging(table(StagingPerson), self._staging_rows(staged), PERSON_TEXT)
        self.tally.staged += staged.height
        kept = f.filter(pl.col("problem").is_not_null() & (pl.col("problem") != "iin"))
        self.seen.append(
            pl.concat(
                [
                    hashed.select(
                        pl.col("iin_n").alias("iin"),
                        "line",
                        pl.when(same).then(UNCHANGED).otherwise(STAGED).cast(pl.UInt8).alias("s"),
                    ),
                    kept.select(
                        pl.col("iin").cast(pl.Int64).alias("iin"),
                        "line",
                        pl.lit(KEPT, dtype=pl.UInt8).alias("s"),
                    ),
                ]
            )
        )

    def _checked(self, batch: Batch) -> pl.DataFrame:
        """The batch with ``problem`` extended by the register's own rules; rejects bad rows.

        A row whose IIN is unusable is dropped; a row with a usable IIN and another bad value
        keeps its person as they are (listed, so not gone, but not changed either).
        """
        f = batch.frame
        status = iin_status_vector(f["iin"].fill_null("").to_list())
        f = f.with_columns(
            pl.Series("iin_status", list(status), dtype=pl.UInt8),
            *(
                pl.col(c).str.strip_chars().fill_null("")
                for c in ("last_name", "first_name", "patronymic", "address_id")
            ),
            pl.col("citizenship").fill_null(""),
        )
        extra = {
            "iin": pl.col("iin_status") != 0,
            "last_name": (pl.col("last_name") == "") | over_limit("last_name", 100),
            "first_name": (pl.col("first_name") == "") | over_limit("first_name", 100),
            "patronymic": over_limit("patronymic", 100),
            "citizenship": ~pl.col("citizenship").str.contains("^[A-Z]{2}$"),
            "address_id": over_limit("address_id", 64),
        }
        chain: pl.Expr = pl.lit(None, dtype=pl.String)
        for column in reversed(
            list(PERSONS.columns)
        ):  # the first bad column, in the format's order
            bad = pl.col("problem") == column
            if column in extra:
                bad = bad | extra[column]
            chain = pl.when(bad.fill_null(False)).then(pl.lit(column)).otherwise(chain)
        f = f.with_columns(chain.alias("problem"))
        codes = self.address_codes
        unknown = f["address_id"] != ""
        if codes.len():
            found = codes.gather(codes.search_sorted(f["address_id"]).clip(0, codes.len() - 1))
            unknown = unknown & (found != f["address_id"])
        f = f.with_columns(
            pl.when(pl.col("problem").is_null() & unknown)
            .then(pl.lit("address_id"))
            .otherwise(pl.col("problem"))
            .alias("problem")
        )
        self._report(f, batch)
        return f.filter(pl.col("problem").is_null() | (pl.col("problem") != "iin")).drop(
            "iin_status"
        )

    def _report(self, f: pl.DataFrame, batch: Batch) -> None:
        """One rejection per bad row: the format's message where ``lists.io`` found the fault,
        the register's own otherwise; rows of the wrong width as ``lists.io`` found them."""
        given = {p.line: p for p in batch.problems}
        found: list[Rejection] = [
            Rejection(PERSONS_FILE, p.line, p.column, p.message, p.code, p.params)
            for p in batch.problems
            if not p.column  # the wrong number of fields: not in the frame
        ]
        bad = f.filter(pl.col("problem").is_not_null())
        bad = bad.select(
            "line",
            "problem",
            "iin",
            "citizenship",
            "address_id",
            *PERSON_LIMITS.keys() - {"address_id"},
        )
        for row in bad.iter_rows(named=True):
            line, column, iin = row["line"], row["problem"], row["iin"]
            cit, address = row["citizenship"], row["address_id"]
            p = given.get(line)
            limit = (
                text_problem(str(row[column] or ""), max_length=PERSON_LIMITS[column])
                if column in PERSON_LIMITS
                else None
            )
            code, params = "", dict[str, Any]()
            if p is not None and p.column == column:
                reason, code, params = p.message, p.code, p.params
            elif column == "iin":
                reason = _iin_reason(iin)
                code, params = "invalid_iin", {"value": str(iin or "")[:40]}
            elif limit is not None:
                reason = f"the {column.replace('_', ' ')} {limit}"
                code, params = limit_code(str(row[column] or ""), PERSON_LIMITS[column])
            elif column in ("last_name", "first_name"):
                reason = f"the {column.replace('_', ' ')} is empty"
                code = "value_empty"
            elif column == "citizenship":
                reason = f"{cit!r} is not an ISO 3166-1 alpha-2 code"
                code, params = "not_a_country", {"value": str(cit or "")[:40]}
            else:
                reason = f"address {address} is not in {ADDRESSES_FILE}"
                code, params = "address_not_listed", {"address": str(address or "")[:40]}
            found.append(Rejection(PERSONS_FILE, line, column, reason, code, params))
        for r in sorted(found, key=lambda r: r.line):
            self.reject(r)

    def _same_as_known(self, iins: pl.Series, digests: pl.Series) -> pl.Series:
        """True where the IIN is an active person of the region with the same digest."""
        known = self.known
        if known.is_empty() or iins.is_empty():
            return pl.Series([False] * iins.len(), dtype=pl.Boolean)
        where = known["iin"].search_sorted(iins).clip(0, known.height - 1)
        return (
            (known["iin"].gather(where) == iins)
            & (known["digest"].gather(where) == digests).fill_null(False)
        ).rename("same")

    def _staging_rows(self, f: pl.DataFrame, *, ok: bool = True) -> pl.DataFrame:
        return f.select(
            pl.lit(self.import_id, dtype=pl.Int64).alias("register_import_id"),
            "line",
            pl.lit(ok).alias("ok"),
            pl.lit(False).alias("gone"),
            "iin",
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "sex",
            "citizenship",
            pl.col("address_id").alias("address_code"),
            "death_date",
            "incapable",
            "imprisoned",
            pl.col("digest").cast(pl.String).alias("row_hash"),
        )

    def finish(self) -> PersonTally:
        """Duplicated IINs (the first line wins) and the persons gone from the region."""
        seen = (
            pl.concat(self.seen)
            if self.seen
            else pl.DataFrame(schema={"iin": pl.Int64, "line": pl.Int64, "s": pl.UInt8})
        )
        self.seen = []
        self.tally.listed = seen.height
        later = seen.filter(~pl.col("iin").is_first_distinct())
        for line, iin, state in later.select("line", "iin", "s").iter_rows():
            if state != KEPT:  # a row already rejected for another column is not reported twice
                text = str(iin).zfill(12)
                self.reject(
                    Rejection(
                        PERSONS_FILE,
                        line,
                        "iin",
                        f"IIN {text} is listed twice",
                        "iin_listed_twice",
                        {"iin": text},
                    )
                )
        self.tally.duplicate_lines = later.filter(pl.col("s") == STAGED)["line"].to_list()
        first = seen.filter(pl.col("iin").is_first_distinct())
        self.tally.unchanged = int((first["s"] == UNCHANGED).sum())
        gone = self.known.select("iin").join(first.select("iin"), on="iin", how="anti")
        self.tally.gone = gone.height
        write_staging(
            table(StagingPerson),
            gone.select(
                pl.lit(self.import_id, dtype=pl.Int64).alias("register_import_id"),
                pl.lit(0, dtype=pl.Int64).alias("line"),
                pl.lit(False).alias("ok"),
                pl.lit(True).alias("gone"),
                pl.col("iin").cast(pl.String).str.zfill(12).alias("iin"),
                *(pl.lit("").alias(c) for c in ("last_name", "first_name", "patronymic")),
                pl.lit(None, dtype=pl.Date).alias("birth_date"),
                *(pl.lit("").alias(c) for c in ("sex", "citizenship", "address_code")),
                pl.lit(None, dtype=pl.Date).alias("death_date"),
                pl.lit(False).alias("incapable"),
                pl.lit(False).alias("imprisoned"),
                pl.lit("").alias("row_hash"),
            ),
            PERSON_TEXT,
        )
        return self.tally


def _iin_reason(value: str | None) -> str:
    """The law layer's reason in words (only for the rare invalid IIN)."""
    try:
        parse_iin_value(value or "")
    except RowError as exc:
        return exc.reason
    return f"invalid IIN {value!r}"


def _digest() -> pl.Expr:
    """polars' 64-bit hash of the row's values, as the register stores them."""
    return pl.concat_str(
        [
            pl.col("last_name"),
            pl.col("first_name"),
            pl.col("patronymic"),
            pl.col("birth_date").cast(pl.String).fill_null(""),
            pl.col("sex"),
            pl.col("citizenship"),
            pl.col("address_id"),
            pl.col("death_date").cast(pl.String).fill_null(""),
            pl.col("incapable").cast(pl.UInt8).cast(pl.String),
            pl.col("imprisoned").cast(pl.UInt8).cast(pl.String),
        ],
        separator="\x1f",
    ).hash(seed=DIGEST_SEED)
