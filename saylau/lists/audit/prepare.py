"""The audit's working tables: list lines joined to the registry, persons with eligibility.

Eligibility follows :func:`saylau.law.eligibility.voter_reasons` (Constitution Art. 33;
election law Art. 4): a citizen (``KZ``), 18 or older on election day, alive on that day (a
death recorded on or before election day makes a person no voter), neither declared
incapable by a court nor held in a place of deprivation of liberty by a sentence.

Who died *on* election day is a point the sources leave open: the format (DECEASED: "a death
before the election date"; eligible: "alive on that date") counts such a person as a voter,
``saylau.law.eligibility.voter_reasons`` does not (``died_on <= election_day``). The format
is the contract the audit honours, so the default follows it; the law layer's reading is
``AuditConfig(dead_on_election_day_is_deceased=True)``. UNCONFIRMED either way. The age
rule: a person is 18 from the 18th anniversary of birth; one born on 29 February reaches it
on 28 February of a common year (``feb28``, the law layer's default) or on 1 March
(``mar1``), as configured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from saylau.law.eligibility import VOTING_AGE
from saylau.lists.iin import with_iin_columns
from saylau.lists.names import canonical_patronymic_expr, fold_expr, map_distinct

from .model import AuditConfig, AuditInputs, day

__all__ = ["Prepared", "anniversary_expr", "prepare"]


def anniversary_expr(born: pl.Expr, years: int, *, feb29: str) -> pl.Expr:
    """The date a person born on ``born`` reaches ``years`` of age (see the module doc)."""
    year = born.dt.year().cast(pl.Int32) + years
    month = born.dt.month().cast(pl.Int32)
    dom = born.dt.day().cast(pl.Int32)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    lost = (month == 2) & (dom == 29) & ~leap
    if feb29 == "feb28":
        return pl.date(year, month, pl.when(lost).then(28).otherwise(dom))
    return pl.date(
        year, pl.when(lost).then(3).otherwise(month), pl.when(lost).then(1).otherwise(dom)
    )


@dataclass(frozen=True)
class Prepared:
    """``lines``: every list line with its IIN decoded, its registry person (``reg_*``
    columns, null when none) and its precinct's kind; ``persons``: the registry, one row per
    IIN, with eligibility columns; ``addresses``: address_id -> precinct_no."""

    lines: pl.DataFrame
    persons: pl.DataFrame
    addresses: pl.DataFrame
    precincts: pl.DataFrame
    election_date: date
    config: AuditConfig
    address_voters: pl.DataFrame  # address_id -> voters: eligible registry persons there


def _optional(frame: pl.DataFrame, column: str) -> pl.Expr:
    """An optional text column of the application's frames (null where not given)."""
    if column in frame.columns:
        return pl.col(column).cast(pl.String)
    return pl.lit(None, dtype=pl.String).alias(column)


def _first_per(frame: pl.DataFrame, key: str) -> pl.DataFrame:
    """One row per ``key`` (the first), so that joins never multiply list lines."""
    if frame[key].n_unique() == frame.height:
        return frame
    return frame.unique(key, keep="first", maintain_order=True)


def _persons(inputs: AuditInputs, election: date, config: AuditConfig) -> pl.DataFrame:
    persons = _first_per(inputs.persons, "iin")
    born = pl.col("birth_date")
    adult_on = anniversary_expr(born, VOTING_AGE, feb29=config.feb29)
    died = pl.col("death_date")
    alive_after = (
        died > day(election) if config.dead_on_election_day_is_deceased else died >= day(election)
    )
    return (
        with_iin_columns(persons, "iin", prefix="p_iin_")
        .with_columns(
            pl.coalesce("birth_date", "p_iin_birth_date").alias("birth_date"),
        )
        .with_columns(
            (pl.col("citizenship").cast(pl.String).str.strip_chars().str.to_uppercase() == "KZ")
            .fill_null(False)
            .alias("is_citizen"),
            adult_on.alias("adult_on"),
            (adult_on <= day(election)).fill_null(True).alias("is_adult"),
            (pl.col("death_date").is_null() | alive_after).alias("is_alive"),
        )
        .with_columns(
            (
                pl.col("is_citizen")
                & pl.col("is_adult")
                & pl.col("is_alive")
                & ~pl.col("incapable")
                & ~pl.col("imprisoned")
            ).alias("eligible"),
        )
    )


