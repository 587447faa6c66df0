"""Checks of where voters are listed and registered.

* ``WRONG_PRECINCT``: a line in an ordinary precinct whose voter's registered address (the
  registry's, not the list's) lies in another precinct's boundary (election law Art. 23-24:
  a voter is listed at the precinct of residence). Lines in ``special`` precincts (hospitals,
  military units, pastures, detention) and ``abroad`` are exempt: their voters are listed at
  the place of stay.
* ``OVERCROWDED_ADDRESS`` ("rubber flat"): at least ``overcrowded_min_voters`` eligible voters
  registered at one dwelling (:data:`saylau.lists.rules.OVERCROWDED_ADDRESS_MIN_VOTERS`, an
  analyst's threshold, UNCONFIRMED as any official rule).
* ``PRECINCT_OVER_CAPACITY``: a list longer than ``precinct_max_voters``
  (:data:`saylau.lists.rules.PRECINCT_MAX_VOTERS`, 3,000, UNCONFIRMED: art. 23 from memory).
* ``ADDRESS_WITHOUT_PRECINCT``: a registry address with eligible voters that no precinct
  boundary covers (no akim decision assigns it; an address persons.csv names but
  addresses.csv lacks is covered by none either).
"""

from __future__ import annotations

import polars as pl

from .model import evidence_json, make_findings, one_line
from .prepare import Prepared

__all__ = [
    "address_without_precinct",
    "overcrowded_address",
    "precinct_over_capacity",
    "wrong_precinct",
]


def wrong_precinct(p: Prepared) -> pl.DataFrame:
    # A line that is there by another right than residence (the application's ``basis``: an
    # absentee certificate, a stay in a special precinct, proof of residence on election day)
    # is not listed by its registered address.
    rows = p.lines.filter(
        pl.col("in_registry")
        & (pl.col("basis").fill_null("residence") == "residence")
        & (pl.col("precinct_kind").fill_null("ordinary") == "ordinary")
        & pl.col("reg_address_precinct").is_not_null()
        & (pl.col("reg_address_precinct") != pl.col("precinct_no"))
    )
    return make_findings(
        rows,
        "WRONG_PRECINCT",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.format(
            "Listed at precinct {} but the registered address {} belongs to precinct {}",
            pl.col("precinct_no"),
            pl.col("reg_address_id"),
            pl.col("reg_address_precinct"),
        ),
        evidence=evidence_json(
            listed_precinct_no=pl.col("precinct_no"),
            registered_address_id=pl.col("reg_address_id"),
            address_precinct_no=pl.col("reg_address_precinct"),
        ),
    )


def _eligible_per_address(p: Prepared) -> pl.DataFrame:
    return p.address_voters


def overcrowded_address(p: Prepared) -> pl.DataFrame:
    limit = p.config.overcrowded_min_voters
    rows = _eligible_per_address(p).filter(pl.col("voters") >= limit).sort("address_id")
    return make_findings(
        rows,
        "OVERCROWDED_ADDRESS",
        address_id=pl.col("address_id"),
        message=pl.format(
            "{} eligible voters are registered at address {} (threshold {})",
            pl.col("voters"),
            pl.col("address_id"),
            pl.lit(limit),
        ),
        evidence=evidence_json(
            count=pl.col("voters"),
            rule=pl.lit(
                f"at least {limit} eligible voters registered at one dwelling"
                " (OVERCROWDED_ADDRESS_MIN_VOTERS; an analyst's threshold, UNCONFIRMED)"
            ),
        ),
    )


def precinct_over_capacity(p: Prepared) -> pl.DataFrame:
    limit = p.config.precinct_max_voters
    rows = (
        p.lines.group_by("precinct_no")
        .agg(pl.len().alias("voters"))
        .filter(pl.col("voters") > limit)
        .sort("precinct_no")
    )
    return make_findings(
        rows,
        "PRECINCT_OVER_CAPACITY",
        precinct_no=pl.col("precinct_no"),
        message=pl.format(
            "Precinct {} lists {} voters, more than the maximum of {}",
            pl.col("precinct_no"),
            pl.col("voters"),
            pl.lit(limit),
        ),
        evidence=evidence_json(
            count=pl.col("voters"),
            max_voters=pl.lit(limit),
            rule=pl.lit("PRECINCT_MAX_VOTERS (art. 23 from memory, UNCONFIRMED)"),
        ),
    )


def address_without_precinct(p: Prepared) -> pl.DataFrame:
    rows = (
        _eligible_per_address(p)
        .join(p.addresses, on="address_id", how="left")
        .filter(pl.col("precinct_no").is_null())
        .sort("address_id")
    )
    return make_findings(
        rows,
        "ADDRESS_WITHOUT_PRECINCT",
        address_id=pl.col("address_id"),
        message=pl.format(
            "No precinct boundary covers address {}, where {} eligible voters are registered",
            pl.col("address_id"),
            pl.col("voters"),
        ),
        evidence=evidence_json(count=pl.col("voters")),
    )
