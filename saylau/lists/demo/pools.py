"""The name pools as arrays, for vectorised sampling (indices into flat string tables)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from saylau.law.names import fold_name

from .names import FIRST_NAMES, GROUPS, SURNAMES, ru_spelling

IntArray = np.ndarray


@dataclass(frozen=True)
class Pools:
    #: first_by[group][sex] -> indices into FIRST_NAMES (sex 0 = M, 1 = F)
    first_by: tuple[tuple[IntArray, IntArray], ...]
    #: surnames_by[group] -> indices into the surname table
    surnames_by: tuple[IntArray, ...]
    #: string tables; a name is looked up as table[index * width + variant]
    first: pl.Series  # index*2 + (0 kk spelling, 1 ru spelling)
    patronymic: pl.Series  # father*4 + style*2 + child_sex (style 0 kk, 1 ru)
    surname: pl.Series  # index*4 + ru_spelling*2 + sex
    n_first: int
    n_surnames: int
    #: the same number for names that fold equal (``fold_name``): who may look alike
    first_fold: IntArray
    surname_fold: IntArray


def build_pools() -> Pools:
    first: list[str] = []
    pats: list[str] = []
    first_by: list[tuple[IntArray, IntArray]] = []
    for f in FIRST_NAMES:
        first += [f.kk, f.ru]
        pats += [f.pat_kk[0], f.pat_kk[1], f.pat_ru[0], f.pat_ru[1]]
    for g in GROUPS:
        pair = tuple(
            np.array(
                [i for i, f in enumerate(FIRST_NAMES) if f.group == g and f.sex == s],
                dtype=np.int64,
            )
            for s in ("M", "F")
        )
        first_by.append((pair[0], pair[1]))
    surnames: list[str] = []
    surnames_by: list[IntArray] = []
    n = 0
    for g in GROUPS:
        pairs = SURNAMES[g]
        for male, fem in pairs:
            surnames += [male, fem, ru_spelling(male), ru_spelling(fem)]
        surnames_by.append(np.arange(n, n + len(pairs), dtype=np.int64))
        n += len(pairs)
    first_fold = _fold_ids([f.kk for f in FIRST_NAMES])
    surname_fold = _fold_ids(surnames[0::4])
    return Pools(
        first_by=tuple(first_by),
        surnames_by=tuple(surnames_by),
        first=pl.Series("first", first, dtype=pl.String),
        patronymic=pl.Series("patronymic", pats, dtype=pl.String),
        surname=pl.Series("surname", surnames, dtype=pl.String),
        n_first=len(FIRST_NAMES),
        n_surnames=n,
        first_fold=first_fold,
        surname_fold=surname_fold,
    )


def _fold_ids(names: list[str]) -> IntArray:
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(fold_name(x), len(ids)) for x in names], dtype=np.int64)


POOLS = build_pools()


#: Zipf-like frequencies: the k-th name of a pool (the pools list the commonest first) has
#: weight 1 / (k + ZIPF_OFFSET). The commonest Kazakh first names, patronymics and surnames
#: are then carried by 2-4 % of people each, with a long tail of rare names, so namesakes
#: (same first name, patronymic and birth date; even the same full name) occur about as often
#: as in the country (the sum of squared frequencies is about 0.01 for each part of a name).
ZIPF_OFFSET = 8


def zipf_weights(n: int) -> np.ndarray:
    w = 1.0 / (np.arange(n, dtype=np.float64) + 1 + ZIPF_OFFSET)
    out: np.ndarray = w / w.sum()
    return out


def draw_first(rng: np.random.Generator, group: IntArray, female: IntArray) -> IntArray:
    """A random first name for each (group, sex)."""
    out = np.zeros(group.shape, dtype=np.int64)
    for g, pair in enumerate(POOLS.first_by):
        for s in (0, 1):
            mask = (group == g) & (female == s)
            k = int(mask.sum())
            if k:
                out[mask] = pair[s][rng.choice(len(pair[s]), k, p=zipf_weights(len(pair[s])))]
    return out


def draw_surname(rng: np.random.Generator, group: IntArray) -> IntArray:
    out = np.zeros(group.shape, dtype=np.int64)
    for g, pool in enumerate(POOLS.surnames_by):
        mask = group == g
        k = int(mask.sum())
        if k:
            out[mask] = pool[rng.choice(len(pool), k, p=zipf_weights(len(pool)))]
    return out
