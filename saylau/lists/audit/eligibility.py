"""Checks of the right to vote (Constitution Art. 33 p. 2-3; election law Art. 4), decided
on the registry person a list line's IIN names, as :func:`saylau.law.eligibility.voter_reasons`
decides them:

* ``DECEASED``: the registry records a death before election day (the format's words; a death
  on the day itself counts too with ``dead_on_election_day_is_deceased``, the law layer's
  reading, see :mod:`.prepare`);
* ``UNDERAGE``: not 18 on election day (born after it, too);
* ``NOT_CITIZEN``: registry citizenship other than ``KZ``;
* ``INCAPABLE``: declared legally incapable by a court;
* ``IMPRISONED``: held in a place of deprivation of liberty by a court sentence;
* ``MISSING_VOTER``: an eligible registry person whose IIN is on no list line at all (a
  voter staying in a special precinct is listed there, so is not missing).

A line whose IIN is invalid or not in the registry gets none of these: the identity checks
report it.
"""

from __future__ import annotations

import polars as pl

from .model import evidence_json, make_findings, one_line
from .prepare import Prepared

__all__ = [
    "deceased",
    "imprisoned",
    "incapable",
    "missing_voter",
    "not_citizen",
    "underage",
]


def _text(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.String)


def _registered(p: Prepared) -> pl.DataFrame:
    return p.lines.filter(pl.col("in_registry"))


def deceased(p: Prepared) -> pl.DataFrame:
    rows = _registered(p).filter(~pl.col("reg_is_alive"))
    return make_findings(
        rows,
        "DECEASED",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.format("Listed voter died on {} (registry)", _text("reg_death_date")),
        evidence=evidence_json(death_date=_text("reg_death_date")),
    )


def underage(p: Prepared) -> pl.DataFrame:
    rows = _registered(p).filter(~pl.col("reg_is_adult"))
    return make_findings(
        rows,
        "UNDERAGE",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.format(
            "Listed voter born on {} turns 18 on {}, after election day",
            _text("reg_birth_date"),
            _text("reg_adult_on"),
        ),
        evidence=evidence_json(
            birth_date=_text("reg_birth_date"), turns_18_on=_text("reg_adult_on")
        ),
    )


def not_citizen(p: Prepared) -> pl.DataFrame:
    rows = _registered(p).filter(~pl.col("reg_is_citizen"))
    return make_findings(
        rows,
        "NOT_CITIZEN",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.format(
            "Listed voter is not a citizen of Kazakhstan (registry citizenship {})",
            pl.col("reg_citizenship").fill_null("(empty)"),
        ),
        evidence=evidence_json(citizenship=pl.col("reg_citizenship")),
    )


def incapable(p: Prepared) -> pl.DataFrame:
    rows = _registered(p).filter(pl.col("reg_incapable"))
    return make_findings(
        rows,
        "INCAPABLE",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.lit("Listed voter is declared legally incapable by a court (registry)"),
        evidence=evidence_json(incapable=pl.lit(True)),
    )


def imprisoned(p: Prepared) -> pl.DataFrame:
    rows = _registered(p).filter(pl.col("reg_imprisoned"))
    return make_findings(
        rows,
        "IMPRISONED",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.lit(
            "Listed voter is held in a place of deprivation of liberty by a court sentence"
            " (registry)"
        ),
        evidence=evidence_json(imprisoned=pl.lit(True)),
    )


def missing_voter(p: Prepared) -> pl.DataFrame:
    listed = p.lines.filter(pl.col("iin").is_not_null()).select("iin").unique()
    # A holder of an absentee certificate (the application's record, column ``absentee``)
    # votes wherever they present it: off or on any list, never missing.
    has = "absentee" in p.persons.columns
    holder = pl.col("absentee").fill_null(False) if has else pl.lit(False)
    rows = (
        p.persons.filter(pl.col("eligible") & ~holder)
        .join(listed, on="iin", how="anti")
        .join(p.addresses, on="address_id", how="left")
    )
    return make_findings(
        rows,
        "MISSING_VOTER",
        iins=pl.concat_list("iin"),
        message=pl.format(
            "Eligible voter {} {} (registry address {}) is on no voter list",
            pl.col("last_name").fill_null(""),
            pl.col("first_name").fill_null(""),
            pl.col("address_id").fill_null("(none)"),
        ),
        evidence=evidence_json(
            address_id=pl.col("address_id"), address_precinct_no=pl.col("precinct_no")
        ),
    )
