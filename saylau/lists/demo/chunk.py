"""One chunk of the region: households placed in precincts and dwellings, as tables.

A chunk is a run of whole precincts of one district (a special precinct goes with the first
chunk of its district), generated from its own random stream and written before the next one
is drawn, so memory stays bounded at any scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from saylau.law.names import MATCH_FOLD
from saylau.lists.io import PERSONS

from .distinct import SeenKeys, make_distinct
from .households import CITIZENSHIPS, People, draw_households
from .iins import IinAllocator
from .pools import POOLS
from .territory import ChunkPlan, PrecinctPlan

EPOCH = date(1970, 1, 1).toordinal()
FLATS_PER_BUILDING = 60
#: Mean eligible voters per household, to size the draw (measured on the household model).
VOTERS_PER_HOUSEHOLD = 2.3
#: The columns of registry/persons.csv, in the order of the format (one definition: lists.io).
PERSON_COLUMNS = tuple(PERSONS.columns)
ADDRESS_COLUMNS = (
    "address_id",
    "district_code",
    "locality",
    "street",
    "house",
    "flat",
    "precinct_no",
)
LIST_COLUMNS = (
    "precinct_no",
    "line_no",
    "iin",
    "last_name",
    "first_name",
    "patronymic",
    "birth_date",
    "address_id",
)


@dataclass
class RegionState:
    """What runs across chunks: IIN counters, look-alike keys, address numbers, the dates."""

    election: date
    allocator: IinAllocator
    seen: SeenKeys
    next_address: int = 1

    @property
    def election_ord(self) -> int:
        return self.election.toordinal()

    @property
    def adult_cutoff(self) -> int:
        """Born on or before this day: 18 or older on election day."""
        e = self.election
        try:
            return e.replace(year=e.year - 18).toordinal()
        except ValueError:  # 29 February: the 18th birthday falls on 1 March
            return date(e.year - 18, 2, 28).toordinal()


@dataclass
class ChunkTables:
    persons: pl.DataFrame  # registry columns plus internal ones (home_precinct, hh, ...)
    addresses: pl.DataFrame
    lines: pl.DataFrame  # the compiled lists, not yet sorted (plus pid: the person's row)


def eligible(p: People, state: RegionState) -> np.ndarray:
    out: np.ndarray = (
        (p.citizenship == 0)
        & (p.birth <= state.adult_cutoff)
        & (p.death == 0)
        & ~p.incapable
        & ~p.imprisoned
    )
    return out


def _take(p: People, keep: np.ndarray) -> People:
    return People(**{k: v[keep] for k, v in vars(p).items()})


def fold_expr(col: str) -> pl.Expr:
    """Sort key: Kazakh letters next to their Russian neighbours, case ignored."""
    return (
        pl.col(col)
        .str.to_lowercase()
        .str.replace_many(list(MATCH_FOLD), list(MATCH_FOLD.values()))
        .alias(f"_{col}")
    )


def sort_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """Alphabetical within each precinct, then numbered 1..n (as a correct akimat numbers)."""
    keys = ["last_name", "first_name", "patronymic"]
    out = (
        lines.with_columns(fold_expr(c) for c in keys)
        .sort(["precinct_no", *(f"_{c}" for c in keys), "birth_date", "iin"])
        .drop([f"_{c}" for c in keys])
    )
    return out.with_columns(
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).over("precinct_no").alias("line_no")
    )


def build_chunk(plan: ChunkPlan, rng: np.random.Generator, state: RegionState) -> ChunkTables:
    ordinary = [p for p in plan.precincts if p.kind == "ordinary"]
    specials = [p for p in plan.precincts if p.kind == "special"]
    targets = np.array([p.target for p in ordinary], dtype=np.int64)
    for margin in (1.2, 1.6, 2.5, 4.0):  # a draw too small for the targets is drawn again
        n_hh = int(targets.sum() / VOTERS_PER_HOUSEHOLD * margin) + 20
        people = draw_households(rng, n_hh, state.election_ord)
        # Place households in precincts by the running count of eligible voters.
        elig = eligible(people, state)
        per_hh = np.bincount(people.hh, weights=elig, minlength=n_hh).astype(np.int64)
        before = np.cumsum(per_hh) - per_hh
        hh_precinct = np.searchsorted(np.cumsum(targets), before, side="right")
        if hh_precinct[-1] >= len(ordinary):
            break
    keep_hh = hh_precinct < len(ordinary)
    people = _take(people, keep_hh[people.hh])
    make_distinct(rng, people, state.seen)
    elig = eligible(people, state)
    n_kept = int(keep_hh.sum())
    hh_precinct = hh_precinct[:n_kept]

    addresses = _dwellings(plan, rng, state, hh_precinct)
    numbers = np.array([p.number for p in ordinary], dtype=np.int64)
    home = numbers[hh_precinct[people.hh]]
    special_no = _choose_special(
        specials,
        rng,
        people,
        elig,
        state,
        np.array([p.urban for p in ordinary])[hh_precinct[people.hh]],
    )
    iins = state.allocator.allocate(people.birth, people.female)
    persons = _person_frame(
        people, iins, addresses["address_id"].to_numpy()[people.hh], home, special_no, elig
    )
    special_kind = {p.number: p.special_kind for p in specials}
    listed = persons.filter(pl.col("eligible"))
    drop_address = [n for n, k in special_kind.items() if k in ("military", "detention")]
    lines = listed.select(
        pl.when(pl.col("special_no") > 0)
        .then(pl.col("special_no"))
        .otherwise(pl.col("home_precinct"))
        .alias("precinct_no"),
        pl.lit(0, dtype=pl.Int64).alias("line_no"),
        "iin",
        "last_name",
        "first_name",
        "patronymic",
        "birth_date",
        pl.when(pl.col("special_no").is_in(drop_address))
        .then(pl.lit(None, dtype=pl.String))
        .otherwise(pl.col("address_id"))
        .alias("address_id"),
        "pid",
        pl.lit(None, dtype=pl.Int64).alias("tag"),
    )
    return ChunkTables(persons=persons, addresses=addresses, lines=lines)


def _dwellings(
    plan: ChunkPlan, rng: np.random.Generator, state: RegionState, hh_precinct: np.ndarray
) -> pl.DataFrame:
    """One dwelling per household: a flat in town (mostly), a private house in a village."""
    ordinary = [p for p in plan.precincts if p.kind == "ordinary"]
    urban = np.array([p.urban for p in ordinary])[hh_precinct]
    is_flat = rng.random(hh_precinct.size) < np.where(urban, 0.85, 0.03)
    n = hh_precinct.size
    frame = pl.DataFrame({"hh": np.arange(n), "p": hh_precinct, "is_flat": is_flat}).with_columns(
        pl.int_range(0, pl.len()).over(["p", "is_flat"]).alias("rank")
    )
    rank = frame["rank"].to_numpy()
    building = rank // FLATS_PER_BUILDING
    street_slot = np.where(is_flat, building % 5, rank % 5)
    block = 1000 * np.array([p.block for p in ordinary], dtype=np.int64)[hh_precinct]
    house = np.where(is_flat, block + 500 + building // 5 + 1, block + rank // 5 + 1)
    flat = np.where(is_flat, rank % FLATS_PER_BUILDING + 1, 0)
    streets = [s for p in ordinary for s in p.streets]
    first = state.next_address
    state.next_address += n
    code = plan.district.code
    return pl.DataFrame(
        {
            "address_id": [f"{code}-{i:08d}" for i in range(first, first + n)],
            "district_code": code,
            "locality": pl.Series([p.locality for p in ordinary]).gather(hh_precinct),
            "street": pl.Series(streets).gather(hh_precinct * 5 + street_slot),
            "house": pl.Series(house).cast(pl.String),
            "flat": pl.Series(np.where(is_flat, flat, 0)).cast(pl.String).replace("0", None),
            "precinct_no": pl.Series([p.number for p in ordinary], dtype=pl.Int64).gather(
                hh_precinct
            ),
        }
    )


_SPECIAL_AGES = {
    "military": (18, 24),
    "pasture": (20, 62),
    "detention": (18, 50),
    "hospital": (18, 99),
}


def _choose_special(
    specials: list[PrecinctPlan],
    rng: np.random.Generator,
    p: People,
    elig: np.ndarray,
    state: RegionState,
    urban: np.ndarray,
) -> np.ndarray:
    """Voters staying in each special precinct: conscripts, patients, shepherds, detainees."""
    out = np.zeros(len(p), dtype=np.int64)
    years = (state.election_ord - p.birth) / 365.2425
    for sp in specials:
        lo, hi = _SPECIAL_AGES[sp.special_kind]
        cand = elig & (out == 0) & (years >= lo) & (years < hi)
        if sp.special_kind in ("military", "pasture", "detention"):
            cand &= (p.female == 0) | (sp.special_kind == "detention") & (rng.random(len(p)) < 0.1)
        if sp.special_kind == "pasture" and (cand & ~urban).any():
            cand &= ~urban
        idx = np.flatnonzero(cand)
        chosen = rng.choice(idx, size=min(sp.target, idx.size), replace=False)
        out[np.sort(chosen)] = sp.number
    return out


_PATRONYMICS = pl.concat(
    [POOLS.patronymic, pl.Series([None], dtype=pl.String)]
)  # the last: no patronymic


def _dates(ordinals: np.ndarray) -> pl.Series:
    return pl.Series((ordinals - EPOCH).astype(np.int32)).cast(pl.Date)


def _person_frame(
    p: People,
    iins: list[str],
    address: np.ndarray,
    home: np.ndarray,
    special_no: np.ndarray,
    elig: np.ndarray,
) -> pl.DataFrame:
    has_pat = p.father >= 0
    pat_index = np.maximum(p.father, 0) * 4 + p.pat_style * 2 + p.female
    death = _dates(np.maximum(p.death, EPOCH))
    return pl.DataFrame(
        {
            "iin": iins,
            "last_name": POOLS.surname.gather(p.surname * 4 + p.surname_ru * 2 + p.female),
            "first_name": POOLS.first.gather(p.first * 2 + p.first_ru),
            "patronymic": _PATRONYMICS.gather(np.where(has_pat, pat_index, len(POOLS.patronymic))),
            "birth_date": _dates(p.birth),
            "sex": pl.Series(np.where(p.female == 1, "F", "M")),
            "citizenship": pl.Series(CITIZENSHIPS).gather(p.citizenship),
            "address_id": address,
            "death_date": pl.Series(np.where(p.death > 0, 1, 0)).cast(pl.Boolean),
            "incapable": p.incapable.astype(np.int8),
            "imprisoned": p.imprisoned.astype(np.int8),
            "home_precinct": home,
            "special_no": special_no,
            "eligible": elig,
            "hh": p.hh,
            "slot": p.slot,
            "maiden": p.maiden,
            "first_idx": p.first,
            "first_ru": p.first_ru.astype(np.int64),
            "surname_idx": p.surname,
            "surname_ru": p.surname_ru.astype(np.int64),
            "pat_style": p.pat_style,
            "father_idx": p.father,
            "female": p.female,
            "group": p.group,
        }
    ).with_columns(
        pl.when(pl.col("death_date")).then(death).otherwise(None).alias("death_date"),
        pl.int_range(0, pl.len(), dtype=pl.Int64).alias("pid"),
    )


def update_rows(df: pl.DataFrame, key: str, ids: np.ndarray, **cols: object) -> pl.DataFrame:
    """Set columns on the rows whose ``key`` is in ``ids`` (values may be null)."""
    if len(ids) == 0:
        return df
    data: dict[str, object] = {key: np.asarray(ids, dtype=np.int64), "_hit": True}
    data |= {f"_new_{c}": v for c, v in cols.items()}
    upd = pl.DataFrame(data).with_columns(pl.col(f"_new_{c}").cast(df.schema[c]) for c in cols)
    out = df.join(upd, on=key, how="left", maintain_order="left")
    return out.with_columns(
        pl.when(pl.col("_hit")).then(pl.col(f"_new_{c}")).otherwise(pl.col(c)).alias(c)
        for c in cols
    ).drop(["_hit", *(f"_new_{c}" for c in cols)])
