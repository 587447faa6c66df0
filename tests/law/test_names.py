"""Names: Kazakh case mapping, folding for matching, patronymics, the 2021 Latin alphabet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saylau.law.names import (
    KK_LOWER,
    KK_UPPER,
    LATIN_2021,
    MATCH_FOLD,
    NAME_SEPARATORS,
    canonical_patronymic,
    fold_name,
    kk_lower,
    kk_upper,
    patronymic_sex,
    to_latin_2021,
)

KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.mark.parametrize(
    ("kazakh", "russian"),
    [
        ("Нұрлан", "Нурлан"),
        ("Әлия", "Алия"),
        ("Ғалым", "Галым"),
        ("Қайрат", "Кайрат"),
        ("Жәңгір", "Жангир"),
        ("Өмірзақ", "Омирзак"),
        ("Ұлпан", "Улпан"),
        ("Үміт", "Умит"),
        ("Һадиша", "Хадиша"),
        ("Айгүл", "Айгуль"),
        ("Семён", "Семен"),
    ],
)
def test_kazakh_and_russian_spellings_of_a_name_fold_to_one_form(kazakh: str, russian: str) -> None:
    assert fold_name(kazakh) == fold_name(russian)
    assert fold_name(kazakh.upper()) == fold_name(russian)


def test_every_kazakh_letter_folds_in_both_cases() -> None:
    for letter in KAZAKH_LETTERS:
        assert letter in MATCH_FOLD
        assert kk_upper(letter) in MATCH_FOLD
        assert MATCH_FOLD[letter] == MATCH_FOLD[kk_upper(letter)]


def test_the_fold_table_is_a_plain_dict_of_single_letters_the_data_engine_can_apply() -> None:
    assert type(MATCH_FOLD) is dict
    assert all(len(k) == 1 and len(v) <= 1 for k, v in MATCH_FOLD.items())


def test_folding_normalises_decomposed_letters_and_spacing() -> None:
    decomposed = "Сем" + "е\u0308" + "н  " + "И\u0306" + "ылкы"
    assert fold_name(decomposed) == "семен йылкы"


@pytest.mark.parametrize(
    ("patronymic", "canonical"),
    [
        ("Серікұлы", "серик улы"),
        ("Серикулы", "серик улы"),
        ("Серік ұлы", "серик улы"),
        ("Серік-ұлы", "серик улы"),
        ("Серикович", "серик улы"),
        ("СЕРИКОВИЧ", "серик улы"),
        ("Serikuly", "serik улы"),
        ("Serıkūly", "serık улы"),
        ("Серікқызы", "серик кызы"),
        ("Серикқызы", "серик кызы"),
        ("Сериковна", "серик кызы"),
        ("Сергеевич", "серге улы"),
        ("Сергейұлы", "серге улы"),
        ("Сергеевна", "серге кызы"),
        ("Юрьевич", "юри улы"),
        ("Юрийұлы", "юри улы"),
        ("Ғаниұлы", "гани улы"),
        ("Ганиевич", "гани улы"),
        ("Амангелдіқызы", "амангелди кызы"),
        ("Амангелдиевна", "амангелди кызы"),
        ("Әміреұлы", "амире улы"),
        ("Амиреевич", "амире улы"),
        ("Игоревич", "игор улы"),
        ("Болат", "болат"),
    ],
)
def test_patronymic_forms_map_to_one_canonical_form(patronymic: str, canonical: str) -> None:
    assert canonical_patronymic(patronymic) == canonical


def test_a_son_and_a_daughter_of_one_father_do_not_share_a_patronymic() -> None:
    assert canonical_patronymic("Болатұлы") != canonical_patronymic("Болатқызы")
    assert patronymic_sex("Болатұлы") == "M"
    assert patronymic_sex("Болатовна") == "F"


def test_kazakh_case_mapping_of_dotted_and_dotless_i() -> None:
    assert kk_upper("i") == "İ"
    assert kk_upper("ı") == "I"
    assert kk_lower("İ") == "i"
    assert kk_lower("I") == "ı"
    # Python's own mapping is wrong for Kazakh Latin: this is why the tables exist.
    assert "İ".lower() != "i"
    assert kk_upper("і") == "І"
    assert kk_lower("І") == "і"
    assert kk_upper("ё") == "Ё"


def test_case_tables_are_inverse_of_each_other() -> None:
    assert {v: k for k, v in KK_UPPER.items()} == KK_LOWER


@settings(deadline=None)
@given(st.text(alphabet="".join(KK_LOWER.values()) + " -"))
def test_lower_of_upper_is_identity_on_kazakh_text(text: str) -> None:
    assert kk_lower(kk_upper(text)) == text


@settings(deadline=None)
@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert fold_name(fold_name(text)) == fold_name(text)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Қазақстан", "Qazaqstan"),
        ("Әбішев", "Äbışev"),
        ("Ғалымжан", "Ğalymjan"),
        ("Шыңғыс", "Şyñğys"),
        ("Өскемен", "Öskemen"),
        ("Ұлытау", "Ūlytau"),
        ("Үміт", "Ümıt"),
        ("Шымкент", "Şymkent"),
        ("Чапаев", "Çapaev"),
        ("Айгүл", "Aigül"),
        ("ИРИНА", "İRİNA"),
    ],
)
def test_transliteration_to_the_2021_latin_alphabet(cyrillic: str, latin: str) -> None:
    assert to_latin_2021(cyrillic) == latin


def test_every_kazakh_cyrillic_letter_has_a_latin_form() -> None:
    for upper, lower in KK_LOWER.items():
        if "А" <= upper <= "я" or upper in "ӘҒҚҢӨҰҮҺІЁ":
            assert lower in LATIN_2021


def test_the_data_engine_applying_match_fold_in_polars_agrees_with_fold_name() -> None:
    pl = pytest.importorskip("polars")
    names = [
        "Нұрлан Серікұлы",
        "НУРЛАН СЕРИКОВИЧ",
        "Әлия-Ғалымқызы",
        "Айгүл  Өмірзаққызы",
        "Семён Ёлкин",
        "ҺАДИША ҮМІТҚЫЗЫ",
        "Ильяс Ержанович",
        "Ерлан-ұлы, Б.",
    ]
    frame = pl.DataFrame({"name": names})
    folded = frame.select(
        pl.col("name")
        .str.to_lowercase()
        .str.replace_many(list(MATCH_FOLD), list(MATCH_FOLD.values()))
        .str.replace_all(NAME_SEPARATORS, " ")
        .str.strip_chars()
    )["name"].to_list()
    assert folded == [fold_name(n) for n in names]
