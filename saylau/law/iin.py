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

from collections.abc import Iterable, Sequence
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


#: Status bytes of :func:`iin_status_vector`, index -> error code (0: valid).
STATUS_CODES: tuple[str | None, ...] = (
    None,
    "iin_format",
    "iin_century",
    "iin_date",
    "iin_future",
    "iin_never_issued",
    "iin_check_digit",
)
_STATUS_OF = {code: i for i, code in enumerate(STATUS_CODES)}
_ASCII_DIGIT = bytes((b - 48) % 256 if 48 <= b <= 57 else 0 for b in range(256))
_MOD11 = bytes(b % 11 for b in range(256))
_HI_MOD11 = bytes((b * 256) % 11 for b in range(256))
# s1 * 11 + s2 -> the check digit (10: never issued): the second pass counts only if s1 is 10.
_FINAL = bytes((x // 11 if x // 11 != 10 else x % 11) if x < 121 else 0 for x in range(256))
# s * 16 + digit -> status: 0 valid, 5 never issued, 6 wrong check digit.
_CHECK = bytes(
    (0 if x // 16 == x % 16 else (5 if x // 16 == 10 else 6)) if x < 176 else 0 for x in range(256)
)
# head status * 8 + check status -> the first error in parse_iin's order.
_FIRST = bytes((x // 8 or x % 8) if x < 64 else 0 for x in range(256))


def _lanes16(column: bytes) -> int:
    """``column`` (one byte per row) as one integer with a 16-bit lane per row."""
    wide = bytearray(2 * len(column))
    wide[1::2] = column
    return int.from_bytes(wide, "big")


def _mod11_lanes(total: int, n: int) -> bytes:
    """Each 16-bit lane of ``total`` (values < 65536) modulo 11, one byte per row."""
    raw = total.to_bytes(2 * n, "big")
    high, low = raw[0::2].translate(_HI_MOD11), raw[1::2].translate(_MOD11)
    summed = int.from_bytes(high, "big") + int.from_bytes(low, "big")  # lanes <= 20: no carry
    return summed.to_bytes(n, "big").translate(_MOD11)


def _int(column: bytes) -> int:
    return int.from_bytes(column, "big")


def _lanes32(column: bytes) -> int:
    """``column`` (one byte per row) as one integer with a 32-bit lane per row."""
    wide = bytearray(4 * len(column))
    wide[3::4] = column
    return int.from_bytes(wide, "big")


_CENTURY_BAD = bytes(0 if 1 <= b <= 6 else 1 for b in range(256))
_CENTURY_2000S = bytes(1 if b in (5, 6) else 0 for b in range(256))
_CENTURY_BASE = bytes({1: 18, 2: 18, 3: 19, 4: 19, 5: 20, 6: 20}.get(b, 0) for b in range(256))
# yy * 2 + (2000s) -> leap year? 1800 and 1900 are not, 2000 is.
_LEAP = bytes(
    (1 if (x // 2) % 4 == 0 and (x // 2 != 0 or x % 2 == 1) else 0) if x < 200 else 0
    for x in range(256)
)
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# month * 2 + leap -> days in the month (0: no such month).
_MAX_DAY = bytes(
    (_DAYS[x // 2] + (1 if x // 2 == 2 and x % 2 else 0) if 1 <= x // 2 <= 12 else 0)
    if x < 200
    else 0
    for x in range(256)
)
_DAY_ZERO_BAD = bytes(200 if b == 0 else b for b in range(256))
_FUTURE_BIT = bytes(0 if (b >> 2) & 1 else 1 for b in range(256))
_FLIP = bytes(1 if b == 0 else 0 for b in range(256))
# century bad * 4 + date bad * 2 + future -> the first error in parse_iin's order.
_HEAD_FIRST = bytes(
    (2 if x & 4 else 3 if x & 2 else 4 if x & 1 else 0) if x < 8 else 0 for x in range(256)
)


def _head_status_vector(digits: bytes, n: int, today: date | None) -> bytes:
    """Century, date and future checks of every row at once (status 0, 2, 3 or 4)."""
    col = [digits[i::12] for i in range(7)]
    yy = (_int(col[0]) * 10 + _int(col[1])).to_bytes(n, "big")
    mm = (_int(col[2]) * 10 + _int(col[3])).to_bytes(n, "big")
    dd = (_int(col[4]) * 10 + _int(col[5])).to_bytes(n, "big")
    century_bad = col[6].translate(_CENTURY_BAD)
    leap = (_int(yy) * 2 + _int(col[6].translate(_CENTURY_2000S))).to_bytes(n, "big")
    leap = leap.translate(_LEAP)
    max_day = (_int(mm) * 2 + _int(leap)).to_bytes(n, "big").translate(_MAX_DAY)
    # 16-bit lanes of 256 + max_day - day: the high byte is 1 exactly when 1 <= day <= max_day.
    ones = int.from_bytes(b"\x01\x00" * n, "big")
    fits = ones + _lanes16(max_day) - _lanes16(dd.translate(_DAY_ZERO_BAD))
    date_bad = fits.to_bytes(2 * n, "big")[0::2].translate(_FLIP)
    if today is None:
        future = bytes(n)
    else:
        # 32-bit lanes of 2**26 + today - born (as YYYYMMDD): bit 26 is clear when born > today.
        born = (
            _lanes32(col[6].translate(_CENTURY_BASE)) * 1_000_000
            + _lanes32(yy) * 10_000
            + _lanes32(mm) * 100
            + _lanes32(dd)
        )
        key = today.year * 10_000 + today.month * 100 + today.day + (1 << 26)
        lanes = int.from_bytes(key.to_bytes(4, "big") * n, "big") - born
        future = lanes.to_bytes(4 * n, "big")[0::4].translate(_FUTURE_BIT)
    flags = _int(century_bad) * 4 + _int(date_bad) * 2 + _int(future)
    return flags.to_bytes(n, "big").translate(_HEAD_FIRST)


def iin_status_vector(values: Sequence[str], *, today: date | None = None) -> bytes:
    """One status byte per value (index into :data:`STATUS_CODES`; 0 = valid), vectorised.

    The same decisions as :func:`parse_iin`, for millions of rows: the check digit of every row
    is computed at once by packing each digit column into one big integer with a 16-bit lane
    per row (the weighted sums never exceed 594, so lanes never carry), and the date part once
    per distinct ``YYMMDD`` + century digit. Only the C-level loops of ``bytes`` and ``int``
    touch every row.

    >>> list(iin_status_vector(["640302200018", "061211600013", "abc", "900101300801"]))
    [0, 6, 1, 5]
    """
    n = len(values)
    if n == 0:
        return b""
    rows = list(values)
    bad_format: list[int] = []
    joined = "".join(rows)
    if len(joined) != 12 * n or not (joined.isascii() and joined.isdigit()):
        for i, v in enumerate(rows):
            if len(v) != 12 or not v.isascii() or not v.isdigit():
                bad_format.append(i)
                rows[i] = "000101100000"  # a placeholder: its status is overwritten below
        joined = "".join(rows)
    digits = joined.encode("ascii").translate(_ASCII_DIGIT)
    head_status = _head_status_vector(digits, n, today)
    lanes = [_lanes16(digits[i::12]) for i in range(11)]
    first = _mod11_lanes(sum(w * x for w, x in zip(WEIGHTS_FIRST, lanes, strict=True)), n)
    second = _mod11_lanes(sum(w * x for w, x in zip(WEIGHTS_SECOND, lanes, strict=True)), n)
    both = int.from_bytes(first, "big") * 11 + int.from_bytes(second, "big")
    final = both.to_bytes(n, "big").translate(_FINAL)
    check = (
        (int.from_bytes(final, "big") * 16 + int.from_bytes(digits[11::12], "big"))
        .to_bytes(n, "big")
        .translate(_CHECK)
    )
    combined = int.from_bytes(head_status, "big") * 8 + int.from_bytes(check, "big")
    status = bytearray(combined.to_bytes(n, "big").translate(_FIRST))
    for i in bad_format:
        status[i] = _STATUS_OF["iin_format"]
    return bytes(status)
