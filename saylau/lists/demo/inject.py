"""Errors injected into a generated chunk, each of a kind the audit looks for, and benign
look-alikes that it must not report.

Every injection changes what a real error changes: the registry (a death or a court decision
after the lists were compiled, a wrong sex, a second record of one person, a rubber flat, an
address that no precinct decision covers) or the list (a missing or extra line, a line in the
wrong precinct, a mistyped IIN, birth date or name, a copied line). Each person is touched at
most once. Which findings result is not recorded here but recomputed from the final files by
:mod:`.answer`, so interactions (a copied line in another precinct is also a WRONG_PRECINCT)
are in the key; only the groups of PROBABLE_DUPLICATE_PERSON lines are recorded, as ``tag``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import polars as pl

from saylau.law.iin import iin_error_codes
from saylau.lists.rules import OVERCROWDED_ADDRESS_MIN_VOTERS

from .chunk import ChunkTables, RegionState, update_rows
from .distinct import claim_if_fresh
from .names import GROUPS
from .pools import POOLS, draw_first, draw_surname
from .second_records import add_probable_duplicates

#: Injected per list line of a chunk (at least one of each per chunk).
RATES: dict[str, float] = {
    "DECEASED": 0.0015,
    "MISSING_VOTER": 0.0008,
    "WRONG_PRECINCT": 0.0008,
    "UNDERAGE": 0.0002,
    "NOT_CITIZEN": 0.0002,
    "INCAPABLE": 0.0002,
    "IMPRISONED": 0.0002,
    "INVALID_IIN": 0.0004,
    "IIN_NOT_IN_REGISTRY": 0.0003,
    "IIN_DATA_MISMATCH": 0.0003,
    "NAME_MISMATCH": 0.0004,
    "DUPLICATE_IIN": 0.0004,
    "PROBABLE_DUPLICATE_PERSON": 0.0006,
    "benign_spelling": 0.004,
}
#: One rubber flat / one uncovered address per this many list lines (at least one each).
LINES_PER_RUBBER_FLAT = 60_000
LINES_PER_UNCOVERED_ADDRESS = 80_000


@dataclass
class Injected:
    """Across chunks: PROBABLE_DUPLICATE groups (tag -> kind) and what was injected."""

    pd_kinds: dict[int, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    pd_cursor: int = 0  # the kinds of PROBABLE_DUPLICATE_PERSON take turns across chunks


class _Injector:
    def __init__(
        self, t: ChunkTables, rng: np.random.Generator, state: RegionState, inj: Injected
    ) -> None:
        self.t, self.rng, self.state, self.inj = t, rng, state, inj
        p = t.persons
        self.n = t.lines.height
        self.used = np.zeros(p.height, dtype=bool)
        self.listed = p["eligible"].to_numpy() & (p["special_no"].to_numpy() == 0)
        self.pool = rng.permutation(np.flatnonzero(self.listed))
        self.ordinary = np.unique(p["home_precinct"].to_numpy())
        self.specials = np.unique(p["special_no"].to_numpy())
        self.specials = self.specials[self.specials > 0]
        self.extra: list[pl.DataFrame] = []  # appended list lines
        self.new_persons: list[pl.DataFrame] = []
        t.lines = t.lines.with_columns(pl.int_range(0, pl.len(), dtype=pl.Int64).alias("lid"))

    def count(self, kind: str) -> int:
        return max(1, round(RATES[kind] * self.n))

    def take(self, k: int, mask: np.ndarray | None = None) -> np.ndarray:
        pool = self.pool[~self.used[self.pool]]
        if mask is not None:
            pool = pool[mask[pool]]
        chosen: np.ndarray = pool[:k]
        self.used[chosen] = True
        return chosen

    def line_ids(self, pids: np.ndarray) -> np.ndarray:
        lines = self.t.lines.filter(pl.col("pid").is_in(pids.tolist()))
        order = {pid: lid for pid, lid in zip(lines["pid"], lines["lid"], strict=True)}
        return np.array([order[int(p)] for p in pids], dtype=np.int64)

    def person_lines(self, pids: np.ndarray, precinct: np.ndarray | None = None) -> pl.DataFrame:
        """New list lines for registry persons (by default in their home precinct)."""
        rows = self.t.persons[pids.tolist()]
        no = rows["home_precinct"] if precinct is None else pl.Series(precinct)
        out: pl.DataFrame = rows.select(
            no.alias("precinct_no"),
            pl.lit(0, dtype=pl.Int64).alias("line_no"),
            "iin",
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "address_id",
            "pid",
            pl.lit(None, dtype=pl.Int64).alias("tag"),
        )
        return out

    def add_lines(self, frame: pl.DataFrame, kind: str) -> None:
        self.extra.append(frame)
        self.inj.counts[kind] += frame.height

    # --- registry-side errors --------------------------------------------------------------
    def registry_flags(self) -> None:
        p = self.t.persons
        e = self.state.election
        dead = self.take(self.count("DECEASED"))
        days = self.rng.integers(3, 200, dead.size)
        self.t.persons = p = update_rows(
            p, "pid", dead, death_date=[e - timedelta(days=int(d)) for d in days]
        )
        self.inj.counts["DECEASED"] += dead.size
        for flag in ("incapable", "imprisoned"):
            pids = self.take(self.count(flag.upper()))
            self.t.persons = p = update_rows(p, "pid", pids, **{flag: np.ones(pids.size, np.int8)})
            self.inj.counts[flag.upper()] += pids.size

    def ineligible_listed(self) -> None:
        p = self.t.persons
        birth = p["birth_date"].to_physical().to_numpy() + 719163  # ordinal
        cutoff = self.state.adult_cutoff
        alive = p["death_date"].is_null().to_numpy()
        citizen = (p["citizenship"] == "KZ").to_numpy()
        capable = (p["incapable"] == 0).to_numpy() & (p["imprisoned"] == 0).to_numpy()
        everyone = np.arange(p.height)
        for kind, mask in (
            ("UNDERAGE", citizen & alive & capable & (birth > cutoff) & (birth <= cutoff + 365)),
            ("NOT_CITIZEN", ~citizen & alive & capable & (birth <= cutoff)),
        ):
            cand = self.rng.permutation(everyone[mask & ~self.used])[: self.count(kind)]
            self.used[cand] = True
            self.add_lines(self.person_lines(cand), kind)

    def wrong_sex(self, pids: np.ndarray) -> None:
        sex = self.t.persons["sex"].gather(pids.tolist())
        flipped = ["F" if s == "M" else "M" for s in sex]
        self.t.persons = update_rows(self.t.persons, "pid", pids, sex=flipped)

    # --- list-side errors ----------------------------------------------------------------
    def list_errors(self) -> None:
        rng, lines = self.rng, self.t.lines
        missing = self.take(self.count("MISSING_VOTER"))
        self.t.lines = lines = lines.filter(~pl.col("pid").is_in(missing.tolist()))
        self.inj.counts["MISSING_VOTER"] += missing.size

        moved = self.take(self.count("WRONG_PRECINCT"))
        home = self.t.persons["home_precinct"].gather(moved.tolist()).to_numpy()
        other = np.array([rng.choice(self.ordinary[self.ordinary != h]) for h in home])
        self.t.lines = lines = update_rows(lines, "lid", self.line_ids(moved), precinct_no=other)
        self.inj.counts["WRONG_PRECINCT"] += moved.size

        typo = self.take(self.count("INVALID_IIN"))
        iins = self.t.persons["iin"].gather(typo.tolist()).to_list()
        bad = [self.invalid_form(v, i) for i, v in enumerate(iins)]
        self.t.lines = lines = update_rows(lines, "lid", self.line_ids(typo), iin=bad)
        self.inj.counts["INVALID_IIN"] += typo.size

        self.removed = self.take(self.count("IIN_NOT_IN_REGISTRY"))  # dropped in finish()
        self.inj.counts["IIN_NOT_IN_REGISTRY"] += self.removed.size

        mism = self.take(self.count("IIN_DATA_MISMATCH"))
        half = mism.size // 2
        self.wrong_sex(mism[:half])
        shifted = [self.fresh_birth(int(pid)) for pid in mism[half:]]
        self.t.lines = lines = update_rows(
            lines, "lid", self.line_ids(mism[half:]), birth_date=shifted
        )
        self.inj.counts["IIN_DATA_MISMATCH"] += mism.size

        self.names()
        self.duplicates()

    def fresh_birth(self, pid: int) -> date:
        """A birth date 1-39 days off that makes the line look like nobody else."""
        r = self.t.persons.row(pid, named=True)
        for attempt in range(400):
            # Small name pools of a national register fill up near the true day: look further.
            reach = 40 if attempt < 100 else 400
            born: date = r["birth_date"] + timedelta(
                days=int(self.rng.choice([-1, 1]) * self.rng.integers(1, reach))
            )
            args = (r["first_idx"], r["father_idx"], r["surname_idx"], r["female"])
            if claim_if_fresh(self.state.seen, *args, born.toordinal()):
                return born
        msg = "no fresh birth date for an IIN_DATA_MISMATCH line"
        raise RuntimeError(msg)

    def invalid_form(self, iin: str, i: int) -> str:
        """Not 12 digits, a letter for a digit, an impossible month, or a mistyped digit."""
        variant = i % 4
        if variant == 0:
            return iin[:-1]
        if variant == 1:
            return iin[:7] + "O" + iin[8:]  # Latin O for a zero or other digit
        if variant == 2:
            return iin[:2] + "13" + iin[4:]
        return self.mistype(iin)

    def mistype(self, iin: str) -> str:
        """One serial digit mistyped; invalid as an IIN (the check digit catches it)."""
        for pos in self.rng.permutation([7, 8, 9, 10]):
            for step in range(1, 10):
                d = (int(iin[pos]) + step) % 10
                cand = iin[:pos] + str(d) + iin[pos + 1 :]
                if iin_error_codes([cand])[0] is not None:
                    return cand
        return iin[:-1]

    def names(self) -> None:
        """Another first name (even lines) or another surname (odd), never a spelling of the
        same name, and never one that makes the line look like some other person."""
        p, rng = self.t.persons, self.rng
        wrong = self.take(self.count("NAME_MISMATCH"))
        firsts: list[str] = []
        lasts: list[str] = []
        done: list[int] = []
        for i, pid in enumerate(wrong.tolist()):
            r = p.row(pid, named=True)
            fem = np.array([r["female"]])
            born = r["birth_date"].toordinal()
            first, sur = r["first_idx"], r["surname_idx"]
            for attempt in range(240):
                # A small pool (ten Azerbaijani men's names) can be used up for one father and
                # birth day in a national register: then a name of another group is drawn.
                g = np.array([r["group"] if attempt < 60 else int(rng.integers(0, len(GROUPS)))])
                if (i + attempt // 30) % 2 == 0:
                    first = int(draw_first(rng, g, fem)[0])
                    sur = r["surname_idx"]
                    if POOLS.first_fold[first] == POOLS.first_fold[r["first_idx"]]:
                        continue
                else:
                    first = r["first_idx"]
                    sur = int(draw_surname(rng, g)[0])
                    if POOLS.surname_fold[sur] == POOLS.surname_fold[r["surname_idx"]]:
                        continue
                if claim_if_fresh(self.state.seen, first, r["father_idx"], sur, r["female"], born):
                    break
            else:
                continue  # this person keeps the name: another NAME_MISMATCH is not worth a loop
            done.append(pid)
            firsts.append(str(POOLS.first[first * 2 + r["first_ru"]]))
            lasts.append(str(POOLS.surname[sur * 4 + r["surname_ru"] * 2 + r["female"]]))
        changed = np.array(done, dtype=np.int64)
        self.t.lines = update_rows(
            self.t.lines, "lid", self.line_ids(changed), first_name=firsts, last_name=lasts
        )
        self.inj.counts["NAME_MISMATCH"] += changed.size
        self.benign_spelling()

    def benign_spelling(self) -> None:
        """Kazakh registry names written in Russian letters (or back), -ұлы as -ович."""
        p = self.t.persons
        kz = (p["group"] == 0).to_numpy() & (p["father_idx"] >= 0).to_numpy()
        pids = self.take(self.count("benign_spelling"), kz)
        if pids.size == 0:
            return
        rows = p[pids.tolist()]
        first = rows["first_idx"].to_numpy() * 2 + 1 - rows["first_ru"].to_numpy()
        fem = rows["female"].to_numpy()
        sur = rows["surname_idx"].to_numpy() * 4 + (1 - rows["surname_ru"].to_numpy()) * 2 + fem
        pat = rows["father_idx"].to_numpy() * 4 + (1 - rows["pat_style"].to_numpy()) * 2 + fem
        self.t.lines = update_rows(
            self.t.lines,
            "lid",
            self.line_ids(pids),
            first_name=POOLS.first.gather(first.tolist()),
            last_name=POOLS.surname.gather(sur.tolist()),
            patronymic=POOLS.patronymic.gather(pat.tolist()),
        )
        self.inj.counts["benign_spelling"] += pids.size

    def duplicates(self) -> None:
        pids = self.take(self.count("DUPLICATE_IIN"))
        home = self.t.persons["home_precinct"].gather(pids.tolist()).to_numpy()
        where = home.copy()
        for i, h in enumerate(home):
            variant = i % 3  # the same list twice / also in a hospital / a neighbour's list
            if variant == 1 and self.specials.size:
                where[i] = self.rng.choice(self.specials)
            elif variant == 2:
                where[i] = self.rng.choice(self.ordinary[self.ordinary != h])
        self.add_lines(self.person_lines(pids, where), "DUPLICATE_IIN")

    # --- dwellings ------------------------------------------------------------------------
    def dwellings(self) -> None:
        p, rng, a = self.t.persons, self.rng, self.t.addresses
        for _ in range(max(1, round(self.n / LINES_PER_RUBBER_FLAT))):
            flats = a.filter(pl.col("flat").is_not_null())
            if flats.is_empty():
                flats = a
            flat = flats.row(int(rng.integers(0, flats.height)), named=True)
            same = (p["home_precinct"] == flat["precinct_no"]).to_numpy()
            elsewhere = (p["address_id"] != flat["address_id"]).to_numpy()
            k = int(
                rng.integers(
                    OVERCROWDED_ADDRESS_MIN_VOTERS + 2, OVERCROWDED_ADDRESS_MIN_VOTERS + 30
                )
            )
            pids = self.take(k, same & elsewhere)
            ids = [flat["address_id"]] * pids.size
            self.t.persons = p = update_rows(p, "pid", pids, address_id=ids)
            self.t.lines = update_rows(self.t.lines, "pid", pids, address_id=ids)
            self.inj.counts["OVERCROWDED_ADDRESS"] += 1
        # Addresses with voters that no precinct decision covers (a new street, say).
        voters = p.filter(pl.col("eligible") & pl.col("special_no").eq(0))
        owners = voters.group_by("address_id").agg(pl.col("pid")).sort("address_id")
        picked = 0
        for row in owners.sample(
            fraction=1.0, shuffle=True, seed=int(rng.integers(1 << 31))
        ).iter_rows():
            if picked >= max(1, round(self.n / LINES_PER_UNCOVERED_ADDRESS)):
                break
            pids = np.array(row[1], dtype=np.int64)
            if self.used[pids].any():
                continue
            self.used[pids] = True
            a = a.with_columns(
                pl.when(pl.col("address_id") == row[0])
                .then(None)
                .otherwise(pl.col("precinct_no"))
                .alias("precinct_no")
            )
            picked += 1
        self.t.addresses = a
        self.inj.counts["ADDRESS_WITHOUT_PRECINCT"] += picked

    def finish(self) -> None:
        persons = self.t.persons.filter(~pl.col("pid").is_in(self.removed.tolist()))
        self.t.persons = pl.concat([persons, *(n.cast(persons.schema) for n in self.new_persons)])
        base = self.t.lines.drop("lid")
        self.t.lines = pl.concat(
            [base, *(e.select(base.columns).cast(base.schema) for e in self.extra)]
        )


def inject_errors(
    tables: ChunkTables, rng: np.random.Generator, state: RegionState, injected: Injected
) -> None:
    """Inject every kind of error into one chunk's tables (in place)."""
    inj = _Injector(tables, rng, state, injected)
    inj.registry_flags()
    inj.ineligible_listed()
    inj.list_errors()
    add_probable_duplicates(inj)
    inj.dwellings()
    inj.finish()
