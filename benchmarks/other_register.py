"""A register that ``saylau demo-data`` did not make: an independent generator for judging
PROBABLE_DUPLICATE_PERSON without tuning on the demo generator's habits.

    .venv/bin/python benchmarks/other_register.py --persons 700000 --out DIR [--seed 1]
    .venv/bin/python benchmarks/audit_duplicates.py --dir DIR

Written apart from :mod:`saylau.lists.demo` and from the audit (it imports neither): its
own name tables and frequencies (a steeper Zipf law, ``1/k**1.05``: the commonest name of
a sex is carried by 6-9 % of people), its own families (a couple, a widowed parent, grown
children, twins), random IIN serials (the demo's are sequential), and another mix of
duplicates: the second line of one person, entered by hand, in these kinds

* ``iin_slip``: one slip anywhere in the IIN (a digit changed, dropped, or two swapped);
* ``iin_missing``: no IIN at all, the line at the person's own address;
* ``spelling``: a slip, the name in Russian letters (4 in 5) or in Latin letters;
* ``maiden``: a married woman under her maiden surname, with a slip or (at home) no IIN;
* ``swap``: a slip in the serial, day and month of birth swapped on the line;
* ``name_typo``: a slip, a letter of the first name or surname mistyped (a key next to it),
  dropped or doubled;
* ``two_slips``: two slips in the IIN, the same name (hard: honest);

half at the person's own address, half at another address anywhere in the region. And
look-alikes that are *not* duplicates: namesakes as the frequencies give them, twins, and
people listed once under a mistyped IIN (0.05 %). The answer key (``expected_findings
.jsonl``) holds only PROBABLE_DUPLICATE_PERSON groups; the other checks are not scored here.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
from other_register_names import (
    KK_TO_RU,
    MEN,
    ROOTS,
    WOMEN,
    Zipf,
    latin,
    patronymic,
    slip,
    surname,
    typo,
)

from saylau.law.iin import check_digit

ELECTION = date(2027, 3, 21)


def people(rng: np.random.Generator, n: int) -> pl.DataFrame:
    """Families at addresses: a couple and grown children, a widowed parent, single people."""
    rows: list[dict[str, object]] = []
    addr = 0
    man, woman, root_of = Zipf(rng, MEN), Zipf(rng, WOMEN), Zipf(rng, ROOTS)
    while len(rows) < n:
        addr += 1
        kind = rng.random()
        root = root_of()
        kazakh = rng.random() < 0.6
        father = man()
        year = int(rng.integers(1940, 1990))
        members: list[tuple[str, bool, str, int]] = []  # first, female, father's name, year
        if kind < 0.75:
            members.append((father, False, man(), year))
            members.append((woman(), True, man(), year + int(rng.integers(-4, 3))))
            for _ in range(int(rng.integers(0, 4))):
                members.append((
                    "", False, father,
                    year + int(rng.integers(20, 36)),
                ))  # fmt: skip
        else:
            female = rng.random() < 0.5
            members.append((woman() if female else man(), female, father, year))
        twins = kind < 0.75 and len(members) > 2 and rng.random() < 0.03
        born_twins = None
        given: set[str] = set()  # parents give no two children one name
        for k, (first, female, dad, yr) in enumerate(members):
            if k >= 2:  # a grown child: own sex and name, the family's surname
                female = bool(rng.random() < 0.5)
                draw = woman if female else man
                first = draw()
                while first in given:
                    first = draw()
                given.add(first)
            if yr > 2008:
                continue
            born = date(yr, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
            if k == 3 and twins and born_twins is not None:
                born = born_twins
            born_twins = born
            wife = k == 1
            sur = surname(root, female)
            maiden = surname(root_of(), True) if wife else None
            pat = patronymic(dad, female, kazakh)
            style = rng.random()
            rows.append({
                "first_name": first if style < 0.7 else first.translate(KK_TO_RU),
                "last_name": sur if style < 0.7 else sur.translate(KK_TO_RU),
                "patronymic": pat, "birth_date": born, "female": female,
                "address": addr, "maiden": maiden,
            })  # fmt: skip
    return pl.DataFrame(rows[:n])


def iins(rng: np.random.Generator, frame: pl.DataFrame) -> list[str]:
    taken: set[str] = set()
    out = []
    for born, female in frame.select("birth_date", "female").iter_rows():
        century = (1 if born.year < 1900 else 3 if born.year < 2000 else 5) + int(female)
        head = born.strftime("%y%m%d") + str(century)
        while True:
            prefix = head + f"{int(rng.integers(0, 10_000)):04d}"
            c = check_digit(prefix)
            if c is not None and prefix not in taken:
                taken.add(prefix)
                out.append(prefix + str(c))
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=0.001, help="duplicates per person")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    p = people(rng, args.persons)
    p = p.with_columns(pl.Series("iin", iins(rng, p)))
    n_addr = int(p["address"].max())
    per_precinct = max(1, n_addr // max(1, args.persons // 1500))
    addresses = pl.DataFrame({"address": np.arange(1, n_addr + 1)}).with_columns(
        ((pl.col("address") - 1) // per_precinct + 1).alias("precinct_no")
    )
    n_prec = int(addresses["precinct_no"].max())
    districts = [f"D{d:02d}" for d in range(1, n_prec // 40 + 2)]
    addresses = addresses.with_columns(
        pl.format("A{}", pl.col("address")).alias("address_id"),
        pl.col("precinct_no").map_elements(lambda x: districts[(x - 1) // 40], pl.String)
        .alias("district_code"),
    )  # fmt: skip
    p = p.join(addresses, on="address", how="left")
    lines = p.select(
        "precinct_no", "iin", "last_name", "first_name", "patronymic", "birth_date", "address_id"
    ).with_columns(pl.lit(None, dtype=pl.Int64).alias("group"))
    extra: list[dict[str, object]] = []
    kinds = ("iin_slip", "iin_missing", "spelling", "maiden", "swap", "name_typo", "two_slips")
    mix = np.array([0.22, 0.12, 0.15, 0.15, 0.12, 0.17, 0.07])
    chosen = rng.permutation(p.height)[: int(args.rate * p.height) * 2]
    used = 0
    groups: dict[int, str] = {}
    line_of = {}
    for i in chosen.tolist():
        if len(groups) >= int(args.rate * p.height):
            break
        r = p.row(i, named=True)
        kind = kinds[int(rng.choice(len(kinds), p=mix))]
        if kind == "maiden" and r["maiden"] is None:
            continue
        if kind == "swap" and not (
            r["birth_date"].day <= 12 and r["birth_date"].day != r["birth_date"].month
        ):
            continue
        home = rng.random() < 0.5 or kind == "iin_missing"
        new = dict(r)
        new["iin"] = slip(rng, r["iin"])
        if kind == "iin_missing" or (kind == "maiden" and home and rng.random() < 0.4):
            new["iin"] = None
        elif kind == "spelling":
            conv = (lambda s: s.translate(KK_TO_RU)) if rng.random() < 0.8 else latin
            for c in ("first_name", "last_name", "patronymic"):
                new[c] = conv(r[c])
        elif kind == "maiden":
            new["last_name"] = r["maiden"]
        elif kind == "swap":
            new["iin"] = slip(rng, r["iin"], lo=7)
            b = r["birth_date"]
            new["birth_date"] = b.replace(month=b.day, day=b.month)
        elif kind == "name_typo":
            c = "first_name" if rng.random() < 0.5 else "last_name"
            new[c] = typo(rng, r[c])
        elif kind == "two_slips":
            new["iin"] = slip(rng, slip(rng, r["iin"], lo=7), lo=7)
        if not home:
            a = addresses.row(int(rng.integers(0, addresses.height)), named=True)
            new["address_id"], new["precinct_no"] = a["address_id"], a["precinct_no"]
        g = len(groups) + 1
        groups[g] = kind
        line_of[i] = g
        new["group"] = g
        extra.append({k: new[k] for k in lines.columns})
        used += 1
    marks = pl.Series("group", [line_of.get(i) for i in range(p.height)], dtype=pl.Int64)
    lines = lines.with_columns(marks)
    # Look-alikes that are no duplicate: people listed once, under a mistyped IIN.
    once = rng.choice(np.setdiff1d(np.arange(p.height), chosen), int(0.0005 * p.height), False)
    bad = lines["iin"].to_list()
    for i in once.tolist():
        bad[i] = slip(rng, bad[i])
    lines = lines.with_columns(pl.Series("iin", bad))
    lines = pl.concat([lines, pl.DataFrame(extra, schema=lines.schema)]).sort("precinct_no")
    lines = lines.with_columns(pl.int_range(1, pl.len() + 1).over("precinct_no").alias("line_no"))
    out: Path = args.out
    (out / "registry").mkdir(parents=True, exist_ok=True)
    (out / "lists").mkdir(exist_ok=True)
    pl.DataFrame({"district_code": districts, "name_kk": districts, "name_ru": districts,
                  "kind": ["district"] * len(districts)}).write_csv(out / "districts.csv")  # fmt: skip
    addresses.group_by("precinct_no", "district_code").len().sort("precinct_no").select(
        "precinct_no", "district_code", pl.format("Школа {}", "precinct_no").alias(
            "polling_address"), pl.lit("ordinary").alias("kind"),
    ).write_csv(out / "precincts.csv")  # fmt: skip
    addresses.select(
        "address_id", "district_code", pl.lit("г. Алатау").alias("locality"),
        pl.format("ул. {}", pl.col("address") // 200).alias("street"),
        (pl.col("address") % 200).alias("house"), pl.lit("").alias("flat"), "precinct_no",
    ).write_csv(out / "registry/addresses.csv")  # fmt: skip
    p.select(
        "iin", "last_name", "first_name", "patronymic", "birth_date",
        pl.when(pl.col("female")).then(pl.lit("F")).otherwise(pl.lit("M")).alias("sex"),
        pl.lit("KZ").alias("citizenship"), "address_id", pl.lit(None, pl.Date).alias("death_date"),
        pl.lit(0).alias("incapable"), pl.lit(0).alias("imprisoned"),
    ).write_csv(out / "registry/persons.csv")  # fmt: skip
    lines.select(
        "precinct_no", "line_no", "iin", "last_name", "first_name", "patronymic", "birth_date",
        "address_id",
    ).write_csv(out / "lists/voter_lists.csv")  # fmt: skip
    key = (
        lines.filter(pl.col("group").is_not_null())
        .group_by("group")
        .agg(pl.struct("precinct_no", "line_no").alias("lines"))
    )
    with (out / "expected_findings.jsonl").open("w", encoding="utf-8") as fh:
        for g, members in key.sort("group").iter_rows():
            fh.write(json.dumps({
                "check": "PROBABLE_DUPLICATE_PERSON", "lines": sorted(
                    members, key=lambda m: (m["precinct_no"], m["line_no"])),
                "iins": [], "address_id": None, "precinct_no": None,
                "evidence": {"kind": groups[g]},
            }, ensure_ascii=False) + "\n")  # fmt: skip
    (out / "region.json").write_text(json.dumps({
        "election_date": ELECTION.isoformat(), "generator": "benchmarks/other_register.py",
        "seed": args.seed, "persons": p.height, "list_lines": lines.height,
        "duplicates": len(groups),
    }, indent=1))  # fmt: skip
    print(f"{p.height:,} persons, {lines.height:,} lines, {len(groups)} duplicate groups -> {out}")


if __name__ == "__main__":
    main()
