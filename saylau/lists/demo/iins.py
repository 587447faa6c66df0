"""IINs for generated people, vectorised, unique across the whole region.

The layout is ``saylau.law.iin``'s (Resolution No. 565 of 11 June 2003): ``YYMMDD``, the
century-and-sex digit, a four-digit serial and the check digit. Serials are handed out per
(birth date, sex) from a counter that runs across chunks, so every IIN is new; a prefix that
is never issued (check digit 10 under both weight rows) is skipped. Serials from
:data:`RESERVED_SERIAL` up are never given to a registry person: the error injector uses them
for valid IINs that no registry person has.

>>> import numpy as np, datetime
>>> alloc = IinAllocator()
>>> born = np.array([datetime.date(1864, 3, 2).toordinal()] * 2)
>>> alloc.allocate(born, np.array([1, 1]))
['640302200018', '640302200028']
"""

from __future__ import annotations

from datetime import date

import numpy as np

from saylau.law.iin import check_digit

RESERVED_SERIAL = 9000
_W1 = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], dtype=np.int64)
_W2 = np.array([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2], dtype=np.int64)
_FIRST = date(1800, 1, 1).toordinal()


def _ymd(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    days = (ordinals - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    y = years.astype(np.int64) + 1970
    m = (months - years).astype(np.int64) + 1
    d = (days - months).astype(np.int64) + 1
    return y, m, d


def prefixes(birth: np.ndarray, female: np.ndarray, serial: np.ndarray) -> np.ndarray:
    """The first 11 digits as an (n, 11) digit array."""
    y, m, d = _ymd(birth)
    century = (y // 100 - 18) * 2 + 1 + female  # 1/2: 1800s, 3/4: 1900s, 5/6: 2000s
    number = (((y % 100) * 100 + m) * 100 + d) * 100_000 + century * 10_000 + serial
    powers = 10 ** np.arange(10, -1, -1, dtype=np.int64)
    out: np.ndarray = (number[:, None] // powers) % 10
    return out


def check_digits(digits: np.ndarray) -> np.ndarray:
    """Check digit per row, -1 where the prefix is never issued (as ``law.iin.check_digit``)."""
    s = (digits @ _W1) % 11
    s2 = (digits @ _W2) % 11
    out = np.where(s == 10, s2, s)
    return np.where(out == 10, -1, out)


def to_strings(digits: np.ndarray, check: np.ndarray) -> list[str]:
    full = np.concatenate([digits, check[:, None]], axis=1).astype(np.uint8) + ord("0")
    return [row.tobytes().decode("ascii") for row in full]


class IinAllocator:
    """Hands out unique IINs; the counters live for the whole region."""

    def __init__(self) -> None:
        self.next_serial = np.zeros((date(2100, 1, 1).toordinal() - _FIRST) * 2, dtype=np.int64)

    def allocate(self, birth: np.ndarray, female: np.ndarray) -> list[str]:
        birth = np.asarray(birth, dtype=np.int64)
        female = np.asarray(female, dtype=np.int64)
        key = (birth - _FIRST) * 2 + female
        order = np.argsort(key, kind="stable")
        sk = key[order]
        start = np.r_[0, np.flatnonzero(sk[1:] != sk[:-1]) + 1]
        sizes = np.diff(np.r_[start, sk.size])
        rank = np.arange(sk.size) - np.repeat(start, sizes)
        serial = np.empty_like(key)
        serial[order] = self.next_serial[sk] + rank + 1
        np.add.at(self.next_serial, sk[start], sizes)
        digits = prefixes(birth, female, serial)
        check = check_digits(digits)
        for i in np.flatnonzero(check < 0):  # about 1 in 121: take the next free serial
            while True:
                self.next_serial[key[i]] += 1
                s = int(self.next_serial[key[i]])
                prefix = "".join(
                    map(str, prefixes(birth[i : i + 1], female[i : i + 1], np.array([s]))[0])
                )
                cd = check_digit(prefix)
                if cd is not None:
                    digits[i] = [int(c) for c in prefix]
                    check[i] = cd
                    break
        if self.next_serial.max(initial=0) >= RESERVED_SERIAL:
            msg = "more than 9,000 people born on one day: the IIN serials are exhausted"
            raise RuntimeError(msg)
        return to_strings(digits, check)
