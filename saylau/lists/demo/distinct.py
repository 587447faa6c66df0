"""Keep different people from looking like one person to a duplicate search.

Two registry persons with the same folded first name, the same father's name (canonical
patronymic) and the same birth date and sex, or the same folded first name and surname and
birth date and sex, would be a probable duplicate for any audit; so would two whose birth dates
differ only by a swapped day and month (the keys take day and month as an unordered pair). In a real register such
pairs are rare; in random data over small name pools they are common. So the generator
re-draws a first name until neither key has been seen anywhere in the region (twins differ in
first name, so they stay twins); when a small name pool is used up on one day (a national
register has ~500 Azerbaijani women born on each day), the birth date moves by a day or two. Seen keys live in a bitmap of hashed keys: a false hit only
costs a needless re-draw, and memory stays fixed however large the region.
"""

from __future__ import annotations

import numpy as np

from .households import FATHER, GRANDFATHER, KID0, N_KIDS, People
from .pools import POOLS, draw_first

_BIRTH_BITS = 21
_TYPE2 = np.uint64(1) << np.uint64(52)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser."""
    z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


class SeenKeys:
    """A bitmap of the hashed look-alike keys of every person generated so far."""

    def __init__(self, expected_people: int) -> None:
        bits = 1 << max(20, int(2 * expected_people * 48).bit_length())
        self.mask = np.uint64(bits - 1)
        self.bitmap = np.zeros(bits // 8, dtype=np.uint8)

    def _slots(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        h = _mix(keys) & self.mask
        return (h >> np.uint64(3)).astype(np.int64), (h & np.uint64(7)).astype(np.uint8)

    def hits(self, keys: np.ndarray) -> np.ndarray:
        byte, bit = self._slots(keys)
        out: np.ndarray = ((self.bitmap[byte] >> bit) & 1).astype(bool)
        return out

    def add(self, keys: np.ndarray) -> None:
        byte, bit = self._slots(keys)
        np.bitwise_or.at(self.bitmap, byte, (np.uint8(1) << bit).astype(np.uint8))


def look_alike_keys(p: People) -> tuple[np.ndarray, np.ndarray]:
    """(first, father, birth, sex) where there is a patronymic; (first, surname, birth, sex)."""
    return keys_of(p.first, p.father, p.surname, p.female, p.birth)


def keys_of(
    first_idx: np.ndarray,
    father_idx: np.ndarray,
    surname_idx: np.ndarray,
    female: np.ndarray,
    birth: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    first = POOLS.first_fold[first_idx]
    day = _unordered_day(np.asarray(birth, dtype=np.int64))
    father = np.where(father_idx >= 0, POOLS.first_fold[np.maximum(father_idx, 0)], -1)
    k1 = (((first * (POOLS.n_first + 1) + father + 1) * 2 + female) << _BIRTH_BITS) + day
    sur = POOLS.surname_fold[surname_idx]
    k2 = (((first * (POOLS.n_surnames + 1) + sur) * 2 + female) << _BIRTH_BITS) + day
    k1 = np.where(father_idx >= 0, k1, -1 - np.arange(k1.size))  # unique dummies: never collide
    return k1.astype(np.uint64), k2.astype(np.uint64) | _TYPE2


def claim_if_fresh(
    seen: SeenKeys, first: int, father: int, surname: int, female: int, birth: int
) -> bool:
    """For a name or birth date written on a line by mistake: True (and the keys are taken)
    when it looks like nobody else, so the mistake creates no probable duplicate."""
    k1, k2 = keys_of(
        np.array([first]),
        np.array([father]),
        np.array([surname]),
        np.array([female]),
        np.array([birth]),
    )
    if (father >= 0 and seen.hits(k1)[0]) or seen.hits(k2)[0]:
        return False
    seen.add(k2 if father < 0 else np.concatenate([k1, k2]))
    return True


def _unordered_day(ordinals: np.ndarray) -> np.ndarray:
    """The birth date with day and month as an unordered pair: 1990-03-07 and 1990-07-03 are
    one key, so no two people differ only by a swapped day and month."""
    days = (ordinals - 719163).astype("datetime64[D]")
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    y = years.astype(np.int64) + 1970
    m = (months - years).astype(np.int64) + 1
    d = (days - months).astype(np.int64) + 1
    out: np.ndarray = y * 512 + np.minimum(m, d) * 32 + np.maximum(m, d)
    return out


def link_family(p: People) -> None:
    """Children's patronymic from the father's first name; the father's from the grandfather's."""
    n_hh = int(p.hh.max()) + 1 if len(p) else 0
    for parent, children in ((FATHER, range(KID0, KID0 + N_KIDS)), (GRANDFATHER, (FATHER,))):
        name = np.full(n_hh, -1, dtype=np.int64)
        sel = p.slot == parent
        name[p.hh[sel]] = p.first[sel]
        link = np.isin(p.slot, list(children)) & (p.father >= 0) & (name[p.hh] >= 0)
        p.father[link] = name[p.hh[link]]


def make_distinct(rng: np.random.Generator, p: People, seen: SeenKeys) -> int:
    """Re-draw first names until no look-alike key repeats; returns how many were re-drawn."""
    redrawn = 0
    for attempt in range(80):
        link_family(p)
        k1, k2 = look_alike_keys(p)
        bad = (seen.hits(k1) & (p.father >= 0)) | seen.hits(k2)
        both = np.concatenate([k1, k2])
        _, first_at = np.unique(both, return_index=True)
        repeated = np.ones(both.size, dtype=bool)
        repeated[first_at] = False
        bad |= repeated[: len(p)] | repeated[len(p) :]
        # Dummy keys of people without a patronymic are negative and unique by construction.
        if not bad.any():
            seen.add(k1[p.father >= 0])
            seen.add(k2)
            return redrawn
        redrawn += int(bad.sum())
        p.first[bad] = draw_first(rng, p.group[bad], p.female[bad])
        if attempt >= 20:  # every name of a small pool is taken on that day: move the day
            p.birth[bad] += rng.choice(np.array([-2, -1, 1, 2]), int(bad.sum()))
    msg = "could not make the generated names distinct (name pools too small for this scale)"
    raise RuntimeError(msg)
