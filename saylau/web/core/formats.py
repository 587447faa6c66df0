"""One number and date format per language, for pages, PDFs and exports alike.

Kazakh and Russian group thousands with a no-break space and write a decimal comma
(``12 345``, ``45,67 %``), dates as ``02.12.2026`` and times on the 24-hour clock; English
groups with a comma and writes a decimal point (``12,345``, ``45.67 %``, ``2 Dec 2026``).
Every time is shown in Kazakhstan's local time (:mod:`saylau.web.core.clock`).

These functions never touch URLs, form values or machine-readable exports: a CSV or JSON for
machines keeps plain digits and ISO dates (docs/formats/results.md); these are for people.

>>> figure(1234567, "kk"), figure(1234567, "en")
('1\\xa0234\\xa0567', '1,234,567')
>>> percent(Fraction(200, 3), "ru"), percent(Decimal("12.5"), "en", places=1)
('66,67\\xa0%', '12.5\\xa0%')
>>> local_date(date(2027, 3, 1), "kk"), local_date(date(2027, 3, 1), "en")
('01.03.2027', '1 Mar 2027')
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .names import current_language

__all__ = ["decimal", "figure", "local_date", "local_datetime", "percent", "separators"]

NBSP = "\u00a0"

_SEPARATORS = {"en": (",", ".")}  # (thousands, decimal); kk and ru: (no-break space, comma)
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _lang(language: str | None) -> str:
    return (language or current_language())[:2]


def _group(digits: str, thousands: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return thousands.join(groups)


def separators(language: str | None = None) -> tuple[str, str]:
    """The language's (thousands separator, decimal sign), for text built outside the web
    layer that takes them as a parameter (the law's trace of a mandate distribution).

    >>> separators("ru"), separators("en")
    (('\\xa0', ','), (',', '.'))
    """
    return _SEPARATORS.get(_lang(language), (NBSP, ","))


def figure(n: int | None, language: str | None = None) -> str:
    """A whole number with its thousands grouped (an empty string for ``None``)."""
    if n is None:
        return ""
    thousands, _ = separators(language)
    sign = "-" if n < 0 else ""
    return sign + _group(str(abs(int(n))), thousands)


def decimal(
    value: Fraction | Decimal | int | float, language: str | None = None, *, places: int = 2
) -> str:
    """A number rounded half up to ``places`` decimals, grouped, with the language's decimal sign."""
    thousands, point = separators(language)
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):f}".partition(".")
    text = _group(whole, thousands)
    return sign + (f"{text}{point}{frac}" if places > 0 else text)


def percent(
    value: Fraction | Decimal | int | float, language: str | None = None, *, places: int = 2
) -> str:
    """A percentage as people read it: ``45,67 %`` (the value is already in percent)."""
    return f"{decimal(value, language, places=places)}{NBSP}%"


def local_date(day: date | datetime | None, language: str | None = None) -> str:
    """A date: ``01.03.2027`` in Kazakh and Russian, ``1 Mar 2027`` in English."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        from .clock import localtime

        day = localtime(day).date() if day.tzinfo else day.date()
    if _lang(language) == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return day.strftime("%d.%m.%Y")


def local_datetime(moment: datetime | None, language: str | None = None) -> str:
    """A moment in Kazakhstan's local time: ``01.03.2027 20:05``."""
    if moment is None:
        return ""
    from .clock import localtime

    if moment.tzinfo is not None:
        moment = localtime(moment)
    return f"{local_date(moment.date(), language)} {moment:%H:%M}"
