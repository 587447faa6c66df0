"""Households of the synthetic region, drawn vectorised (numpy), one chunk at a time.

A household is one dwelling's family: a single adult, a couple, a couple or a single mother
with children, or three generations (the father's parents live with the family, as is common
in Kazakh villages). Each household has nine member slots; absent slots are dropped when the
members are flattened into persons. Children take the father's surname (in its male or
female form) and his first name as patronymic; the father's patronymic is the grandfather's
first name. Kazakh patronymics are -ұлы/-қызы for most people born after the mid-1990s and
-ович/-овна for most older people; a few people have none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .names import GROUP_WEIGHTS, GROUPS
from .pools import draw_first, draw_surname

FATHER, MOTHER, KID0, GRANDFATHER, GRANDMOTHER = 0, 1, 2, 7, 8
SLOTS = 9
N_KIDS = 5
YEAR = 365.2425
KZ = GROUPS.index("kz")
#: Household types and their shares.
SINGLE, COUPLE, FAMILY, SINGLE_MOTHER, THREE_GEN = range(5)
TYPE_WEIGHTS = (0.10, 0.12, 0.52, 0.09, 0.17)
#: Citizenship of foreign households by group (Kazakh: kandas not yet citizens).
FOREIGN_RATE = 0.012
FOREIGN_OF_GROUP = {"kz": ("CN", "UZ", "MN"), "ru": ("RU",), "uz": ("UZ",), "az": ("AZ", "TR")}
CITIZENSHIPS = ("KZ", "CN", "UZ", "MN", "RU", "AZ", "TR", "KG")


@dataclass
class People:
    """Flat per-person arrays (one entry per person)."""

    hh: np.ndarray
    slot: np.ndarray
    group: np.ndarray
    female: np.ndarray
    birth: np.ndarray  # proleptic ordinal of the birth date
    first: np.ndarray
    father: np.ndarray  # first-name index of the father (-1: no patronymic)
    pat_style: np.ndarray  # 0 Kazakh -ұлы/-қызы, 1 Russian -ович/-овна
    first_ru: np.ndarray  # first name in its Russian spelling
    surname: np.ndarray
    surname_ru: np.ndarray
    maiden: np.ndarray  # a married woman's surname by birth (-1: not applicable)
    citizenship: np.ndarray  # index into CITIZENSHIPS
    death: np.ndarray  # ordinal of the death date, 0 = alive
    incapable: np.ndarray
    imprisoned: np.ndarray

    def __len__(self) -> int:
        return int(self.hh.size)


def draw_households(rng: np.random.Generator, n: int, election_ord: int) -> People:
    """``n`` households; ages are relative to the election day ``election_ord``."""
    group = rng.choice(len(GROUPS), n, p=np.array(GROUP_WEIGHTS) / sum(GROUP_WEIGHTS))
    kind = rng.choice(5, n, p=TYPE_WEIGHTS)
    present = np.zeros((n, SLOTS), dtype=bool)
    age = np.zeros((n, SLOTS))
    female = np.zeros((n, SLOTS), dtype=np.int64)
    female[:, MOTHER] = female[:, GRANDMOTHER] = 1

    young = rng.random(n) < 0.6
    fa = np.where(young, rng.uniform(18, 40, n), rng.uniform(55, 90, n))  # single
    fa = np.where(
        kind == COUPLE, np.where(young, rng.uniform(20, 35, n), rng.uniform(48, 84, n)), fa
    )
    fa = np.where(kind == FAMILY, rng.uniform(23, 52, n), fa)
    fa = np.where(kind == THREE_GEN, rng.uniform(24, 50, n), fa)
    ma = np.maximum(fa - rng.uniform(0, 6, n), rng.uniform(18.1, 22, n))
    ma = np.where(kind == SINGLE_MOTHER, rng.uniform(22, 50, n), ma)
    single_female = (kind == SINGLE) & (rng.random(n) < 0.5)
    present[:, FATHER] = (kind != SINGLE_MOTHER) & ~single_female
    present[:, MOTHER] = (kind != SINGLE) | single_female
    age[:, FATHER] = fa
    age[:, MOTHER] = np.where(single_female, fa, ma)

    with_kids = np.isin(kind, (FAMILY, SINGLE_MOTHER, THREE_GEN))
    kz = group == KZ
    n_kids = (
        np.where(
            kz,
            rng.choice(5, n, p=(0.10, 0.24, 0.31, 0.21, 0.14)),
            rng.choice(5, n, p=(0.28, 0.40, 0.21, 0.08, 0.03)),
        )
        + 1
    )
    kid_age = age[:, MOTHER] - rng.uniform(19, 31, n)
    for k in range(N_KIDS):
        s = KID0 + k
        age[:, s] = kid_age
        present[:, s] = with_kids & (k < n_kids) & (kid_age >= 0) & (kid_age < 26)
        female[:, s] = rng.random(n) < 0.49
        kid_age = kid_age - rng.uniform(1.2, 5.0, n)
    # Twins: the second child shares the first one's birth day.
    twins = present[:, KID0 + 1] & (rng.random(n) < 0.02)
    age[twins, KID0 + 1] = age[twins, KID0]
    ga = age[:, FATHER] + rng.uniform(22, 34, n)
    three = (kind == THREE_GEN) & present[:, FATHER]
    present[:, GRANDFATHER] = three & (rng.random(n) < 0.65) & (ga < 96)
    present[:, GRANDMOTHER] = three & (rng.random(n) < 0.85) & (ga < 92)
    age[:, GRANDFATHER] = ga
    age[:, GRANDMOTHER] = np.maximum(ga - rng.uniform(0, 5, n), age[:, FATHER] + 19)

    birth = election_ord - np.floor(age * YEAR).astype(np.int64)
    birth[twins, KID0 + 1] = birth[twins, KID0]

    g2 = np.repeat(group[:, None], SLOTS, axis=1)
    first = draw_first(rng, g2.ravel(), female.ravel()).reshape(n, SLOTS)
    father = draw_first(rng, g2.ravel(), np.zeros(n * SLOTS, dtype=np.int64)).reshape(n, SLOTS)
    surname = np.repeat(draw_surname(rng, group)[:, None], SLOTS, axis=1)
    maiden = np.full((n, SLOTS), -1, dtype=np.int64)
    married = present[:, FATHER] & present[:, MOTHER]
    maiden[married, MOTHER] = draw_surname(rng, group[married])
    keeps = married & (rng.random(n) < np.where(kz, 0.45, 0.08))
    surname[keeps, MOTHER] = maiden[keeps, MOTHER]

    # Patronymic style and spelling: Kazakh forms for most young Kazakhs.
    years = age
    young_p = years < 31
    style_kz = np.where(young_p, rng.random((n, SLOTS)) < 0.2, rng.random((n, SLOTS)) < 0.78)
    style_other = np.where(g2 == GROUPS.index("az"), rng.random((n, SLOTS)) < 0.5, True)
    pat_style = np.where(g2 == KZ, style_kz, style_other).astype(np.int64)
    none_rate = np.where(np.isin(g2, (GROUPS.index("de"), GROUPS.index("ko"))), 0.15, 0.04)
    no_pat = rng.random((n, SLOTS)) < none_rate
    first_ru = (g2 == KZ) & (rng.random((n, SLOTS)) < np.where(young_p, 0.12, 0.45))
    surname_ru = np.repeat((rng.random(n) < 0.3)[:, None], SLOTS, axis=1) & (g2 == KZ)

    citizenship = np.zeros(n, dtype=np.int64)
    foreign = rng.random(n) < FOREIGN_RATE
    for gi, gname in enumerate(GROUPS):
        options = FOREIGN_OF_GROUP.get(gname, ("RU",))
        mask = foreign & (group == gi)
        pick = rng.integers(0, len(options), int(mask.sum()))
        citizenship[mask] = [CITIZENSHIPS.index(options[i]) for i in pick]
    cit = np.repeat(citizenship[:, None], SLOTS, axis=1)

    mask = present.ravel()
    hh = np.repeat(np.arange(n, dtype=np.int64), SLOTS)[mask]
    slot = np.tile(np.arange(SLOTS, dtype=np.int64), n)[mask]
    years_flat = age.ravel()[mask]
    female_flat = female.ravel()[mask]
    m = int(mask.sum())
    p_death = np.where(years_flat > 70, 0.07, np.where(years_flat > 60, 0.02, 0.001))
    dead = rng.random(m) < p_death
    death = np.where(dead, election_ord - rng.integers(40, 400, m), 0)
    adult = years_flat >= 18
    incapable = adult & (rng.random(m) < np.where(years_flat > 75, 0.01, 0.0025))
    p_prison = np.where(female_flat == 1, 0.0004, np.where(years_flat < 50, 0.006, 0.001))
    imprisoned = adult & ~incapable & (rng.random(m) < p_prison)
    father_flat = np.where(no_pat.ravel()[mask], -1, father.ravel()[mask])
    return People(
        hh=hh,
        slot=slot,
        group=g2.ravel()[mask],
        female=female_flat,
        birth=birth.ravel()[mask],
        first=first.ravel()[mask],
        father=father_flat,
        pat_style=pat_style.ravel()[mask],
        first_ru=first_ru.ravel()[mask],
        surname=surname.ravel()[mask],
        surname_ru=surname_ru.ravel()[mask],
        maiden=maiden.ravel()[mask],
        citizenship=cit.ravel()[mask],
        death=death,
        incapable=incapable,
        imprisoned=imprisoned,
    )
