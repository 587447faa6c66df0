"""The answer key: what a perfect audit reports on the generated files.

It is computed from the final files (not from the list of injections), by the definitions of
the format (docs/formats/voter-list-audit.md), so errors that combine are all in it. The
rules, as the key applies them (see docs/demo-data.md):

* a list line's IIN is checked with ``law.iin`` (``today`` = election date); an invalid IIN
  gets INVALID_IIN and nothing else; a valid one that no registry person has gets
  IIN_NOT_IN_REGISTRY (and IIN_DATA_MISMATCH if the line's birth date disagrees with it);
* for a line whose IIN is a registry person's: IIN_DATA_MISMATCH (IIN date vs the line's or
  the registry's birth date, IIN sex vs the registry's), NAME_MISMATCH (``fold_name`` of the
  surname or first name, or ``canonical_patronymic``, differ), DECEASED (death before the
  election date), UNDERAGE, NOT_CITIZEN, INCAPABLE, IMPRISONED, WRONG_PRECINCT (an ordinary
  precinct other than the one covering the registered address, when one covers it);
* DUPLICATE_IIN: one finding per IIN string on two or more lines;
* MISSING_VOTER: an eligible registry person whose IIN is on no line (a line with a mistyped
  IIN does not list anyone);
* OVERCROWDED_ADDRESS: ``rules.OVERCROWDED_ADDRESS_MIN_VOTERS`` or more eligible registry
  persons at one address; PRECINCT_OVER_CAPACITY: more than ``rules.PRECINCT_MAX_VOTERS``
  lines; ADDRESS_WITHOUT_PRECINCT: an address without precinct with an eligible person;
* PROBABLE_DUPLICATE_PERSON: the injected groups (one person on two lines with different
  IINs), never twins, namesakes or spelling variants.

``iins`` holds the registry persons a finding concerns (none for a line whose IIN is invalid
or unknown); ``lines`` are sorted by (precinct_no, line_no).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import polars as pl

from saylau.law.iin import iin_error_codes
from saylau.law.names import canonical_patronymic, fold_name
from saylau.lists.audit.model import CHECKS
from saylau.lists.rules import OVERCROWDED_ADDRESS_MIN_VOTERS, PRECINCT_MAX_VOTERS

#: The severities of the format's table: the audit's own, so the answer key cannot disagree.
SEVERITY = CHECKS
Finding = dict[str, Any]


def finding(
    check: str,
    message: str,
    *,
    lines: list[tuple[int, int]] = (),  # type: ignore[assignment]
    iins: list[str] = (),  # type: ignore[assignment]
    address_id: str | None = None,
    precinct_no: int | None = None,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    return {
        "check": check,
        "severity": SEVERITY[check],
        "lines": [{"precinct_no": p, "line_no": n} for p, n in sorted(lines)],
        "iins": sorted(iins),
        "address_id": address_id,
        "precinct_no": precinct_no,
        "message": message,
        "evidence": evidence or {},
    }


def sort_key(f: Finding) -> tuple[Any, ...]:
    lines = tuple((x["precinct_no"], x["line_no"]) for x in f["lines"])
    return (f["check"], lines, tuple(f["iins"]), f["address_id"] or "", f["precinct_no"] or 0)


@cache
def _fold(text: str | None) -> str:
    return fold_name(text or "")


@cache
def _canon(text: str | None) -> str:
    return canonical_patronymic(text) if text else ""


def _iin_parts(col: str) -> list[pl.Expr]:
    c = pl.col(col)
    digit = c.str.slice(6, 1).cast(pl.Int32, strict=False)
    century = pl.when(digit <= 2).then(1800).when(digit <= 4).then(1900).otherwise(2000)
    year = century + c.str.slice(0, 2).cast(pl.Int32, strict=False)
    born = pl.date(year, c.str.slice(2, 2).cast(pl.Int32), c.str.slice(4, 2).cast(pl.Int32))
    sex = pl.when(digit % 2 == 1).then(pl.lit("M")).otherwise(pl.lit("F"))
    return [born.alias("iin_birth"), sex.alias("iin_sex")]


def eligible_expr(election: date, cutoff: date) -> pl.Expr:
    return (
        (pl.col("citizenship") == "KZ")
        & (pl.col("birth_date") <= cutoff)
        & (pl.col("death_date").is_null() | (pl.col("death_date") >= election))
        & (pl.col("incapable").cast(pl.Int64) == 0)
        & (pl.col("imprisoned").cast(pl.Int64) == 0)
    )


def answer_key(
    persons: pl.DataFrame,
    addresses: pl.DataFrame,
    lines: pl.DataFrame,
    kinds: dict[int, str],
    pd_kinds: dict[int, str],
    election: date,
    cutoff: date,
) -> list[Finding]:
    """Every finding on one chunk (a chunk shares no person, line or address with another)."""
    out: list[Finding] = []
    codes = iin_error_codes(lines["iin"].to_list(), today=election)
    ln = lines.with_columns(pl.Series("iin_error", codes, dtype=pl.String))
    valid = ln.filter(pl.col("iin_error").is_null()).with_columns(_iin_parts("iin"))
    for row in ln.filter(pl.col("iin_error").is_not_null()).iter_rows(named=True):
        out.append(
            finding(
                "INVALID_IIN",
                f"IIN {row['iin']!r} is not valid ({row['iin_error']})",
                lines=[(row["precinct_no"], row["line_no"])],
                evidence={"iin": row["iin"], "reason": row["iin_error"]},
            )
        )
    reg = persons.select(
        "iin",
        "last_name",
        "first_name",
        "patronymic",
        "birth_date",
        "sex",
        "citizenship",
        "address_id",
        "death_date",
        "incapable",
        "imprisoned",
    ).with_columns(eligible_expr(election, cutoff).alias("eligible"))
    home = addresses.select("address_id", pl.col("precinct_no").alias("home_precinct"))
    joined = valid.join(reg, on="iin", how="left", suffix="_r").join(
        home, left_on="address_id_r", right_on="address_id", how="left"
    )
    names = ("last_name", "first_name")
    folded = {
        v: _fold(v)
        for c in names
        for v in pl.concat([joined[c], joined[f"{c}_r"]]).unique().to_list()
    }
    canon = {
        v: _canon(v)
        for v in pl.concat([joined["patronymic"], joined["patronymic_r"]]).unique().to_list()
    }

    def mapped(col: str, table: dict[Any, str]) -> pl.Expr:
        return pl.col(col).replace_strict(table, default="", return_dtype=pl.String)

    suspect = (
        pl.col("sex").is_null()
        | (pl.col("iin_birth") != pl.col("birth_date"))
        | (pl.col("iin_birth") != pl.col("birth_date_r"))
        | (pl.col("iin_sex") != pl.col("sex"))
        | (mapped("last_name", folded) != mapped("last_name_r", folded))
        | (mapped("first_name", folded) != mapped("first_name_r", folded))
        | (mapped("patronymic", canon) != mapped("patronymic_r", canon))
        | pl.col("death_date").is_not_null()
        | (pl.col("birth_date_r") > cutoff)
        | (pl.col("citizenship") != "KZ")
        | (pl.col("incapable").cast(pl.Int64) == 1)
        | (pl.col("imprisoned").cast(pl.Int64) == 1)
        | (
            pl.col("home_precinct").is_not_null()
            & (pl.col("home_precinct") != pl.col("precinct_no"))
        )
    )
    for r in joined.filter(suspect.fill_null(True)).iter_rows(named=True):
        at = [(r["precinct_no"], r["line_no"])]
        if r["sex"] is None:
            out.append(
                finding(
                    "IIN_NOT_IN_REGISTRY",
                    f"No registry person has IIN {r['iin']}",
                    lines=at,
                    evidence={"iin": r["iin"]},
                )
            )
            if r["iin_birth"] != r["birth_date"]:
                out.append(_mismatch(r, at, []))
            continue
        who = [r["iin"]]
        if (
            r["iin_birth"] != r["birth_date"]
            or r["iin_birth"] != r["birth_date_r"]
            or r["iin_sex"] != r["sex"]
        ):
            out.append(_mismatch(r, at, who))
        listed = (_fold(r["last_name"]), _fold(r["first_name"]), _canon(r["patronymic"]))
        registered = (_fold(r["last_name_r"]), _fold(r["first_name_r"]), _canon(r["patronymic_r"]))
        if listed != registered:
            full = " ".join(filter(None, (r["last_name"], r["first_name"], r["patronymic"])))
            reg_full = " ".join(
                filter(None, (r["last_name_r"], r["first_name_r"], r["patronymic_r"]))
            )
            out.append(
                finding(
                    "NAME_MISMATCH",
                    f"List name {full!r} differs from registry name {reg_full!r}",
                    lines=at,
                    iins=who,
                    evidence={"list": full, "registry": reg_full},
                )
            )
        if r["death_date"] is not None and r["death_date"] < election:
            out.append(
                finding(
                    "DECEASED",
                    f"Listed voter died on {r['death_date']} (registry)",
                    lines=at,
                    iins=who,
                    evidence={"death_date": r["death_date"].isoformat()},
                )
            )
        if r["birth_date_r"] > cutoff:
            out.append(
                finding(
                    "UNDERAGE",
                    f"Born {r['birth_date_r']}: under 18 on {election}",
                    lines=at,
                    iins=who,
                    evidence={"birth_date": r["birth_date_r"].isoformat()},
                )
            )
        if r["citizenship"] != "KZ":
            out.append(
                finding(
                    "NOT_CITIZEN",
                    f"Registry citizenship is {r['citizenship']}",
                    lines=at,
                    iins=who,
                    evidence={"citizenship": r["citizenship"]},
                )
            )
        if int(r["incapable"]) == 1:
            out.append(
                finding(
                    "INCAPABLE",
                    "Declared legally incapable by a court (registry)",
                    lines=at,
                    iins=who,
                )
            )
        if int(r["imprisoned"]) == 1:
            out.append(
                finding(
                    "IMPRISONED",
                    "Held in a place of deprivation of liberty (registry)",
                    lines=at,
                    iins=who,
                )
            )
        hp = r["home_precinct"]
        if kinds.get(r["precinct_no"]) == "ordinary" and hp is not None and hp != r["precinct_no"]:
            out.append(
                finding(
                    "WRONG_PRECINCT",
                    f"Registered address {r['address_id_r']} belongs to precinct {hp}",
                    lines=at,
                    iins=who,
                    evidence={"address_id": r["address_id_r"], "address_precinct_no": hp},
                )
            )
    known = set(reg["iin"].to_list())
    dup = (
        ln.group_by("iin")
        .agg(pl.col("precinct_no"), pl.col("line_no"), pl.len())
        .filter(pl.col("len") > 1)
    )
    for iin, nos, line_nos, n in dup.iter_rows():
        out.append(
            finding(
                "DUPLICATE_IIN",
                f"IIN {iin} is on {n} lines",
                lines=list(zip(nos, line_nos, strict=True)),
                iins=[iin] if iin in known else [],
                evidence={"iin": iin, "count": n},
            )
        )
    groups = (
        ln.filter(pl.col("tag").is_not_null())
        .group_by("tag")
        .agg(pl.col("precinct_no"), pl.col("line_no"), pl.col("iin"))
    )
    for tag, nos, line_nos, iins in groups.iter_rows():
        out.append(
            finding(
                "PROBABLE_DUPLICATE_PERSON",
                f"{len(nos)} lines are probably one person",
                lines=list(zip(nos, line_nos, strict=True)),
                iins=[i for i in iins if i in known],
                evidence={"kind": pd_kinds[tag], "score": None},
            )
        )
    out += _registry_findings(reg, addresses, ln)
    return out


def _mismatch(r: dict[str, Any], at: list[tuple[int, int]], who: list[str]) -> Finding:
    ev = {
        "iin_birth_date": r["iin_birth"].isoformat(),
        "iin_sex": r["iin_sex"],
        "list_birth_date": r["birth_date"].isoformat() if r["birth_date"] else None,
        "registry_birth_date": r["birth_date_r"].isoformat() if r.get("birth_date_r") else None,
        "registry_sex": r.get("sex"),
    }
    return finding(
        "IIN_DATA_MISMATCH",
        "Birth date or sex in the IIN disagree with the list or the registry",
        lines=at,
        iins=who,
        evidence=ev,
    )


def _registry_findings(
    reg: pl.DataFrame, addresses: pl.DataFrame, ln: pl.DataFrame
) -> list[Finding]:
    out: list[Finding] = []
    voters = reg.filter(pl.col("eligible"))
    listed = set(ln["iin"].to_list())
    where = addresses.select("address_id", "precinct_no")
    for iin, addr, no in (
        voters.join(where, on="address_id", how="left")
        .select("iin", "address_id", "precinct_no")
        .iter_rows()
    ):
        if iin not in listed:
            out.append(
                finding(
                    "MISSING_VOTER",
                    "Eligible registry person is on no list",
                    iins=[iin],
                    evidence={"address_id": addr, "address_precinct_no": no},
                )
            )
    per_address = voters.group_by("address_id").len().join(where, on="address_id", how="left")
    for addr, n, no in per_address.iter_rows():
        if n >= OVERCROWDED_ADDRESS_MIN_VOTERS:
            out.append(
                finding(
                    "OVERCROWDED_ADDRESS",
                    f"{n} eligible voters registered at one dwelling",
                    address_id=addr,
                    evidence={"voters": n, "min_voters": OVERCROWDED_ADDRESS_MIN_VOTERS},
                )
            )
        if no is None:
            out.append(
                finding(
                    "ADDRESS_WITHOUT_PRECINCT",
                    f"No precinct covers address {addr} ({n} eligible voters)",
                    address_id=addr,
                    evidence={"voters": n},
                )
            )
    for no, n in ln.group_by("precinct_no").len().iter_rows():
        if n > PRECINCT_MAX_VOTERS:
            out.append(
                finding(
                    "PRECINCT_OVER_CAPACITY",
                    f"Precinct {no} has {n} voters (more than {PRECINCT_MAX_VOTERS})",
                    precinct_no=no,
                    evidence={"voters": n, "max_voters": PRECINCT_MAX_VOTERS},
                )
            )
    return out
