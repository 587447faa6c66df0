"""Checks of who a list line names: the IIN itself, the registry entry, the name, repeats.

* ``INVALID_IIN``: not 12 digits, an impossible century digit or date, a birth date after
  election day, a never-issued prefix or a wrong check digit (Government Resolution No. 565
  of 11 June 2003; :mod:`saylau.law.iin`).
* ``IIN_NOT_IN_REGISTRY``: a valid IIN no person of the registry extract holds.

``iins`` of a finding names registry persons only: it is empty for a line whose IIN is
invalid or unknown to the registry.
* ``IIN_DATA_MISMATCH``: the birth date or sex the IIN encodes disagrees with the list line's
  birth date or with the registry person's birth date or sex.
* ``NAME_MISMATCH``: the list's name and the registry's differ after folding spelling
  variants (Kazakh/Russian letters, ё/е, signs, hyphens, case; -ұлы/-улы/-ович and
  -қызы/-кызы/-овна; :mod:`saylau.law.names`).
* ``DUPLICATE_IIN``: one IIN on two or more lines; one finding names every line (a voter is
  included in one list only: election law Art. 24).
"""

from __future__ import annotations

import polars as pl

from saylau.lists.iin import ERROR_MESSAGES

from .model import LINE_STRUCT, evidence_json, make_findings, one_line
from .prepare import Prepared

__all__ = [
    "duplicate_iin",
    "iin_data_mismatch",
    "iin_not_in_registry",
    "invalid_iin",
    "name_mismatch",
]


def _text(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.String)


def _registered_iin() -> pl.Expr:
    """``iins`` of a line finding: the registry person the line's IIN names, if any."""
    return (
        pl.when(pl.col("in_registry"))
        .then(pl.concat_list("iin"))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
    )


def invalid_iin(p: Prepared) -> pl.DataFrame:
    bad = p.lines.filter(pl.col("iin_error").is_not_null())
    reason = pl.col("iin_error").replace_strict(ERROR_MESSAGES, default=None)
    return make_findings(
        bad,
        "INVALID_IIN",
        lines=one_line(),
        message=pl.format("Invalid IIN {}: {}", pl.col("iin").fill_null("(empty)"), reason),
        evidence=evidence_json(iin=pl.col("iin"), reason=pl.col("iin_error")),
    )


def iin_not_in_registry(p: Prepared) -> pl.DataFrame:
    missing = p.lines.filter(pl.col("iin_error").is_null() & ~pl.col("in_registry"))
    return make_findings(
        missing,
        "IIN_NOT_IN_REGISTRY",
        lines=one_line(),
        message=pl.format("IIN {} is valid but no registry person has it", pl.col("iin")),
        evidence=evidence_json(iin=pl.col("iin")),
    )


def iin_data_mismatch(p: Prepared) -> pl.DataFrame:
    iin_born = pl.col("iin_birth_date")
    list_bad = (pl.col("birth_date").is_not_null() & (pl.col("birth_date") != iin_born)).fill_null(
        False
    )
    reg_born_bad = (pl.col("in_registry") & (pl.col("reg_birth_date") != iin_born)).fill_null(False)
    reg_sex_bad = (pl.col("in_registry") & (pl.col("reg_sex") != pl.col("iin_sex"))).fill_null(
        False
    )
    rows = (
        p.lines.filter(pl.col("iin_error").is_null())
        .with_columns(list_bad.alias("_lb"), reg_born_bad.alias("_rb"), reg_sex_bad.alias("_rs"))
        .filter(pl.col("_lb") | pl.col("_rb") | pl.col("_rs"))
    )
    fields = pl.concat_list(
        pl.when(pl.col("_lb")).then(pl.lit("list birth_date")),
        pl.when(pl.col("_rb")).then(pl.lit("registry birth_date")),
        pl.when(pl.col("_rs")).then(pl.lit("registry sex")),
    ).list.drop_nulls()
    return make_findings(
        rows,
        "IIN_DATA_MISMATCH",
        lines=one_line(),
        iins=_registered_iin(),
        message=pl.format(
            "IIN {} encodes birth date {} and sex {}, which disagree with: {}",
            pl.col("iin"),
            _text("iin_birth_date"),
            pl.col("iin_sex"),
            fields.list.join(", "),
        ),
        evidence=evidence_json(
            fields=fields,
            iin_birth_date=_text("iin_birth_date"),
            iin_sex=pl.col("iin_sex"),
            list_birth_date=_text("birth_date"),
            registry_birth_date=_text("reg_birth_date"),
            registry_sex=pl.col("reg_sex"),
        ),
    )


def _full(prefix: str) -> pl.Expr:
    return pl.concat_str(
        [pl.col(f"{prefix}{c}") for c in ("last_name", "first_name", "patronymic")],
        separator=" ",
        ignore_nulls=True,
    )


def name_mismatch(p: Prepared) -> pl.DataFrame:
    differs = (
        (pl.col("last_fold") != pl.col("reg_last_fold"))
        | (pl.col("first_fold") != pl.col("reg_first_fold"))
        | (pl.col("pat_canon") != pl.col("reg_pat_canon"))
    )
    rows = p.lines.filter(pl.col("in_registry") & differs)
    parts = pl.concat_list(
        pl.when(pl.col("last_fold") != pl.col("reg_last_fold")).then(pl.lit("last_name")),
        pl.when(pl.col("first_fold") != pl.col("reg_first_fold")).then(pl.lit("first_name")),
        pl.when(pl.col("pat_canon") != pl.col("reg_pat_canon")).then(pl.lit("patronymic")),
    ).list.drop_nulls()
    return make_findings(
        rows,
        "NAME_MISMATCH",
        lines=one_line(),
        iins=pl.concat_list("iin"),
        message=pl.format(
            "Name on the list '{}' differs from the registry '{}'", _full(""), _full("reg_")
        ),
        evidence=evidence_json(fields=parts, list_name=_full(""), registry_name=_full("reg_")),
    )


def duplicate_iin(p: Prepared) -> pl.DataFrame:
    # A certificate holder's line on the additional list where they vote stands beside their
    # home line by right (basis ``absentee``, from the application): not a second listing.
    counted = p.lines.filter(pl.col("basis").fill_null("") != "absentee")
    groups = (
        counted.filter(pl.col("iin").is_not_null() & pl.col("iin").is_duplicated())
        .sort("precinct_no", "line_no")
        .group_by("iin", maintain_order=True)
        .agg(
            pl.struct("precinct_no", "line_no").cast(LINE_STRUCT).alias("lines"),
            pl.col("precinct_no").unique(maintain_order=True).alias("precincts"),
            pl.len().alias("count"),
            pl.col("in_registry").any().alias("in_registry"),
        )
        .filter(pl.col("count") > 1)
    )
    return make_findings(
        groups,
        "DUPLICATE_IIN",
        lines=pl.col("lines"),
        iins=_registered_iin(),
        message=pl.format(
            "IIN {} appears on {} list lines (precincts {})",
            pl.col("iin"),
            pl.col("count"),
            pl.col("precincts").cast(pl.List(pl.String)).list.join(", "),
        ),
        evidence=evidence_json(count=pl.col("count"), precincts=pl.col("precincts")),
    )
