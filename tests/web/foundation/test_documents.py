"""The shared pieces of the official documents: figures and sums in words, signature lines."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from saylau.web.core.documents import (
    Signatory,
    digits_and_words,
    money_in_words,
    officer_lines,
    seal_place,
)


def test_a_figure_is_written_in_digits_and_in_words_in_the_reader_language() -> None:
    assert digits_and_words(1870, "ru") == "1\xa0870 (одна тысяча восемьсот семьдесят)"
    assert digits_and_words(1870, "kk") == "1\xa0870 (бір мың сегіз жүз жетпіс)"
    assert digits_and_words(None, "kk") == "—"


def test_a_sum_is_written_in_words_with_its_currency_and_tiyn() -> None:
    with translation.override("kk"):
        assert money_in_words(Decimal("1200.5"), "kk") == "бір мың екі жүз теңге 50 тиын"
    with translation.override("ru"):
        assert money_in_words(Decimal("21000"), "ru") == "двадцать одна тысяча тенге 00 тиын"
        assert money_in_words(Decimal("-3.10"), "ru") == "минус три тенге 10 тиын"


def test_the_seal_place_is_marked_as_each_language_marks_it() -> None:
    with translation.override("ru"):
        assert seal_place() == "М.П."
    with translation.override("kk"):
        assert seal_place() == "М.О."


def test_every_office_gets_a_line_even_when_the_registry_names_nobody_for_it() -> None:
    offices = {"chair": "Chair", "secretary": "Secretary", "member": "Members"}
    members = [("member", "Ким О."), ("chair", "Ахметов Е."), ("member", "Ли А.")]
    assert officer_lines(members, offices=offices, blank_members=2) == [
        Signatory("Chair", "Ахметов Е."),
        Signatory("Secretary", ""),
        Signatory("Members", "Ким О."),
        Signatory("Members", "Ли А."),
    ]
    assert officer_lines([], offices=offices, blank_members=2) == [
        Signatory("Chair"),
        Signatory("Secretary"),
        Signatory("Members"),
        Signatory("Members"),
    ]
