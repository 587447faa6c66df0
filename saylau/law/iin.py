"""The individual identification number (ИИН) of a natural person.

Government Resolution of 11 June 2003 No. 565 "On the approval of the Rules of forming
individual identification numbers" (adilet P030000565_); the check-digit clause as linked at
adilet P070000406_ (law-notes section 6):

* digits 1-6: date of birth ``YYMMDD``;
* digit 7: century and sex: 1/2 born in the 19th century (male/female), 3/4 in the 20th,
  5/6 in the 21st;
* digits 8-11: serial number;
* digit 12: check digit ``sum(d_i * i) mod 11`` for i = 1..11; if that is 10, recompute with
  the weights 3, 4, ..., 11, 1, 2; if it is 10 again, the prefix is never issued.

>>> parse_iin("640302200018")
IIN(value='640302200018', birth_date=datetime.date(1864, 3, 2), sex='F')
>>> check_digit("90010130081")
1
>>> check_digit("90010130080") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, NewType

from .errors import InvalidIIN

IINStr = NewType("IINStr", str)
Sex = Literal["M", "F"]

WEIGHTS_FIRST: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_SECOND: tuple[int, ...] = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

#: Seventh digit -> (first year of the century, sex).
CENTURY_SEX: dict[int, tuple[int, Sex]] = {
    1: (1800, "M"),
    2: (1800, "F"),
    3: (1900, "M"),
    4: (1900, "F"),
    5: (2000, "M"),
    6: (2000, "F"),
}


@dataclass(frozen=True)
class IIN:
    """A valid IIN with what it encodes."""

    value: str
    birth_date: date
    sex: Sex


def check_digit(prefix: str) -> int | None:
    """The 12th digit for an 11-digit prefix, or ``None`` if the prefix is never issued."""
    digits = [ord(c) - 48 for c in prefix]
    s = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST, strict=True)) % 11
    if s == 10:
        s = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND, strict=True)) % 11
        if s == 10:
            return None
    return s


def parse_iin(value: str, *, today: date | None = None) -> IIN:
    """Validate ``value`` and return what it encodes; raise :class:`InvalidIIN` with the reason.

    ``today`` (default: no check) rejects a birth date after that day: a checksum-valid IIN of
    someone not yet born was mistyped.
    """
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise InvalidIIN(value, "iin_format", "an IIN is exactly 12 digits")
    century_digit = ord(value[6]) - 48
    if century_digit not in CENTURY_SEX:
        raise InvalidIIN(value, "iin_century", "the 7th digit (century and sex) must be 1 to 6")
    century, sex = CENTURY_SEX[century_digit]
    try:
        born = date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise InvalidIIN(value, "iin_date", "digits 1-6 are not a real date of birth") from None
    if today is not None and born > today:
        raise InvalidIIN(
            value, "iin_future", f"the date of birth {born.isoformat()} is in the future"
        )
    expected = check_digit(value[:11])
    if expected is None:
        raise InvalidIIN(
            value, "iin_never_issued", "no IIN is ever issued with these first 11 digits"
        )
    if expected != ord(value[11]) - 48:
        raise InvalidIIN(value, "iin_check_digit", f"wrong check digit (expected {expected})")
    return IIN(value=value, birth_date=born, sex=sex)


def is_valid_iin(value: str, *, today: date | None = None) -> bool:
    try:
        parse_iin(value, today=today)
    except InvalidIIN:
        return False
    return True


def make_iin(birth_date: date, sex: Sex, serial: int) -> str | None:
    """Build the IIN for a birth date, sex and 4-digit serial (``None`` if never issued).

    >>> make_iin(date(1864, 3, 2), "F", 1)
    '640302200018'
    """
    century = (birth_date.year // 100) * 100
    digit = next(d for d, (c, s) in CENTURY_SEX.items() if c == century and s == sex)
    prefix = f"{birth_date:%y%m%d}{digit}{serial:04d}"
    cd = check_digit(prefix)
    return None if cd is None else prefix + str(cd)


_UNSEEN = "?"


def _head_error(head: str, today: date | None) -> str | None:
    """The error code for the first 7 digits (date and century), or None."""
    century_digit = ord(head[6]) - 48
    if century_digit not in CENTURY_SEX:
        return "iin_century"
    try:
        born = date(CENTURY_SEX[century_digit][0] + int(head[0:2]), int(head[2:4]), int(head[4:6]))
    except ValueError:
        return "iin_date"
    if today is not None and born > today:
        return "iin_future"
    return None


def iin_error_codes(values: Iterable[str], *, today: date | None = None) -> list[str | None]:
    """The rejection code of each value (``None``: valid), exactly as :func:`parse_iin` decides.

    The batch form for registry extracts: the date part is decided once per distinct
    ``YYMMDD`` + century digit, the check digit with integer arithmetic on the ASCII bytes
    (both weight rows sum to 66, so ``66 * ord("0")`` removes the ASCII offset).

    >>> iin_error_codes(["640302200018", "061211600013", "90010130080x", "640302700018"])
    [None, 'iin_check_digit', 'iin_format', 'iin_century']
    """
    heads: dict[str, str | None] = {}
    out: list[str | None] = []
    append = out.append
    offset = 66 * 48
    for v in values:
        if len(v) != 12 or not v.isascii() or not v.isdigit():
            append("iin_format")
            continue
        head = v[:7]
        err = heads.get(head, _UNSEEN)
        if err == _UNSEEN:
            err = heads[head] = _head_error(head, today)
        if err is not None:
            append(err)
            continue
        b = v.encode("ascii")
        s = (
            b[0]
            + 2 * b[1]
            + 3 * b[2]
            + 4 * b[3]
            + 5 * b[4]
            + 6 * b[5]
            + 7 * b[6]
            + 8 * b[7]
            + 9 * b[8]
            + 10 * b[9]
            + 11 * b[10]
            - offset
        ) % 11
        if s == 10:
            s = (
                3 * b[0]
                + 4 * b[1]
                + 5 * b[2]
                + 6 * b[3]
                + 7 * b[4]
                + 8 * b[5]
                + 9 * b[6]
                + 10 * b[7]
                + 11 * b[8]
                + b[9]
                + 2 * b[10]
                - offset
            ) % 11
            if s == 10:
                append("iin_never_issued")
                continue
        append(None if s == b[11] - 48 else "iin_check_digit")
    return out
