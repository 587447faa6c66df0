"""Figures in words for the protocols, in Kazakh, Russian and English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saylau.law.words import LIMIT, FigureOutOfRange, in_words


@pytest.mark.parametrize(
    ("n", "kk", "ru"),
    [
        (0, "нөл", "ноль"),
        (1, "бір", "один"),
        (11, "он бір", "одиннадцать"),
        (40, "қырық", "сорок"),
        (100, "жүз", "сто"),
        (215, "екі жүз он бес", "двести пятнадцать"),
        (1000, "бір мың", "одна тысяча"),
        (1870, "бір мың сегіз жүз жетпіс", "одна тысяча восемьсот семьдесят"),
        (2000, "екі мың", "две тысячи"),
        (5000, "бес мың", "пять тысяч"),
        (11_000, "он бір мың", "одиннадцать тысяч"),
        (21_000, "жиырма бір мың", "двадцать одна тысяча"),
        (1_000_000, "бір миллион", "один миллион"),
        (2_500_000, "екі миллион бес жүз мың", "два миллиона пятьсот тысяч"),
        (12_004_000, "он екі миллион төрт мың", "двенадцать миллионов четыре тысячи"),
    ],
)
def test_protocol_figures_read_as_the_forms_write_them(n: int, kk: str, ru: str) -> None:
    assert in_words(n, "kk") == kk
    assert in_words(n, "ru") == ru


def test_english_words_for_guests() -> None:
    assert in_words(1870, "en") == "one thousand eight hundred seventy"
    assert in_words(21, "en") == "twenty-one"


def test_an_unknown_language_falls_back_to_kazakh() -> None:
    assert in_words(3, "de") == "үш"


@pytest.mark.parametrize("bad", [-1, LIMIT, True, 1.5])
def test_a_figure_that_cannot_be_written_is_refused(bad: object) -> None:
    with pytest.raises(FigureOutOfRange):
        in_words(bad, "ru")  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=LIMIT - 1))
def test_different_figures_never_read_the_same(n: int) -> None:
    # Words are unambiguous: n and n + 1 never share a reading, and no reading is empty.
    for lang in ("kk", "ru", "en"):
        words = in_words(n, lang)
        assert words and "  " not in words
        assert words != in_words((n + 1) % LIMIT, lang)
