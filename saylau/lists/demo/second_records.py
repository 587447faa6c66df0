"""Second lines and second registry records of one person (PROBABLE_DUPLICATE_PERSON)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from .chunk import update_rows
from .distinct import claim_if_fresh
from .pools import POOLS

if TYPE_CHECKING:
    from .inject import _Injector as Injector

PD_KINDS = ("mistyped_iin", "transliterated_name", "maiden_surname", "swapped_day_month")


def add_probable_duplicates(self: Injector) -> None:
    """PROBABLE_DUPLICATE_PERSON: one person on two lines with different IINs.

    A mistyped IIN on a second line for the same person, or a second registry record of the
    same person (name in the other spelling, maiden surname, day and month of birth swapped
    in the record while its new IIN encodes the true date) at another address, listed there
    too. Both lines carry the group's ``tag``.
    """
    p, rng = self.t.persons, self.rng
    n = max(len(PD_KINDS), self.count("PROBABLE_DUPLICATE_PERSON"))
    kz = (p["group"] == 0).to_numpy()
    born = p["birth_date"].to_list()
    day_le_12 = np.array([b.day <= 12 and b.day != b.month for b in born])
    married = (p["maiden"] >= 0).to_numpy() & (p["maiden"] != p["surname_idx"]).to_numpy()
    has_patronymic = (p["father_idx"] >= 0).to_numpy()
    masks = {
        "mistyped_iin": None,
        "transliterated_name": kz & has_patronymic,
        # Without a patronymic, a first name and a birth date are too little to call it one person.
        "maiden_surname": married & has_patronymic,
        "swapped_day_month": day_le_12 & has_patronymic,
    }
    # Where a second registration lives: an address with few voters, not a rubber flat.
    addresses = self.t.addresses
    voters_at = p.filter(pl.col("eligible")).group_by("address_id").len()
    quiet = addresses.join(voters_at, on="address_id", how="left").filter(
        pl.col("len").fill_null(0) <= 3
    )
    new_rows: list[dict[str, object]] = []
    iin_birth: list[int] = []
    for _ in range(n):
        kind = PD_KINDS[self.inj.pd_cursor % len(PD_KINDS)]
        self.inj.pd_cursor += 1
        pid = self.take(1, masks[kind])
        if pid.size == 0:
            continue
        if kind == "maiden_surname":  # the maiden name must not make her look like a third woman
            r = p.row(int(pid[0]), named=True)
            born = r["birth_date"].toordinal()
            if not claim_if_fresh(self.state.seen, r["first_idx"], -1, r["maiden"], 1, born):
                continue
        tag = len(self.inj.pd_kinds) + 1
        self.inj.pd_kinds[tag] = kind
        self.inj.counts[f"PROBABLE_DUPLICATE_PERSON/{kind}"] += 1
        self.t.lines = update_rows(self.t.lines, "pid", pid, tag=[tag])
        row = p.row(int(pid[0]), named=True)
        if kind == "mistyped_iin":  # the same person entered twice, once with a typo
            line = self.person_lines(pid).with_columns(
                pl.lit(self.mistype(row["iin"])).alias("iin"), pl.lit(tag).alias("tag")
            )
            self.add_lines(line, "PROBABLE_DUPLICATE_PERSON")
            continue
        new = dict(row)
        if kind == "transliterated_name":
            fem = row["female"]
            new["first_name"] = POOLS.first[row["first_idx"] * 2 + 1 - row["first_ru"]]
            new["last_name"] = POOLS.surname[
                row["surname_idx"] * 4 + (1 - row["surname_ru"]) * 2 + fem
            ]
            new["patronymic"] = POOLS.patronymic[
                row["father_idx"] * 4 + (1 - row["pat_style"]) * 2 + fem
            ]
        elif kind == "maiden_surname":
            new["last_name"] = POOLS.surname[row["maiden"] * 4 + row["surname_ru"] * 2 + 1]
        else:  # the clerk swapped day and month; the new IIN encodes the true birth date
            b = row["birth_date"]
            new["birth_date"] = b.replace(month=b.day, day=b.month)
        iin_birth.append(row["birth_date"].toordinal())
        home = quiet.row(int(rng.integers(0, quiet.height)), named=True)
        new["address_id"] = home["address_id"]
        new["home_precinct"] = home["precinct_no"]
        new["special_no"] = 0
        new["pid"] = p.height + len(new_rows)
        new["tag"] = tag
        new_rows.append(new)
    if not new_rows:
        return
    frame = pl.DataFrame(new_rows, schema={**p.schema, "tag": pl.Int64}, orient="row")
    ords = np.array(iin_birth, dtype=np.int64)
    fem = frame["female"].to_numpy()
    frame = frame.with_columns(pl.Series("iin", self.state.allocator.allocate(ords, fem)))
    self.new_persons.append(frame.drop("tag"))
    line = frame.select(
        pl.col("home_precinct").alias("precinct_no"),
        pl.lit(0, dtype=pl.Int64).alias("line_no"),
        "iin",
        "last_name",
        "first_name",
        "patronymic",
        "birth_date",
        "address_id",
        "pid",
        "tag",
    )
    self.add_lines(line, "PROBABLE_DUPLICATE_PERSON")