def with_name_keys(frame: pl.DataFrame, prefix: str = "") -> pl.DataFrame:
    """Folded last and first names and the canonical patronymic (null -> empty)."""
    specs = (
        ("last_name", "last_fold", _folded),
        ("first_name", "first_fold", _folded),
        ("patronymic", "pat_canon", _canonical),
    )
    for source, target, fn in specs:
        frame = map_distinct(frame, f"{prefix}{source}", fn, f"{prefix}{target}")
    return frame


def _folded(col: pl.Expr) -> pl.Expr:
    return fold_expr(col).fill_null("")


def _canonical(col: pl.Expr) -> pl.Expr:
    return canonical_patronymic_expr(col).fill_null("")


def prepare(inputs: AuditInputs, *, election_date: date, config: AuditConfig) -> Prepared:
    """Join and decode everything the checks share, once."""
    persons = _persons(inputs, election_date, config)
    # Address ids compare with the registry's, whether text or categorical.
    address_id = pl.col("address_id").cast(persons.schema["address_id"])
    addresses = _first_per(
        inputs.addresses.select(address_id, pl.col("precinct_no").cast(pl.Int64)), "address_id"
    )
    district = (
        pl.col("district_code")
        if "district_code" in inputs.precincts.columns
        else pl.lit(None, dtype=pl.String).alias("district_code")
    )
    precincts = _first_per(
        inputs.precincts.select(pl.col("precinct_no").cast(pl.Int64), "kind", district),
        "precinct_no",
    )
    reg = persons.select(
        "iin",
        *(
            pl.col(c).alias(f"reg_{c}")
            for c in (
                "last_name",
                "first_name",
                "patronymic",
                "birth_date",
                "sex",
                "address_id",
                "death_date",
                "citizenship",
                "incapable",
                "imprisoned",
                "is_citizen",
                "is_adult",
                "is_alive",
                "adult_on",
                "eligible",
            )
        ),
        pl.lit(True).alias("in_registry"),
    )
    # ``row`` identifies a line; given when the caller audits the lines part by part.
    given_row = "row" in inputs.lines.columns
    lines = (
        inputs.lines.select(
            *(["row"] if given_row else []),
            pl.col("precinct_no").cast(pl.Int64),
            pl.col("line_no").cast(pl.Int64),
            "iin",
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "address_id",
            _optional(inputs.lines, "basis"),
        )
        .pipe(lambda f: f if given_row else f.with_row_index("row"))
        .pipe(with_iin_columns, "iin", today=election_date)
        .with_columns(pl.when(pl.col("iin_error").is_null()).then(pl.col("iin")).alias("_key"))
        .join(reg, left_on="_key", right_on="iin", how="left", coalesce=True)
        .drop("_key")
        .with_columns(pl.col("in_registry").fill_null(False))
        .join(
            precincts.rename({"kind": "precinct_kind", "district_code": "precinct_district"}),
            on="precinct_no",
            how="left",
        )
        .join(
            addresses.rename(
                {"address_id": "reg_address_id", "precinct_no": "reg_address_precinct"}
            ),
            on="reg_address_id",
            how="left",
        )
    )
    # Row order does not matter to any check (findings are sorted at the end); ``row`` is an id.
    lines = with_name_keys(with_name_keys(lines), "reg_")
    address_voters = (
        persons.filter(pl.col("eligible") & pl.col("address_id").is_not_null())
        .group_by("address_id")
        .agg(pl.len().alias("voters"))
    )
    return Prepared(lines, persons, addresses, precincts, election_date, config, address_voters)
