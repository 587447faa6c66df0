"""Figures in words, as the CEC's protocol forms ask for them ("цифрами и прописью").

Every figure of a precinct protocol and of the protocol of mandate distribution is written in
digits and in words, so that a figure cannot be changed by adding a digit, as protocol forms in
Kazakhstan and its CIS neighbours do. The CEC resolution approving the forms was not retrieved
(law-notes §4: the exact form is UNCONFIRMED); writing figures in words is the common practice
of those forms. Words in Kazakh (the state language), Russian and English; whole numbers from 0
up to 999,999,999,999, which covers every count of voters, ballots and votes.

>>> in_words(1870, "ru")
'одна тысяча восемьсот семьдесят'
>>> in_words(1870, "kk")
'бір мың сегіз жүз жетпіс'
>>> in_words(2_000_021, "ru")
'два миллиона двадцать один'
>>> in_words(0, "en")
'zero'
"""

from __future__ import annotations

from .errors import LawError

LIMIT = 10**12


class FigureOutOfRange(LawError):
    """A figure that cannot be written in words (negative, or a trillion and more)."""

    code = "figure_out_of_range"


# --- Russian --------------------------------------------------------------------------------

_RU_UNITS_M = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_RU_UNITS_F = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_RU_TEENS = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
]
_RU_TENS = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
]
_RU_HUNDREDS = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
]
#: (one, two-to-four, five-and-more, feminine) for thousands, millions, billions.
_RU_SCALES = [
    ("тысяча", "тысячи", "тысяч", True),
    ("миллион", "миллиона", "миллионов", False),
    ("миллиард", "миллиарда", "миллиардов", False),
]


def _ru_triple(n: int, *, feminine: bool) -> list[str]:
    words = [_RU_HUNDREDS[n // 100]]
    rest = n % 100
    if 10 <= rest < 20:
        words.append(_RU_TEENS[rest - 10])
    else:
        words.append(_RU_TENS[rest // 10])
        words.append((_RU_UNITS_F if feminine else _RU_UNITS_M)[rest % 10])
    return [w for w in words if w]


def _ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    if 10 <= n % 100 < 20:
        return forms[2]
    if n % 10 == 1:
        return forms[0]
    if 2 <= n % 10 <= 4:
        return forms[1]
    return forms[2]


def _ru(n: int) -> str:
    if n == 0:
        return "ноль"
    words: list[str] = []
    for power in (3, 2, 1):
        part = (n // 1000**power) % 1000
        if part:
            one, few, many, feminine = _RU_SCALES[power - 1]
            words += _ru_triple(part, feminine=feminine)
            words.append(_ru_plural(part, (one, few, many)))
    words += _ru_triple(n % 1000, feminine=False)
    return " ".join(words)


# --- Kazakh ---------------------------------------------------------------------------------

_KK_UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
_KK_TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
_KK_SCALES = ["мың", "миллион", "миллиард"]


def _kk_triple(n: int) -> list[str]:
    words: list[str] = []
    if n // 100:
        # "жүз" alone is one hundred; "екі жүз" two hundred.
        if n // 100 > 1:
            words.append(_KK_UNITS[n // 100])
        words.append("жүз")
    words.append(_KK_TENS[(n % 100) // 10])
    words.append(_KK_UNITS[n % 10])
    return [w for w in words if w]


def _kk(n: int) -> str:
    if n == 0:
        return "нөл"
    words: list[str] = []
    for power in (3, 2, 1):
        part = (n // 1000**power) % 1000
        if part:
            # "бір мың", as the official forms write it, so that no digit can be prefixed.
            words += _kk_triple(part) if part > 1 else ["бір"]
            words.append(_KK_SCALES[power - 1])
    words += _kk_triple(n % 1000)
    return " ".join(words)


# --- English --------------------------------------------------------------------------------

_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ["thousand", "million", "billion"]


def _en_triple(n: int) -> list[str]:
    words: list[str] = []
    if n // 100:
        words += [_EN_UNITS[n // 100], "hundred"]
    rest = n % 100
    if 10 <= rest < 20:
        words.append(_EN_TEENS[rest - 10])
    elif rest:
        tens, units = _EN_TENS[rest // 10], _EN_UNITS[rest % 10]
        words.append(f"{tens}-{units}" if tens and units else tens or units)
    return words


def _en(n: int) -> str:
    if n == 0:
        return "zero"
    words: list[str] = []
    for power in (3, 2, 1):
        part = (n // 1000**power) % 1000
        if part:
            words += [*_en_triple(part), _EN_SCALES[power - 1]]
    words += _en_triple(n % 1000)
    return " ".join(words)


_WRITERS = {"ru": _ru, "kk": _kk, "en": _en}


def in_words(n: int, language: str) -> str:
    """``n`` in words in ``language`` (``kk``, ``ru`` or ``en``; any other: Kazakh).

    >>> in_words(101, "kk"), in_words(111, "ru"), in_words(21_000, "ru")
    ('жүз бір', 'сто одиннадцать', 'двадцать одна тысяча')
    >>> in_words(1_000_000, "kk")
    'бір миллион'
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < LIMIT:
        msg = f"{n!r} cannot be written in words (0 to {LIMIT - 1:,})"
        raise FigureOutOfRange(msg)
    return _WRITERS.get(language[:2], _kk)(n)
