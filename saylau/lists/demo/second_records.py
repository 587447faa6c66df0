"""Second lines of one person (PROBABLE_DUPLICATE_PERSON), as they arise in a real list.

A person's IIN is assigned once for life, so one person on two lines under two IINs is a
line entered by hand (an additional list, a copied old record): its IIN mistyped -- a
digit of the serial changed, two adjacent digits swapped or one dropped, so it is invalid --
and often its name or birth date too: the name in the other spelling, the maiden surname of
a married woman, a misspelt letter, day and month of birth swapped (the IIN still encodes
the true date: the only swap a list can support). The line is at the person's own address
or, for one in three, at an old address of the region (listed at that precinct). Two valid
IINs of two registry persons, each at their own address, are two people -- namesakes --
and the answer key never pairs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from saylau.law.iin import iin_error_codes
from saylau.law.names import fold_name

from .chunk import update_rows
from .distinct import claim_if_fresh
from .pools import POOLS

if TYPE_CHECKING:
    from .inject import _Injector as Injector

PD_KINDS = (
    "mistyped_iin",
    "transliterated_name",
    "maiden_surname",
    "swapped_day_month",
    "misspelt_name",
)
#: Letters a clerk confuses (Kazakh letters typed as their Russian look-alikes, neighbours).
_CONFUSED = {"ә": "а", "ө": "о", "ұ": "у", "ү": "у", "і": "и", "қ": "к", "ғ": "г", "ң": "н",
             "һ": "х", "а": "о", "о": "а", "е": "и", "и": "е", "с": "з", "т": "д", "н": "м",
             "л": "п", "р": "п", "к": "г", "ж": "ш", "б": "п", "д": "т", "у": "ю", "ы": "и",
             "м": "н", "з": "с", "я": "а", "й": "и", "в": "ф", "г": "к", "х": "к", "ш": "щ",
             "п": "б", "ф": "в", "ц": "с", "ч": "щ", "ю": "у", "щ": "ш", "э": "е"}  # fmt: skip


def mistyped_iin(rng: np.random.Generator, iin: str) -> str:
    """The IIN as a clerk mistypes it in the serial (digits 8-11), never in the date: one
    digit changed (1 in 2), two adjacent digits swapped (3 in 10) or one dropped (1 in 5);
    the result is invalid (the check digit or the length catches it)."""
    way = rng.random()
    if way >= 0.8:
        pos = int(rng.integers(7, 11))
        return iin[:pos] + iin[pos + 1 :]
    for pos in rng.permutation([7, 8, 9, 10]).tolist():
        if way >= 0.5 and iin[pos] != iin[pos + 1]:
            cand = iin[:pos] + iin[pos + 1] + iin[pos] + iin[pos + 2 :]
            if iin_error_codes([cand])[0] is not None:
                return cand
        for step in rng.permutation(np.arange(1, 10)).tolist():
            cand = iin[:pos] + str((int(iin[pos]) + step) % 10) + iin[pos + 1 :]
            if iin_error_codes([cand])[0] is not None:
                return cand
    return iin[:-1]


def misspelt(rng: np.random.Generator, name: str) -> str:
    """One letter (not the first) of ``name`` replaced by one a clerk confuses it with, or
    dropped: a misspelling, never another spelling of the same name (``fold_name`` differs)."""
    for _ in range(20):
        out = _slip(rng, name)
        if fold_name(out) != fold_name(name):
            return out
    return name[:-1] if len(name) > 3 else name + "а"


def _slip(rng: np.random.Generator, name: str) -> str:
    inner = [i for i in range(1, len(name)) if name[i].lower() in _CONFUSED]
    if len(name) < 4 or not inner:
        return name[:-1] if len(name) > 3 else name + "а"
    i = int(rng.choice(inner))
    if rng.random() < 0.25:
        return name[:i] + name[i + 1 :]
    c = name[i]
    new = _CONFUSED[c.lower()]
    return name[:i] + (new.upper() if c.isupper() else new) + name[i + 1 :]


def add_probable_duplicates(self: Injector) -> None:
    """PROBABLE_DUPLICATE_PERSON: a second line of a listed person, entered by hand
    (module doc). Both lines carry the group's ``tag``."""
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
        "maiden_surname": married & has_patronymic,
        "swapped_day_month": day_le_12,
        "misspelt_name": None,
    }
    addresses = self.t.addresses.filter(pl.col("precinct_no").is_not_null())
    for _ in range(n):
        kind = PD_KINDS[self.inj.pd_cursor % len(PD_KINDS)]
        self.inj.pd_cursor += 1
        pid = self.take(1, masks[kind])
        if pid.size == 0:
            continue
        row = p.row(int(pid[0]), named=True)
        if kind == "maiden_surname":  # the maiden name must not make her look like a third woman
            ordinal = row["birth_date"].toordinal()
            if not claim_if_fresh(self.state.seen, row["first_idx"], -1, row["maiden"], 1, ordinal):
                continue
        tag = len(self.inj.pd_kinds) + 1
        self.inj.pd_kinds[tag] = kind
        self.inj.counts[f"PROBABLE_DUPLICATE_PERSON/{kind}"] += 1
        self.t.lines = update_rows(self.t.lines, "pid", pid, tag=[tag])
        line = self.person_lines(pid)
        changes: dict[str, object] = {"iin": mistyped_iin(rng, row["iin"]), "tag": tag}
        fem = row["female"]
        if kind == "transliterated_name":
            changes["first_name"] = POOLS.first[row["first_idx"] * 2 + 1 - row["first_ru"]]
            changes["last_name"] = POOLS.surname[
                row["surname_idx"] * 4 + (1 - row["surname_ru"]) * 2 + fem
            ]
            changes["patronymic"] = POOLS.patronymic[
                row["father_idx"] * 4 + (1 - row["pat_style"]) * 2 + fem
            ]
        elif kind == "maiden_surname":
            changes["last_name"] = POOLS.surname[row["maiden"] * 4 + row["surname_ru"] * 2 + 1]
        elif kind == "swapped_day_month":
            b = row["birth_date"]
            changes["birth_date"] = b.replace(month=b.day, day=b.month)
        elif kind == "misspelt_name":
            which = "first_name" if rng.random() < 0.5 else "last_name"
            changes[which] = misspelt(rng, row[which])
        if rng.random() < 1 / 3:  # entered at an old address of the region
            home = addresses.row(int(rng.integers(0, addresses.height)), named=True)
            changes["address_id"] = home["address_id"]
            changes["precinct_no"] = home["precinct_no"]
        line = line.with_columns(
            pl.lit(v, dtype=line.schema[k]).alias(k) for k, v in changes.items()
        )
        self.add_lines(line, "PROBABLE_DUPLICATE_PERSON")
