"""Look-alikes in the synthetic region: namesakes as in a real country, never by accident
in an injected mistake.

People are drawn from the name pools with their real-world-like frequencies
(:mod:`.pools`), so namesakes occur as they do in Kazakhstan: two people with the same
first name, patronymic and birth date, even the same full name, are common in a national
register, and they are two people (the answer key never pairs them). Only twins are kept
apart (parents do not give two children one name).

An *injected mistake* (another name or birth date written on a line, a maiden surname on a
second record) must not create an accidental look-alike beyond the one injected, so the
keys of everyone generated so far live in a bitmap of hashed keys: (folded first name,
canonical patronymic, birth date, sex) and (folded first name, folded surname, birth date,
sex), the birth date with day and month as an unordered pair. A false hit only costs a
needless re-draw of the mistake, and memory stays fixed however large the region.
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
    """Patronymics from the fathers' names, twins with two first names, and every person's
    look-alike keys remembered (for :func:`claim_if_fresh`); returns how many names were
    re-drawn. Namesakes stay: they are the real world's."""
    redrawn = 0
    kid = (p.slot >= KID0) & (p.slot < KID0 + N_KIDS)
    for _ in range(80):
        link_family(p)
        key = (p.hh * 2 + p.female) * 1_000_003 + p.birth
        order = np.lexsort((p.first, key))
        same = np.zeros(len(p), dtype=bool)
        if len(p) > 1:
            dup = (key[order][1:] == key[order][:-1]) & (p.first[order][1:] == p.first[order][:-1])
            same[order[1:][dup]] = True
        same &= kid
        if not same.any():
            break
        redrawn += int(same.sum())
        p.first[same] = draw_first(rng, p.group[same], p.female[same])
    k1, k2 = look_alike_keys(p)
    seen.add(k1[p.father >= 0])
    seen.add(k2)
    return redrawn
